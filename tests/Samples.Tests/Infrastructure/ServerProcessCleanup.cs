namespace Samples.Tests.Infrastructure;

/// <summary>Ends a real server a test started (Squid, Prometheus) and removes the folder it ran in.</summary>
public static class ServerProcessCleanup
{
    public static void StopAndDelete(Process process, DirectoryInfo folder)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }

        process.Dispose();
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: /tmp is cleaned in time.
        }
        catch (UnauthorizedAccessException)
        {
            // Written by another user (Squid drops to "proxy"): /tmp is cleaned in time.
        }
    }
}
