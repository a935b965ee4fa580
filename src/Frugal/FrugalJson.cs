using System.Text.Json;
using System.Text.Json.Serialization;

namespace Frugal;

/// <summary>How Frugal writes configurations and results: enum members by name, so stored JSON reads well and survives reordering.</summary>
public static class FrugalJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        Converters = { new JsonStringEnumConverter() },
        // A diverged loss is NaN and plateau's best starts at infinity: both must survive a round trip.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
