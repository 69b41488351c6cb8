namespace Samples.Bench;

/// <summary>
/// Configuration files for the fixed backend and the anchors, each doing the
/// same job as the sample it is compared with, on loopback, one worker each.
/// </summary>
public static class Anchors
{
    public static string BackendNginx(string dir, int[] ports) => $$"""
        worker_processes 1;
        daemon off;
        master_process off;
        pid {{dir}}/backend.pid;
        error_log {{dir}}/backend-error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            keepalive_requests 1000000;
            client_body_temp_path {{dir}}/backend-body;
            server {
                {{string.Join(" ", ports.Select(p => $"listen 127.0.0.1:{p};"))}}
                location / {
                    add_header Cache-Control "no-store" always;
                    return 200 "hello from the bench backend\n";
                }
                location /cacheable {
                    add_header Cache-Control "public, max-age=3600" always;
                    return 200 "a cacheable answer from the bench backend\n";
                }
            }
        }
        """;

    public static string AnchorNginx(string dir, int[] backends, int proxyPort, int cachePort, int roundRobinPort, int tlsPort, string certPath, string keyPath) => $$"""
        worker_processes 1;
        daemon off;
        master_process off;
        pid {{dir}}/anchor.pid;
        error_log {{dir}}/anchor-error.log warn;
        events { worker_connections 4096; }
        http {
            access_log off;
            keepalive_requests 1000000;
            client_body_temp_path {{dir}}/anchor-body;
            proxy_temp_path {{dir}}/anchor-proxy;
            proxy_cache_path {{dir}}/anchor-cache keys_zone=bench:10m;
            upstream single { server 127.0.0.1:{{backends[0]}}; keepalive 64; }
            upstream three { {{string.Join(" ", backends.Select(p => $"server 127.0.0.1:{p};"))}} keepalive 64; }
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            server {
                listen 127.0.0.1:{{proxyPort}};
                location / { proxy_pass http://single; }
            }
            server {
                listen 127.0.0.1:{{cachePort}};
                location / {
                    proxy_pass http://single;
                    proxy_cache bench;
                    proxy_cache_valid 200 10m;
                    proxy_ignore_headers Cache-Control Expires;
                    add_header Cache-Status $upstream_cache_status;
                }
            }
            server {
                listen 127.0.0.1:{{roundRobinPort}};
                location / { proxy_pass http://three; }
            }
            server {
                listen 127.0.0.1:{{tlsPort}} ssl;
                ssl_certificate {{certPath}};
                ssl_certificate_key {{keyPath}};
                ssl_protocols TLSv1.3;
                location / { proxy_pass http://single; }
            }
        }
        """;

    public static string HaProxy(int port, int backend) => $$"""
        global
            maxconn 4096
            nbthread 1
        defaults
            mode http
            timeout connect 5s
            timeout client 30s
            timeout server 30s
            option http-keep-alive
            http-reuse always
        frontend bench
            bind 127.0.0.1:{{port}}
            default_backend single
        backend single
            server b1 127.0.0.1:{{backend}}
        """;

    public static string Squid(string dir, int port) => $$"""
        http_port 127.0.0.1:{{port}}
        acl loopback src 127.0.0.0/8
        http_access allow loopback
        http_access deny all
        cache_mem 64 MB
        maximum_object_size_in_memory 1 MB
        memory_cache_mode always
        access_log none
        cache_store_log none
        cache_log {{dir}}/squid-cache.log
        pid_filename {{dir}}/squid.pid
        coredump_dir {{dir}}
        shutdown_lifetime 0 seconds
        forwarded_for on
        workers 1
        """;

    /// <summary>A wrk script that sends absolute-form requests, as a client configured to use a forward proxy does.</summary>
    public static string AbsoluteFormScript(int backendPort, string path) => $$"""
        wrk.path = "http://127.0.0.1:{{backendPort}}{{path}}"
        wrk.headers["Host"] = "127.0.0.1:{{backendPort}}"
        """;
}
