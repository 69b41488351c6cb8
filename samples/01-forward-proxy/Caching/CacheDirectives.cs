namespace Samples.ForwardProxy;

/// <summary>
/// Splits one Cache-Control line into its directives, by RFC 9111 §5.2's
/// grammar: <c>token [ "=" ( token / quoted-string ) ]</c>, separated by commas.
/// A comma inside a quoted string does not split, so <c>extension="max-age=3600"</c>
/// stays one unknown directive. No spaces are allowed round "=": a directive
/// written "max-age =60" or "max-age= 60" comes back marked not well formed.
/// </summary>
internal static class CacheDirectives
{
    public static IEnumerable<(string Name, string? Argument, bool WellFormed)> Split(string line)
    {
        var position = 0;
        while (position < line.Length)
        {
            var start = position;
            while (position < line.Length && line[position] is not (',' or '=' or '"'))
            {
                position++;
            }

            var rawName = line[start..position];
            var name = rawName.Trim(' ', '\t');
            string? argument = null;
            var wellFormed = name.Length > 0 && !name.AsSpan().ContainsAny(" \t");
            if (position < line.Length && line[position] == '=')
            {
                position++;
                wellFormed &= rawName.Length == 0 || rawName[^1] is not (' ' or '\t');
                if (position < line.Length && line[position] == '"')
                {
                    (argument, position) = QuotedString(line, position);
                }
                else
                {
                    var argumentStart = position;
                    while (position < line.Length && line[position] != ',')
                    {
                        position++;
                    }

                    var rawArgument = line[argumentStart..position];
                    argument = rawArgument.TrimEnd(' ', '\t');
                    wellFormed &= argument.Length > 0 && !argument.AsSpan().ContainsAny(" \t\"");
                }
            }
            else if (position < line.Length && line[position] == '"')
            {
                // A quote where a name should be: skip the quoted text so its commas do not split.
                (_, position) = QuotedString(line, position);
                wellFormed = false;
            }

            // Whatever follows up to the next comma is not part of the grammar.
            var rest = position;
            while (position < line.Length && line[position] != ',')
            {
                position++;
            }

            wellFormed &= line.AsSpan(rest, position - rest).Trim(" \t").IsEmpty;
            position++;
            if (name.Length > 0)
            {
                yield return (name, argument, wellFormed);
            }
        }
    }

    /// <summary>Reads a quoted string starting at the opening quote, undoing backslash escapes; returns it and the index after the closing quote.</summary>
    private static (string Text, int Next) QuotedString(string line, int open)
    {
        var text = new System.Text.StringBuilder();
        var position = open + 1;
        while (position < line.Length && line[position] != '"')
        {
            if (line[position] == '\\' && position + 1 < line.Length)
            {
                position++;
            }

            text.Append(line[position]);
            position++;
        }

        return (text.ToString(), Math.Min(position + 1, line.Length));
    }
}
