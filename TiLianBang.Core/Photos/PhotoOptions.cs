namespace TiLianBang.Core.Photos;

/// <summary>Where work photos (repairs, maintenance) are kept; the web host sets it to <c>photos</c> in the data folder.</summary>
public sealed class PhotoOptions
{
    public string Directory { get; set; } = "photos";
    public const long MaxBytes = 5 * 1024 * 1024;
}
