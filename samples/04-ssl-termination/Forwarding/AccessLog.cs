namespace Samples.SslTermination;

/// <summary>One line per proxied request; source-generated so the hot path stays cheap.</summary>
public static partial class AccessLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "{Client} {Method} {Target} -> {Status} in {ElapsedMs:0.0} ms tls={TlsProtocol} http={HttpProtocol} client-cert={ClientCertificate}")]
    public static partial void Request(
        ILogger logger, string client, string method, string target, int status, double elapsedMs, string tlsProtocol, string httpProtocol, string clientCertificate);
}
