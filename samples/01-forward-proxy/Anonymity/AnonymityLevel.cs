using System.ComponentModel;
using System.Globalization;

namespace Samples.ForwardProxy;

/// <summary>How much of the client the origin gets to see (ForwardProxy:Anonymity).</summary>
[TypeConverter(typeof(AnonymityLevelConverter))]
public enum AnonymityLevel
{
    /// <summary>The client's address goes on in X-Forwarded-For, and Via says a proxy was used.</summary>
    Transparent,

    /// <summary>Every client-identifying header is removed; Via still says a proxy was used.</summary>
    Anonymous,

    /// <summary>Nothing identifies the client, and nothing says a proxy was used.</summary>
    Elite,
}

/// <summary>
/// Reads a level by its name only. The binder's default enum converter would also
/// take numbers ("1" for Anonymous, "7" for nothing at all), which in a privacy
/// setting is a mistake to stop at, not a value to guess from.
/// </summary>
public sealed class AnonymityLevelConverter() : EnumConverter(typeof(AnonymityLevel))
{
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
    {
        if (value is not string text)
        {
            return base.ConvertFrom(context, culture, value);
        }

        var name = text.Trim();
        if (name.Length == 0)
        {
            return AnonymityLevel.Anonymous;
        }

        return !char.IsAsciiDigit(name[0]) && name[0] != '-' && Enum.TryParse<AnonymityLevel>(name, ignoreCase: true, out var level) && Enum.IsDefined(level)
            ? level
            : throw new FormatException($"'{text}' is not one of {string.Join(", ", Enum.GetNames<AnonymityLevel>())}");
    }
}
