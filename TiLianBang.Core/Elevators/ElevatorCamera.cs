namespace TiLianBang.Core.Elevators;

/// <summary>One camera of an elevator (视频参数): where it looks, the NVR/camera serial and its channel.</summary>
public sealed record ElevatorCamera
{
    public CameraPosition Position { get; init; }
    public required string Serial { get; init; }
    public int Channel { get; init; }
}

/// <summary>The manual's four camera positions.</summary>
public enum CameraPosition
{
    /// <summary>轿厢</summary>
    Car = 1,
    /// <summary>轿顶</summary>
    CarTop = 2,
    /// <summary>机房</summary>
    MachineRoom = 3,
    /// <summary>轿底 (底坑)</summary>
    Pit = 4,
}
