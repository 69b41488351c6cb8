namespace Samples.Tests.Infrastructure;

/// <summary>
/// Finds a free loopback TCP port, for servers that cannot bind port 0 themselves
/// (WireMock, Squid, Prometheus, redis-server). The port is only known free when it
/// is handed out, so two things could still race for it: the ports come from below
/// Linux's ephemeral range (32768 and up, where every port-0 bind in the suite lands),
/// and none is handed out twice in one run.
/// </summary>
public static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + Random.Shared.Next(0, 4000);

    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Someone else has it; the next one.
            }
        }

        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }
}
