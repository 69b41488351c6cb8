namespace Samples.ForwardProxy;

/// <summary>
/// The parent proxy could not give us a tunnel (it is down, refused, or asked for other
/// credentials): the status and the body the client gets, which name the parent.
/// </summary>
public sealed class ParentProxyException(int status, string body) : Exception(body)
{
    public int Status { get; } = status;
}
