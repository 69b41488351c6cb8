using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

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
    private SslStreamCertificateContext _context;
    private (FileStamp Cert, FileStamp Key) _loadedStamps;
    private DateTimeOffset _lastCheck;

    public ServerCertificateSource(IOptions<TlsOptions> options, TimeProvider time, ILogger<ServerCertificateSource> logger)
    {
        // Your PEM pair (as openssl or certbot write it), or a self-signed one for
        // localhost made once and kept in Tls:GeneratedFolder. Loaded now, at start,
        // so a pair that does not match stops start-up instead of failing the first handshake.
        var tls = options.Value;
        Generated = tls.GeneratesCertificate;
        (CertificatePath, KeyPath) = Generated
            ? PemCertificates.EnsureSelfSigned(tls.GeneratedFolder, time)
            : (tls.CertificatePath!, tls.KeyPath!);
        _current = PemCertificates.Load(CertificatePath, KeyPath);
        _context = ContextFor(_current, CertificatePath);
        _checkInterval = tls.ReloadCheckInterval;
        _time = time;
        _logger = logger;
        _loadedStamps = (FileStamp.Of(CertificatePath), FileStamp.Of(KeyPath));
        _lastCheck = time.GetUtcNow();
    }

    /// <summary>True when the certificate is the self-signed one this sample made.</summary>
    public bool Generated { get; }

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
                CheckFiles();
                return _current;
            }
        }
    }

    /// <summary>
    /// The same certificate ready for SslStream: the leaf plus the intermediate CAs
    /// that follow it in the PEM file (a fullchain.pem), built once per certificate
    /// instead of once per handshake, and sent to clients that lack the intermediates.
    /// </summary>
    public SslStreamCertificateContext CurrentContext
    {
        get
        {
            lock (_gate)
            {
                CheckFiles();
                return _context;
            }
        }
    }

    private static SslStreamCertificateContext ContextFor(X509Certificate2 leaf, string certificatePath)
    {
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certificatePath);
        var intermediates = new X509Certificate2Collection();
        intermediates.AddRange(all.Where(c => c.Thumbprint != leaf.Thumbprint).ToArray());

        // offline: the chain is built from the file alone, never by downloading issuers at handshake time.
        return SslStreamCertificateContext.Create(leaf, intermediates, offline: true);
    }

    private void CheckFiles()
    {
        var now = _time.GetUtcNow();
        if (now - _lastCheck >= _checkInterval)
        {
            _lastCheck = now;
            ReloadIfChanged();
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
            _context = ContextFor(fresh, CertificatePath);
            _current = fresh;
            _loadedStamps = stamps;
            LogReloaded(_logger, CertificatePath, PemCertificates.Fingerprint(fresh));
        }
        catch (Exception ex) when (ex is Samples.Scaffolding.StartupException or CryptographicException or IOException)
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
