namespace Samples.Scaffolding;

/// <summary>The start-up banner: what is listening where, and requests to paste.</summary>
public static class Banner
{
    public static void Print(
        string title,
        string concept,
        IEnumerable<string> listening,
        IEnumerable<DemoBackend> backends,
        IEnumerable<string> curlCommands,
        IEnumerable<string>? notes = null)
    {
        var lines = new List<string>
        {
            string.Empty,
            $"=== {title} ===",
            concept,
            string.Empty,
            "Listening on:",
        };
        lines.AddRange(listening.Select(u => "  " + u));
        var running = backends.Where(b => b.IsRunning).ToList();
        if (running.Count > 0)
        {
            lines.Add("Demo backends:");
            lines.AddRange(running.Select(b => $"  {b.Name,-14} {b.Url}"));
        }

        foreach (var note in notes ?? [])
        {
            lines.Add(note);
        }

        lines.Add("Try:");
        lines.AddRange(curlCommands.Select(c => "  " + c));
        lines.Add("Press Ctrl+C to stop.");
        lines.Add(string.Empty);
        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
