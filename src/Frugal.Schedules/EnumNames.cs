using System.ComponentModel;
using System.Reflection;

namespace Frugal.Schedules;

/// <summary>
/// The names users type for enum members, read from their [Description]: the enum is the only list
/// of names, and parsing, help and error messages all come from it.
/// </summary>
public static class EnumNames
{
    public static string Name<T>(this T value) where T : struct, Enum =>
        typeof(T).GetField(value.ToString())?.GetCustomAttribute<DescriptionAttribute>()?.Description
        ?? value.ToString().ToLowerInvariant();

    public static IReadOnlyList<T> All<T>() where T : struct, Enum => Enum.GetValues<T>();

    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        foreach (var candidate in All<T>())
        {
            if (string.Equals(candidate.Name(), name, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    public static string List<T>() where T : struct, Enum => string.Join(", ", All<T>().Select(v => v.Name()));
}
