using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Samples.ForwardProxy;

/// <summary>ForwardProxy:HttpsInspection: which tunnels the proxy decrypts, and which origins it trusts.</summary>
public sealed class InspectionOptions : ISettingsSection
{
    /// <summary>Decrypt CONNECT tunnels to <see cref="Hosts"/> with the proxy's own root CA. Off by default.</summary>
    public bool Enabled { get; set; }

    /// <summary>Host patterns to inspect, in the host filter's syntax; other tunnels stay blind.</summary>
    public SettingList Hosts { get; set; } = [];

    /// <summary>PEM of an extra CA trusted for origins' certificates, beside the system's; relative to the content root.</summary>
    public string? TrustedOriginCaPath { get; set; }

    /// <summary>The extra CA, loaded (null when none is configured).</summary>
    public X509Certificate2? LoadTrustedOriginCa(string? contentRoot) =>
        string.IsNullOrWhiteSpace(TrustedOriginCaPath)
            ? null
            : X509Certificate2.CreateFromPem(File.ReadAllText(FullPath(contentRoot)));

    /// <summary>Every mistake in the section, each naming its full key.</summary>
    public IEnumerable<string> Problems(string section, string? contentRoot)
    {
        foreach (var problem in HostFilter.Problems(Hosts, $"{section}:Hosts"))
        {
            yield return problem;
        }

        string? caProblem = null;
        try
        {
            LoadTrustedOriginCa(contentRoot)?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            caProblem = $"{section}:TrustedOriginCaPath: cannot read a PEM certificate from '{FullPath(contentRoot)}' ({ex.Message})";
        }

        if (caProblem is not null)
        {
            yield return caProblem;
        }
    }

    private string FullPath(string? contentRoot) =>
        Path.GetFullPath(TrustedOriginCaPath!, contentRoot ?? Directory.GetCurrentDirectory());
}
