using Microsoft.Extensions.Options;

namespace Samples.SslTermination;

/// <summary>
/// Checks the "Tls" section before anything listens, so a wrong path stops
/// start-up with one line naming the full key instead of failing the first
/// handshake. Whether a PEM pair really is a certificate and its key is found
/// out when it is loaded, a moment later (see Certificates/).
/// </summary>
public sealed class TlsOptionsValidator : IValidateOptions<TlsOptions>
{
    private const string Prefix = TlsOptions.Section + ":";

    public ValidateOptionsResult Validate(string? name, TlsOptions options)
    {
        var failures = new List<string>();
        var noCertificate = TlsOptions.IsEmpty(options.CertificatePath);
        var noKey = TlsOptions.IsEmpty(options.KeyPath);
        if (noCertificate != noKey)
        {
            failures.Add($"{Prefix}{(noKey ? nameof(options.KeyPath) : nameof(options.CertificatePath))}: set both Tls:CertificatePath and Tls:KeyPath, or neither (then a self-signed certificate is made)");
        }

        MustExist(failures, nameof(options.CertificatePath), options.CertificatePath);
        MustExist(failures, nameof(options.KeyPath), options.KeyPath);
        if (options.MutualTlsEnabled)
        {
            if (TlsOptions.ParseListenUrl(options.MutualTlsUrl!) is not { Scheme: "https" })
            {
                failures.Add($"{Prefix}{nameof(options.MutualTlsUrl)}: '{options.MutualTlsUrl}' is not an address like https://127.0.0.1:8444");
            }

            MustExist(failures, nameof(options.ClientCaPath), options.ClientCaPath);
        }

        MustExist(failures, nameof(options.BackendCaPath), options.BackendCaPath);
        NotNegative(failures, nameof(options.ReloadCheckInterval), options.ReloadCheckInterval);
        NotNegative(failures, nameof(options.HstsMaxAge), options.HstsMaxAge);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void MustExist(List<string> failures, string key, string? path)
    {
        if (!TlsOptions.IsEmpty(path) && !File.Exists(path))
        {
            failures.Add($"{Prefix}{key}: file '{path}' does not exist");
        }
    }

    private static void NotNegative(List<string> failures, string key, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            failures.Add($"{Prefix}{key}: '{value}' is not a duration like 00:00:02");
        }
    }
}
