using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Video;

/// <summary>
/// The four camera positions of an elevator the caller may see (the DbContext's scope: another company's elevator is
/// not found), each with its stream address from the installation's video provider or the reason it has none.
/// </summary>
public sealed class ElevatorCameras(TiLianBangDbContext db, IVideoProvider provider)
{
    public static IReadOnlyList<CameraPosition> Positions { get; } = Enum.GetValues<CameraPosition>();

    public async Task<IReadOnlyList<CameraFeed>> ListAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var elevator = await db.Elevators.AsNoTracking().SingleOrDefaultAsync(e => e.Id == elevatorId, cancellationToken)
            ?? throw NotFound(elevatorId);
        return await Task.WhenAll(Positions.Select(position =>
        {
            var camera = elevator.Cameras.FirstOrDefault(c => c.Position == position);
            return camera is null && !provider.CoversUnconfiguredPositions
                ? Task.FromResult(CameraFeed.NotConfigured(position))
                : provider.OpenAsync(new CameraRequest(elevatorId, position, camera), cancellationToken);
        }));
    }

    /// <summary>Whether the caller may watch this elevator's cameras (it exists within their scope).</summary>
    public Task<bool> VisibleAsync(int elevatorId, CancellationToken cancellationToken) =>
        db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken);

    private static DomainException NotFound(int id) =>
        new("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
