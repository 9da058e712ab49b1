namespace TiLianBang.Core.Home;

/// <summary>What the 首页轮播 form sends; the picture travels beside it as a stream.</summary>
public sealed record BannerInput
{
    public string? Title { get; init; }
    public string? Link { get; init; }
    public int SortOrder { get; init; }
    public DateOnly? ActiveFrom { get; init; }
    public DateOnly? ActiveUntil { get; init; }
}
