using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Repairs;

/// <summary>The fault behind a repair order and what the elevator's collector recorded around it.</summary>
public sealed class RepairFaults(TiLianBangDbContext db, FaultCodeCatalog codes, TimeProvider clock)
{
    /// <summary>How far before the order the events are shown: what led to the fault.</summary>
    public static readonly TimeSpan Before = TimeSpan.FromHours(1);

    public const int MaxEvents = 200;

    public async Task<RepairFaultDetails> DetailsAsync(int orderId, CancellationToken cancellationToken)
    {
        var order = await db.RepairOrders.AsNoTracking()
            .Where(o => o.Id == orderId)
            .Select(o => new
            {
                o.Id, o.Number, o.ElevatorId, ElevatorNumber = o.Elevator!.Number, ElevatorName = o.Elevator.Name, o.Source, o.FaultCode,
                o.PassengersTrapped, o.Description, o.Occurrences, o.CreatedAtUtc, o.FaultClearedAtUtc, o.ClosedAtUtc,
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("repair.not_found", $"工单 {orderId} 不存在或无权查看。", DomainErrorKind.NotFound);
        var from = order.CreatedAtUtc - Before;
        var to = order.ClosedAtUtc ?? clock.GetUtcNow().UtcDateTime;
        var events = await db.ElevatorEvents.AsNoTracking()
            .Where(e => e.ElevatorId == order.ElevatorId && e.ReceivedAtUtc >= from && e.ReceivedAtUtc <= to)
            .OrderBy(e => e.ReceivedAtUtc).ThenBy(e => e.Id)
            .Take(MaxEvents)
            .ToListAsync(cancellationToken);
        var fault = order.FaultCode is { } code ? codes.Find(code) : null;
        // Names and advice in the reader's language (the request culture), as problem details are.
        var culture = CultureInfo.CurrentUICulture;
        return new RepairFaultDetails(
            order.Id, order.Number, order.ElevatorId, order.ElevatorNumber, order.ElevatorName, order.Source, order.FaultCode,
            fault is null ? null : CoreTexts.Show(fault.Name, culture), fault?.Severity, fault?.Advice is { } advice ? CoreTexts.Show(advice, culture) : null,
            order.PassengersTrapped, CoreTexts.Show(order.Description, culture), order.Occurrences, Utc(order.CreatedAtUtc), UtcOrNull(order.FaultClearedAtUtc),
            Utc(from), Utc(to),
            events.Select(e => new RepairFaultEvent(e.Id, e.DeviceId, e.Code, CoreTexts.Show(codes.NameOf(e.Code), culture), e.Kind, e.Raised, e.Floor, e.DetailJson,
                Utc(e.ReceivedAtUtc), UtcOrNull(e.DeviceTimeUtc))).ToList());
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? UtcOrNull(DateTime? at) => at is { } value ? Utc(value) : null;
}
