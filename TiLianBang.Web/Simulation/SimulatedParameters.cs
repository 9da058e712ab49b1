using System.Globalization;

namespace TiLianBang.Web.Simulation;

/// <summary>
/// Plausible 8K-style controller parameters (function codes Fx-yy) for readParams answers. The ones a real
/// controller derives from its state or its configuration (F4-01 当前楼层, F0-03 额定速度, F6-00 最高层,
/// FB-02 开门保持时间) are read from the simulated elevator at the moment of the read, so they agree with its
/// state messages.
/// </summary>
public static class SimulatedParameters
{
    public static IReadOnlyDictionary<string, string> Of(SimulatedElevator elevator) => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["F0-00"] = "1",
        ["F0-01"] = "0",
        ["F0-02"] = "50.00",
        ["F0-03"] = elevator.RatedSpeed.ToString("F2", CultureInfo.InvariantCulture),
        ["F0-04"] = "1000",
        ["F1-00"] = "0",
        ["F1-01"] = "11.0",
        ["F1-02"] = "380",
        ["F1-03"] = "23.5",
        ["F1-04"] = "50.00",
        ["F1-05"] = "1460",
        ["F3-00"] = "0.020",
        ["F3-01"] = "0.60",
        ["F3-02"] = "0.75",
        ["F4-00"] = "30",
        ["F4-01"] = elevator.Floor.ToString(CultureInfo.InvariantCulture),
        ["F6-00"] = elevator.Landings.ToString(CultureInfo.InvariantCulture),
        ["F6-01"] = "1",
        ["F8-01"] = "3",
        ["FA-00"] = "0",
        ["FB-00"] = "1",
        ["FB-02"] = SimulatedElevator.DoorDwell.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture),
    };

    /// <summary>The answer to <c>{"codes":[…]}</c> or <c>{"group":"F0"}</c>; unknown codes are left out.</summary>
    public static Dictionary<string, string> Select(IReadOnlyDictionary<string, string> all, IReadOnlyList<string>? codes, string? group) =>
        all.Where(p => codes is not null ? codes.Contains(p.Key) : group is null || p.Key.StartsWith(group + "-", StringComparison.Ordinal))
            .ToDictionary(p => p.Key, p => p.Value);
}
