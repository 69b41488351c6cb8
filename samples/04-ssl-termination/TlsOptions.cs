namespace Samples.SslTermination;

/// <summary>
/// The "Tls" section: the server certificate, the mutual-TLS listener, the CAs
/// this proxy trusts, and HSTS. Paths are relative to the sample's folder (its
/// content root); they are made absolute once, when the options are built.
/// </summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    /// <summary>Your certificate as PEM (a fullchain.pem is fine). Empty, with KeyPath empty too: a self-signed one is made.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's unencrypted private key, as PEM.</summary>
    public string? KeyPath { get; set; }

    /// <summary>Where generated certificates live (the self-signed server one, the demo client CA).</summary>
    public string GeneratedFolder { get; set; } = ".certs";

    /// <summary>How often, at most, the PEM files are looked at for changes.</summary>
    public TimeSpan ReloadCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The listener that requires a client certificate; empty turns it off.</summary>
    public string? MutualTlsUrl { get; set; }

    /// <summary>The CA that must have signed client certificates. Empty: a demo client CA is made.</summary>
    public string? ClientCaPath { get; set; }

    /// <summary>An extra CA trusted for https:// backends, on top of the machine's own.</summary>
    public string? BackendCaPath { get; set; }

    /// <summary>How long browsers should remember "HTTPS only" for this host.</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Neither certificate path set: this sample makes (and reuses) a self-signed certificate.</summary>
    public bool GeneratesCertificate => IsEmpty(CertificatePath) && IsEmpty(KeyPath);

    public bool MutualTlsEnabled => !IsEmpty(MutualTlsUrl);

    internal static bool IsEmpty(string? value) => string.IsNullOrWhiteSpace(value);

    /// <summary>A listen address as a Uri; Kestrel's wildcards (* and +) are not host names a Uri accepts.</summary>
    internal static Uri? ParseListenUrl(string url) =>
        Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? uri
            : null;

    /// <summary>Makes every path absolute, against the sample's folder.</summary>
    internal void ResolvePaths(string contentRoot)
    {
        CertificatePath = Resolve(CertificatePath);
        KeyPath = Resolve(KeyPath);
        ClientCaPath = Resolve(ClientCaPath);
        BackendCaPath = Resolve(BackendCaPath);
        GeneratedFolder = Path.GetFullPath(IsEmpty(GeneratedFolder) ? ".certs" : GeneratedFolder, contentRoot);

        string? Resolve(string? path) => IsEmpty(path) ? null : Path.GetFullPath(path!, contentRoot);
    }
}
