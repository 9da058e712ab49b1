namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// Where the elevators are: UTC+8 without daylight saving. The test app's clock starts in UTC; a test of day or month
/// boundaries sets this zone on it (<c>app.Clock.SetLocalTimeZone(ChinaTime.Zone)</c>), as production runs in it.
/// </summary>
public static class ChinaTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("China", TimeSpan.FromHours(8), "China", "China");
}
