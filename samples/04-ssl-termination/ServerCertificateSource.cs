using System.Security.Cryptography.X509Certificates;

namespace Samples.SslTermination;

/// <summary>
/// Hands Kestrel the server certificate for each new TLS handshake, and picks up
/// new PEM files without a restart (as nginx does on reload, and certbot's
/// renewal expects). At most once per check interval it looks at the files'
/// size and last-write time; when they changed it loads them again. Connections
/// already open keep the certificate they were made with.
/// </summary>
public sealed partial class ServerCertificateSource
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TimeSpan _checkInterval;
    private readonly ILogger<ServerCertificateSource> _logger;
    private X509Certificate2 _current;
    private (FileStamp Cert, FileStamp Key) _loadedStamps;
    private DateTimeOffset _lastCheck;

    public ServerCertificateSource(
        string certificatePath,
        string keyPath,
        X509Certificate2 initial,
        TimeSpan checkInterval,
        TimeProvider time,
        ILogger<ServerCertificateSource> logger)
    {
        CertificatePath = certificatePath;
        KeyPath = keyPath;
        _current = initial;
        _checkInterval = checkInterval;
        _time = time;
        _logger = logger;
        _loadedStamps = (FileStamp.Of(certificatePath), FileStamp.Of(keyPath));
        _lastCheck = time.GetUtcNow();
    }

    /// <summary>The public PEM: what you give curl --cacert (for a self-signed certificate).</summary>
    public string CertificatePath { get; }

    public string KeyPath { get; }

    /// <summary>The certificate new handshakes get, reloaded first when the files changed.</summary>
    public X509Certificate2 Current
    {
        get
        {
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                if (now - _lastCheck >= _checkInterval)
                {
                    _lastCheck = now;
                    ReloadIfChanged();
                }

                return _current;
            }
        }
    }

    private void ReloadIfChanged()
    {
        var stamps = (FileStamp.Of(CertificatePath), FileStamp.Of(KeyPath));
        if (stamps == _loadedStamps)
        {
            return;
        }

        try
        {
            var fresh = PemCertificates.Load(CertificatePath, KeyPath);
            _current = fresh;
            _loadedStamps = stamps;
            LogReloaded(_logger, CertificatePath, PemCertificates.Fingerprint(fresh));
        }
        catch (Samples.Scaffolding.StartupException ex)
        {
            // A renewal tool may have written the certificate but not yet the key:
            // keep serving the old pair and look again after the next interval.
            // (The old certificate is not disposed: open handshakes may still use it.)
            LogReloadFailed(_logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Server certificate reloaded from {Path}; SHA-256 {Fingerprint}")]
    private static partial void LogReloaded(ILogger logger, string path, string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Server certificate files changed but could not be loaded; still serving the previous one: {Problem}")]
    private static partial void LogReloadFailed(ILogger logger, string problem);

    private readonly record struct FileStamp(long Length, DateTime LastWriteUtc)
    {
        public static FileStamp Of(string path)
        {
            var info = new FileInfo(path);
            return info.Exists ? new FileStamp(info.Length, info.LastWriteTimeUtc) : default;
        }
    }
}
