namespace Samples.Tests.Gateway;

/// <summary>The Ocelot-style files of Gateway/OcelotFiles, written for these tests, with the backend's port filled in.</summary>
internal static class OcelotFiles
{
    /// <summary>The text of <paramref name="name"/>, with {{PORT}} replaced by <paramref name="port"/>.</summary>
    public static string Read(string name, int port = 0) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Gateway", "OcelotFiles", name))
            .Replace("{{PORT}}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
