using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Repairs;

/// <summary>Configuration section <c>Repairs</c> (system configuration SYS-1 will edit it).</summary>
public sealed class RepairOptions
{
    /// <summary>How close to the community a worker must be to accept and to sign in.</summary>
    public double GeofenceRadiusMeters { get; set; } = Geofence.DefaultRadiusMeters;
}
