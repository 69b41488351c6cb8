using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Samples.ForwardProxy;

/// <summary>The open tunnel: bytes copied both ways, never read, until one side is done.</summary>
public static class TunnelPump
{
    // Copies bytes both ways until the origin closes, the client goes away or
    // nothing moves for Kestrel's keep-alive timeout. A client's half close
    // (it has sent everything) is passed on to the origin, whose remaining answer
    // still flows back. Kestrel's transport can only close both directions at
    // once, so the origin's close ends the tunnel. The log says who ended it.
    public static async Task<(long Up, long Down, string EndedBy)> RunAsync(PipeReader input, PipeWriter output, Socket origin, TimeSpan idle, CancellationToken shutdown)
    {
        using var alive = CancellationTokenSource.CreateLinkedTokenSource(shutdown);
        alive.CancelAfter(idle);
        long up = 0, down = 0;
        string? endedBy = null;
        void Ended(string reason) => Interlocked.CompareExchange(ref endedBy, reason, null);

        async Task ClientToOriginAsync()
        {
            try
            {
                while (true)
                {
                    var result = await input.ReadAsync(alive.Token);
                    foreach (var segment in result.Buffer)
                    {
                        await origin.SendAsync(segment, SocketFlags.None, alive.Token);
                        up += segment.Length;
                    }

                    input.AdvanceTo(result.Buffer.End);
                    if (!result.Buffer.IsEmpty)
                    {
                        alive.CancelAfter(idle);
                    }

                    if (result.IsCompleted)
                    {
                        Ended("client");
                        origin.Shutdown(SocketShutdown.Send);
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ConnectionResetException)
            {
                Ended(shutdown.IsCancellationRequested ? "shutdown" : alive.IsCancellationRequested ? "idle" : "client-error");
                await alive.CancelAsync();
            }
        }

        async Task OriginToClientAsync()
        {
            try
            {
                while (true)
                {
                    var memory = output.GetMemory(16 * 1024);
                    var read = await origin.ReceiveAsync(memory, SocketFlags.None, alive.Token);
                    if (read == 0)
                    {
                        Ended("origin");
                        return;
                    }

                    output.Advance(read);
                    down += read;
                    alive.CancelAfter(idle);
                    if ((await output.FlushAsync(alive.Token)).IsCompleted)
                    {
                        Ended("client");
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ConnectionResetException)
            {
                Ended(shutdown.IsCancellationRequested ? "shutdown" : alive.IsCancellationRequested ? "idle" : "origin-error");
            }
        }

        var toOrigin = ClientToOriginAsync();
        await OriginToClientAsync();
        await alive.CancelAsync();
        await toOrigin;
        return (up, down, endedBy ?? "origin");
    }
}
