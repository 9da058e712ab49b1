namespace TiLianBang.Core.Statistics;

/// <summary>
/// 使用年限: an elevator's age in full years since its installation date on the given day, in bands the way
/// supervisors publish them. An elevator without an installation date is 未知; a date in the future (a typing error)
/// counts as new.
/// </summary>
public static class AgeBands
{
    public const string UpTo5 = "0–5 年";
    public const string UpTo10 = "6–10 年";
    public const string UpTo15 = "11–15 年";
    public const string UpTo20 = "16–20 年";
    public const string Over20 = "20 年以上";
    public const string Unknown = "未知";

    public static IReadOnlyList<string> InOrder { get; } = [UpTo5, UpTo10, UpTo15, UpTo20, Over20, Unknown];

    /// <summary>Full years: installed on 2 Dec 2020, it is 5 on 1 Dec 2026 and 6 on 2 Dec 2026.</summary>
    public static int AgeOn(DateOnly installed, DateOnly today)
    {
        var years = today.Year - installed.Year;
        return installed.AddYears(years) > today ? years - 1 : years;
    }

    public static string BandOf(DateOnly? installed, DateOnly today) => installed is not { } date ? Unknown : AgeOn(date, today) switch
    {
        <= 5 => UpTo5,
        <= 10 => UpTo10,
        <= 15 => UpTo15,
        <= 20 => UpTo20,
        _ => Over20,
    };

    /// <summary>
    /// The first installation date that is younger than <paramref name="years"/> full years today: installed after
    /// today minus that many years. Queries compare dates with these bounds so that the database counts the bands.
    /// </summary>
    public static DateOnly YoungerThan(int years, DateOnly today) => today.AddYears(-years);
}
