namespace Samples.Tests.Hardening;

/// <summary>
/// The contract's rules for hostile or malformed requests, checked on every
/// sample over raw TCP: the right status, the sample still serving afterwards,
/// and nothing ambiguous reaching a backend.
/// </summary>
[Trait("Concept", "Hardening")]
public sealed class HostileRequestTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var sample in SampleUnderTest.Names)
        {
            foreach (var @case in new[] { "conflicting-content-length", "bare-cr", "obs-fold", "invalid-method", "http09", "http12", "long-request-line", "too-many-headers", "huge-header", "content-length-and-chunked" })
            {
                data.Add(sample, @case);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task MalformedRequest_AnySample_RejectedAndSampleKeepsServing(string sample, string @case)
    {
        // Arrange
        await using var host = SampleUnderTest.Start(sample);
        var target = host.PlainAddress;
        var (request, expected) = Request(@case, target.Authority);

        // Act
        var answer = await RawHttp.SendAsync(target, request, Ct);
        var after = await RawHttp.SendAsync(target, RawHttp.Bytes($"GET {host.HarmlessPath} HTTP/1.1\r\nHost: {target.Authority}\r\nConnection: close\r\n\r\n"), Ct);

        // Assert
        if (@case == "content-length-and-chunked")
        {
            // RFC 9112 6.1: reject it, or answer it and close the connection.
            (answer.Status == 400 || answer.Closed).Should().BeTrue($"got '{answer.StatusLine}' and the connection stayed open");
        }
        else
        {
            answer.Status.Should().Be(expected, $"case {@case} got '{answer.StatusLine}'");
        }

        after.Status.Should().BeInRange(200, 499, "the sample must go on serving after a hostile request");
        after.Status.Should().NotBe(400);
    }

    [Theory]
    [MemberData(nameof(SampleNames))]
    public async Task HalfSentRequests_ManyAtOnce_OtherClientsStillServed(string sample)
    {
        // Arrange: 50 connections that send half a request and then go silent.
        await using var host = SampleUnderTest.Start(sample);
        var target = host.PlainAddress;
        var stalled = new List<TcpClient>();
        try
        {
            for (var i = 0; i < 50; i++)
            {
                var c = new TcpClient();
                await c.ConnectAsync(target.Host, target.Port, Ct);
                await c.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"GET {host.HarmlessPath} HTTP/1.1\r\nHost: {target.Authority}\r\nX-Slow: "), Ct);
                stalled.Add(c);
            }

            // Act
            var answer = await RawHttp.SendAsync(target, RawHttp.Bytes($"GET {host.HarmlessPath} HTTP/1.1\r\nHost: {target.Authority}\r\nConnection: close\r\n\r\n"), Ct);

            // Assert
            answer.Status.Should().BeInRange(200, 499);
            answer.Status.Should().NotBe(400);
        }
        finally
        {
            foreach (var c in stalled)
            {
                c.Dispose();
            }
        }
    }

    public static TheoryData<string> SampleNames() => [.. SampleUnderTest.Names];

    private static (byte[] Request, int Expected) Request(string @case, string authority)
    {
        var host = $"Host: {authority}\r\n";
        return @case switch
        {
            "conflicting-content-length" => (RawHttp.Bytes($"POST /x HTTP/1.1\r\n{host}Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"), 400),
            "bare-cr" => (RawHttp.Bytes($"GET /x HTTP/1.1\r\n{host}X-A: b\rc\r\n\r\n"), 400),
            "obs-fold" => (RawHttp.Bytes($"GET /x HTTP/1.1\r\n{host}X-A: b\r\n  c\r\n\r\n"), 400),
            "invalid-method" => (RawHttp.Bytes($"G(T /x HTTP/1.1\r\n{host}\r\n"), 400),
            "http09" => (RawHttp.Bytes("GET /x\r\n"), 400),
            "http12" => (RawHttp.Bytes($"GET /x HTTP/1.2\r\n{host}\r\n"), 505),
            "long-request-line" => (RawHttp.Bytes($"GET /{new string('a', 9000)} HTTP/1.1\r\n{host}\r\n"), 414),
            "too-many-headers" => (RawHttp.Bytes($"GET /x HTTP/1.1\r\n{host}{string.Concat(Enumerable.Range(0, 101).Select(i => $"X-H{i}: v\r\n"))}\r\n"), 431),
            "huge-header" => (RawHttp.Bytes($"GET /x HTTP/1.1\r\n{host}X-Big: {new string('a', 40_000)}\r\n\r\n"), 431),
            "content-length-and-chunked" => (RawHttp.Bytes($"POST /x HTTP/1.1\r\n{host}Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"), 400),
            _ => throw new ArgumentOutOfRangeException(nameof(@case)),
        };
    }
}
