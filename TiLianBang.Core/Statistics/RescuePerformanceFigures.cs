namespace TiLianBang.Core.Statistics;

/// <summary>
/// 困人救援 in a period, as regulators publish it ("30 分钟到达率"): of the trapped-passenger orders raised (cancelled
/// ones aside), how many had a worker signed in on site within their arrival limit.
/// </summary>
/// <param name="Orders">Trapped-passenger orders raised in the period and not cancelled.</param>
/// <param name="WithinLimit">Signed in on site within the limit.</param>
/// <param name="Late">Signed in after the limit, or still nobody on site and the limit has passed.</param>
/// <param name="Waiting">Nobody on site yet but still within the limit: not decided, so not in the rate.</param>
/// <param name="ArrivalRate">WithinLimit / (WithinLimit + Late), 0–1; null when nothing is decided yet.</param>
/// <param name="AverageArrivalMinutes">Mean minutes from the alarm to signing in, over the orders signed in.</param>
/// <param name="LimitMinutes">The arrival limit most of the period's orders had (for the label "30 分钟到达率").</param>
public sealed record RescuePerformanceFigures(
    int Orders,
    int WithinLimit,
    int Late,
    int Waiting,
    double? ArrivalRate,
    double? AverageArrivalMinutes,
    int LimitMinutes);
