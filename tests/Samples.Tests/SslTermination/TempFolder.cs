namespace Samples.Tests.SslTermination;

/// <summary>A fresh folder under the temp directory for one test's PEM files, deleted afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => FullName = Directory.CreateTempSubdirectory("samples-tls-").FullName;

    public string FullName { get; }

    public static implicit operator string(TempFolder folder) => folder.FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(FullName, recursive: true);
        }
        catch (IOException)
        {
            // Something still holds a file open; the temp directory is cleaned by the OS in the end.
        }
    }
}
