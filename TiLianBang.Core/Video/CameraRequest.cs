using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Video;

/// <summary>One camera position of one elevator, with the archive's camera there (null when none is filled in).</summary>
public sealed record CameraRequest(int ElevatorId, CameraPosition Position, ElevatorCamera? Camera);
