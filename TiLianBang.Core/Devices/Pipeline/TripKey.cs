using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Pipeline;

/// <summary>What a trip-boundary row (StateChange) is recorded on: a change of service mode or of running.</summary>
internal readonly record struct TripKey(ServiceMode Mode, bool Running);
