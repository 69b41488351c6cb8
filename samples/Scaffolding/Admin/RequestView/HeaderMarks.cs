namespace Samples.Scaffolding.Admin.RequestView;

/// <summary>
/// Lines up the headers the client sent with the ones the backend received and
/// marks what the proxy did to each: the anonymity levels, the forwarded
/// headers and the gateway's claims-to-headers all show up here.
/// </summary>
public static class HeaderMarks
{
    public const string Same = "same";
    public const string Changed = "changed";
    public const string Removed = "removed";
    public const string Added = "added";

    /// <summary>
    /// The client's headers in the order it sent them, then the ones only the
    /// backend received. <paramref name="backend"/> null: never forwarded, no marks.
    /// </summary>
    public static IReadOnlyList<HeaderRow> Compare(IReadOnlyList<HeaderField> client, IReadOnlyList<HeaderField>? backend)
    {
        var rows = new List<HeaderRow>(client.Count + (backend?.Count ?? 0));
        if (backend is null)
        {
            foreach (var header in client)
            {
                rows.Add(new HeaderRow(header.Name, header.Value, null, null));
            }

            return rows;
        }

        foreach (var header in client)
        {
            var received = Find(backend, header.Name);
            var mark = received is null ? Removed : received.Value == header.Value ? Same : Changed;
            rows.Add(new HeaderRow(header.Name, header.Value, received?.Value, mark));
        }

        foreach (var header in backend)
        {
            if (Find(client, header.Name) is null)
            {
                rows.Add(new HeaderRow(header.Name, null, header.Value, Added));
            }
        }

        return rows;
    }

    // A request has a few dozen headers at most: a linear scan beats building a dictionary.
    private static HeaderField? Find(IReadOnlyList<HeaderField> headers, string name)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return header;
            }
        }

        return null;
    }
}
