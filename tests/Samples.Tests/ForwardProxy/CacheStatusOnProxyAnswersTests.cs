using Samples.ForwardProxy;

namespace Samples.Tests.ForwardProxy;

/// <summary>
/// Cache-Status (RFC 9211) on every answer the proxy makes itself, not only on
/// the ones the cache handled: a refusal before the cache says fwd=bypass; an
/// error after it keeps the cache's own value.
/// </summary>
[Trait("Concept", "Caching")]
public sealed class CacheStatusOnProxyAnswersTests
{
    [Fact]
    public async Task ProxyAnswers_BeforeTheCache_EachSaysFwdBypass()
    {
        // Arrange: a proxy with users (407), a blocked host (403), its own address (508), its own page (404), an https:// URL (400).
        await using var proxy = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ForwardProxy:Filter:BlockedHosts:0"] = "blocked.localhost",
        });
        await using var guarded = SampleHost<ForwardProxyApp>.Start(new Dictionary<string, string?>
        {
            ["ForwardProxy:Authentication:Users:0"] = "alice:secret",
        });
        var self = $"127.0.0.1:{proxy.BaseAddress.Port}";

        // Act
        var unauthenticated = await RawHttp.SendAsync(guarded.BaseAddress, "GET http://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n", Ct);
        var blocked = await RawHttp.SendAsync(proxy.BaseAddress, "GET http://blocked.localhost/ HTTP/1.1\r\nHost: blocked.localhost\r\nConnection: close\r\n\r\n", Ct);
        var loop = await RawHttp.SendAsync(proxy.BaseAddress, $"GET http://{self}/x HTTP/1.1\r\nHost: {self}\r\nConnection: close\r\n\r\n", Ct);
        var notFound = await RawHttp.SendAsync(proxy.BaseAddress, "GET /nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", Ct);
        var https = await RawHttp.SendAsync(proxy.BaseAddress, "GET https://127.0.0.1:1/ HTTP/1.1\r\nHost: 127.0.0.1:1\r\nConnection: close\r\n\r\n", Ct);

        // Assert
        foreach (var (answer, status) in new[] { (unauthenticated, 407), (blocked, 403), (loop, 508), (notFound, 404), (https, 400) })
        {
            answer.Status.Should().Be(status);
            answer.Text.Should().Contain("Cache-Status: ForwardProxy; fwd=bypass\r\n", $"the {status} is the proxy's own answer, made before the cache");
        }
    }

    [Fact]
    public async Task ProxyAnswers_AfterTheCache_KeepTheCachesValue()
    {
        // Arrange: nothing listens on the origin's port, so the forwarder answers 502.
        await using var proxy = SampleHost<ForwardProxyApp>.Start();
        var gone = $"127.0.0.1:{FreePort.Next()}";

        // Act
        var unreachable = await RawHttp.SendAsync(proxy.BaseAddress, $"GET http://{gone}/ HTTP/1.1\r\nHost: {gone}\r\nConnection: close\r\n\r\n", Ct);

        // Assert
        unreachable.Status.Should().Be(502);
        unreachable.Text.Should().Contain("Cache-Status: ForwardProxy; fwd=uri-miss\r\n").And.NotContain("fwd=bypass");
    }
}
