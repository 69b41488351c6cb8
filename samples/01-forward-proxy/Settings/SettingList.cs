using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Samples.ForwardProxy;

/// <summary>
/// A list setting, written either as a JSON array (children 0, 1, ...) or, on the
/// command line and in environment variables, as one comma-separated value
/// (--ForwardProxy:Filter:BlockedHosts=ads.example,*.tracker.example). The
/// configuration binder fills it from an array; <see cref="SettingLists"/> reads
/// the single value. A list given in configuration replaces a default, since
/// defaults are applied where the list is used, never put into it.
/// </summary>
public sealed class SettingList : List<string>
{
    /// <summary>True when the list came from one comma-separated value rather than an array.</summary>
    public bool FromOneValue { get; private set; }

    /// <summary>
    /// The non-blank entries, trimmed, each with the full key a mistake in it is reported under:
    /// <c>Section:Name:2</c> for the third array entry, <c>Section:Name</c> for a comma-separated value.
    /// </summary>
    public IEnumerable<(string Key, string Value)> Entries(string key) =>
        this.Select((value, index) => (Key: FromOneValue ? key : $"{key}:{index.ToString(CultureInfo.InvariantCulture)}", Value: value?.Trim() ?? string.Empty))
            .Where(entry => entry.Value.Length > 0);

    /// <summary>The non-blank entries, trimmed.</summary>
    public IEnumerable<string> Values() => Entries(string.Empty).Select(entry => entry.Value);

    /// <summary>Replaces what the binder put in with the parts of one comma-separated value.</summary>
    internal void SetFromOneValue(string value)
    {
        Clear();
        AddRange(value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        FromOneValue = true;
    }
}

/// <summary>
/// A class bound from a configuration section whose <see cref="SettingList"/>
/// properties may be written as one comma-separated value. The attribute keeps
/// the public properties of every such class visible to reflection, which a
/// native (AOT) build would otherwise strip, so <see cref="SettingLists"/> can walk them.
/// </summary>
[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)]
public interface ISettingsSection;

/// <summary>
/// The second half of binding a <see cref="SettingList"/>: after the binder has
/// read arrays, a list key that carries one value of its own ("a, b") is split.
/// An empty JSON array also leaves a key with an empty value; that one is no list.
/// </summary>
public static class SettingLists
{
    public static void ReadCommaSeparated(ISettingsSection options, IConfiguration section)
    {
        foreach (var property in options.GetType().GetProperties().Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var child = section.GetSection(property.Name);
            var value = property.GetValue(options);
            if (value is SettingList list)
            {
                if (!string.IsNullOrWhiteSpace(child.Value))
                {
                    list.SetFromOneValue(child.Value);
                }
            }
            else if (value is ISettingsSection nested)
            {
                ReadCommaSeparated(nested, child);
            }
        }
    }
}
