using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Samples.ForwardProxy;

/// <summary>
/// What the proxy answers to requests addressed to itself: "/" explains how to
/// use it (with this instance's real address filled in), "/proxy.pac" is the PAC
/// file for browsers (Pac/), anything else is 404.
/// </summary>
public static class ProxyInfoPage
{
    public static async Task AnswerAsync(HttpContext context)
    {
        // The PAC file (Pac/) that configures browsers to use this proxy.
        if (context.Request.Path == PacFile.Path && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await PacFile.AnswerAsync(context);
            return;
        }

        if (context.Request.Path != "/" || !(HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
        {
            await ProxyAnswer.WriteAsync(context, StatusCodes.Status404NotFound, "404 Not Found: this is a forward proxy; ask it for absolute URLs (GET http://host/path), or GET / for help\n");
            return;
        }

        var server = context.RequestServices.GetRequiredService<IServer>();
        var proxy = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://127.0.0.1:8081";

        // A full path, so that the command works pasted into a shell in any folder.
        var originPem = Path.Combine(context.RequestServices.GetRequiredService<IWebHostEnvironment>().ContentRootPath, ".certs", "demo-origin.pem");
        var text = $$"""
            This is a forward proxy (sample 01): it fetches http:// URLs for its clients,
            tunnels https:// with CONNECT, hides the client as configured, and filters.

            curl (--noproxy '' because curl skips the proxy for hosts in NO_PROXY even with -x):
              curl -x {{proxy}} --noproxy '' http://127.0.0.1:5101/hello
              curl -x {{proxy}} --noproxy '' --cacert {{originPem}} https://127.0.0.1:5143/secret

            Chromium (loopback bypasses a proxy unless the bypass list removes it):
              chromium --proxy-server={{proxy}} --proxy-bypass-list='<-loopback>' --disable-background-networking --user-data-dir=$(mktemp -d)

            Browsers and operating systems, by proxy auto-config (PAC):
              chromium --proxy-pac-url={{proxy}}/proxy.pac --disable-background-networking --user-data-dir=$(mktemp -d)

            HttpClient:
              new HttpClient(new SocketsHttpHandler { Proxy = new WebProxy("{{proxy}}") { BypassProxyOnLocal = false }, UseProxy = true })

            """;
        if (BlockPage.WantsHtml(context.Request.Headers.Accept))
        {
            await ProxyAnswer.WriteAsync(context, StatusCodes.Status200OK, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forward proxy</title></head><body><pre>{WebUtility.HtmlEncode(text)}</pre></body></html>\n", "text/html; charset=utf-8");
            return;
        }

        await ProxyAnswer.WriteAsync(context, StatusCodes.Status200OK, text);
    }
}
