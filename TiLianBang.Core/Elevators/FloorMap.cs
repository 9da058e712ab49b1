using System.Globalization;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// mqtt 楼层 (DEV-4): the label people see for each physical landing index the device reports (1 = lowest).
/// Without a configured label a landing shows its index, which is right for buildings without basements.
/// </summary>
public sealed class FloorMap
{
    private readonly string[] _labels;

    public FloorMap(IReadOnlyList<string>? labels) => _labels = labels is null ? [] : [.. labels];

    public static readonly FloorMap Default = new(null);

    public IReadOnlyList<string> Labels => _labels;

    public string Label(int landing) =>
        landing >= 1 && landing <= _labels.Length && !string.IsNullOrWhiteSpace(_labels[landing - 1])
            ? _labels[landing - 1]
            : landing.ToString(CultureInfo.InvariantCulture);

    /// <summary>The landing (1 … <paramref name="landings"/>) shown as <paramref name="label"/>, or null when none is.</summary>
    public int? LandingOf(string label, int landings)
    {
        var wanted = label.Trim();
        for (var landing = 1; landing <= landings; landing++)
        {
            if (string.Equals(Label(landing), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return landing;
            }
        }
        return null;
    }

    /// <summary>Labels for a building with <paramref name="basements"/> levels below ground: B2, B1, 1, 2 …</summary>
    public static FloorMap WithBasements(int basements, int landings) => new(
        Enumerable.Range(1, landings)
            .Select(i => i <= basements
                ? "B" + (basements - i + 1).ToString(CultureInfo.InvariantCulture)
                : (i - basements).ToString(CultureInfo.InvariantCulture))
            .ToList());
}
