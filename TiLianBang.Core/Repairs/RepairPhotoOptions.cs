namespace TiLianBang.Core.Repairs;

/// <summary>Where repair photos are kept (the web host sets it to <c>photos</c> in the data folder).</summary>
public sealed class RepairPhotoOptions
{
    public string Directory { get; set; } = "photos";
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxPerOrder = 9;
}
