using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Devices.Recording;

/// <summary>故障记录 of one elevator, newest first (scoped by the DbContext like everything else).</summary>
public sealed class ElevatorEventQueries(TiLianBangDbContext db)
{
    public async Task<IReadOnlyList<ElevatorEvent>> LatestAsync(int elevatorId, int count, CancellationToken cancellationToken) =>
        await db.ElevatorEvents.AsNoTracking()
            .Where(e => e.ElevatorId == elevatorId)
            .OrderByDescending(e => e.Id)
            .Take(Math.Clamp(count, 1, 500))
            .ToListAsync(cancellationToken);
}
