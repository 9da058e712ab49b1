using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// ARC-2: what anyone who scans the QR code in the car may see and do — basic facts, the last maintenance, and
/// reporting a fault — reached only by the elevator's unguessable token, never by its id.
/// </summary>
public sealed class PublicElevators(IServiceScopeFactory scopes, TimeProvider clock)
{
    /// <summary>A second report while a recent one is still open adds nothing: the workers already have it.</summary>
    public static readonly TimeSpan RepeatWindow = TimeSpan.FromMinutes(30);

    public async Task<PublicElevatorInfo?> FindAsync(string token, CancellationToken cancellationToken)
    {
        await using var scope = SystemScope(out var db);
        return await db.Elevators.AsNoTracking()
            .Where(e => e.PublicToken == token)
            .Select(e => new PublicElevatorInfo(
                e.Number, e.Name, e.RegisterCode, e.Community!.Name, e.Community.Address, e.MaintenanceCompany!.Name, e.MaintenanceCompany.ContactPhone,
                e.NextInspectionDate,
                db.MaintenanceOrders.Where(o => o.ElevatorId == e.Id && o.State >= MaintenanceOrderState.Submitted).Max(o => o.SubmittedAtUtc)))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>故障报修 from the public page: a manual repair order, or the open one when someone reported it moments ago.</summary>
    public async Task<PublicReportOutcome> ReportAsync(string token, string description, bool passengersTrapped, string? contact, CancellationToken cancellationToken)
    {
        await using var scope = SystemScope(out var db);
        var elevatorId = await db.Elevators.Where(e => e.PublicToken == token).Select(e => (int?)e.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("elevator.qr_invalid", "二维码已失效，请联系物业。", DomainErrorKind.NotFound);
        var since = clock.GetUtcNow().UtcDateTime - RepeatWindow;
        var recent = await db.RepairOrders
            .Where(o => o.ElevatorId == elevatorId && o.Source == RepairOrderSource.Manual && o.CreatedAtUtc >= since
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled)
            .Select(o => o.Number)
            .FirstOrDefaultAsync(cancellationToken);
        if (recent is not null && !passengersTrapped)
        {
            return new PublicReportOutcome(recent, AlreadyReported: true);
        }
        var text = string.IsNullOrWhiteSpace(contact) ? description : $"{description.Trim()}（报修人联系方式：{contact.Trim()}）";
        var order = await scope.ServiceProvider.GetRequiredService<RepairService>().ReportAsync(elevatorId, text, passengersTrapped, cancellationToken);
        return new PublicReportOutcome(order.Number, AlreadyReported: false);
    }

    private AsyncServiceScope SystemScope(out TiLianBangDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("public:qr");
        db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        return scope;
    }
}

public sealed record PublicElevatorInfo(
    string Number, string Name, string? RegisterCode, string Community, string? Address, string? MaintenanceCompany, string? MaintenancePhone,
    DateOnly? NextInspectionDate, DateTime? LastMaintenanceUtc);

public sealed record PublicReportOutcome(string OrderNumber, bool AlreadyReported);
