namespace Samples.Tests.Gateway;

/// <summary>A temporary folder to write Ocelot files into, deleted with everything in it when disposed.</summary>
internal sealed class OcelotFileFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gateway-ocelot-");

    /// <summary>Writes <paramref name="json"/> as <paramref name="name"/> in the folder and returns its full path.</summary>
    public string Write(string name, string json)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
