using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Settings;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// MNT-3: turns plans into the coming maintenance orders, each with the item set of its period. Fixed-cycle slots
/// are generated up to the configured horizon; an on-demand elevator has one open order whose due date is
/// recomputed from usage until the worker signs in. Idempotent: a slot that has an order (whatever run made it)
/// is skipped, and the (elevator, slot) unique key refuses a second one even from a concurrent run.
/// </summary>
public sealed class MaintenanceGeneration(
    TiLianBangDbContext db, TimeProvider clock, SystemSettingsService settingsService, OnDemandPlanner onDemand, MaintenanceItems items)
{
    private const int SaveEvery = 200;

    private readonly Dictionary<(MaintenanceKind, MaintenancePeriod, int?), IReadOnlyList<MaintenanceItem>> _itemSets = [];
    private string? _numberPrefix;
    private int _numberNext;

    /// <summary>Runs over every plan (the caller acts as the system); returns how many orders it created or moved.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var settings = await settingsService.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = clock.Today();
        var plans = await db.MaintenancePlans.AsNoTracking().OrderBy(p => p.ElevatorId).ToListAsync(cancellationToken);
        var elevators = await db.Elevators.IgnoreQueryFilters().AsNoTracking()
            .Where(e => db.MaintenancePlans.Any(p => p.ElevatorId == e.Id))
            .ToDictionaryAsync(e => e.Id, e => new PlannedElevator(e.Variety, e.MaintenanceCompanyId), cancellationToken);
        // Fixed slots are keyed by due date; only those from the earliest plan start can collide.
        var earliest = plans.Count == 0 ? today : plans.Min(p => p.StartDate);
        var existing = (await db.MaintenanceOrders.IgnoreQueryFilters().AsNoTracking()
                .Where(o => o.Mode == MaintenanceMode.FixedCycle && o.DueOn >= earliest)
                .Select(o => new { o.ElevatorId, o.ScheduleKey })
                .ToListAsync(cancellationToken))
            .ToLookup(o => o.ElevatorId, o => o.ScheduleKey);
        var changed = 0;
        var pending = 0;
        foreach (var plan in plans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var elevator = elevators[plan.ElevatorId];
            var changedHere = plan.Mode == MaintenanceMode.OnDemand
                ? await OnDemandAsync(plan, elevator, settings, now, today, cancellationToken)
                : await FixedCycleAsync(plan, elevator, existing[plan.ElevatorId].ToHashSet(), today.AddDays(settings.GenerationHorizonDays), cancellationToken);
            changed += changedHere;
            // Saved in batches: a crash loses at most the batch in hand, and the next run completes it (slots are keyed).
            pending += changedHere;
            if (pending >= SaveEvery)
            {
                pending = 0;
                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return changed;
    }

    private async Task<int> FixedCycleAsync(MaintenancePlan plan, PlannedElevator elevator, HashSet<string> existing, DateOnly until, CancellationToken cancellationToken)
    {
        // Slots before the plan was entered are not made up: the elevator was looked after before the plan existed.
        var from = clock.LocalDateOf(plan.UpdatedAtUtc);
        var created = 0;
        for (var slot = MaintenanceSchedule.FirstSlotFrom(plan.StartDate, from); ; slot++)
        {
            var due = MaintenanceSchedule.SlotDue(plan.StartDate, slot);
            if (due > until)
            {
                return created;
            }
            var key = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (existing.Contains(key))
            {
                continue;
            }
            var period = MaintenanceSchedule.PeriodOf(plan.StartDate, slot == 0 ? null : due.AddDays(-MaintenanceSchedule.HalfMonthlyDays), due, MaintenanceSchedule.HalfMonthlyDays);
            var reason = $"按周期：{MaintenanceSchedule.PeriodName(period)}保养，每 {MaintenanceSchedule.HalfMonthlyDays} 天一次（自 {plan.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} 起）";
            await AddOrderAsync(plan, elevator, key, MaintenanceMode.FixedCycle, period, new DueDecision(due, reason), cancellationToken);
            created++;
        }
    }

    private async Task<int> OnDemandAsync(MaintenancePlan plan, PlannedElevator elevator, SystemSettings settings, DateTime now, DateOnly today, CancellationToken cancellationToken)
    {
        var orders = db.MaintenanceOrders.IgnoreQueryFilters().Where(o => o.ElevatorId == plan.ElevatorId);
        var open = await orders.Include(o => o.Items)
            .Where(o => o.State < MaintenanceOrderState.Submitted)
            .OrderByDescending(o => o.DueOn)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null && (open.Mode != MaintenanceMode.OnDemand || open.State == MaintenanceOrderState.SignedIn))
        {
            // A visit is under way or still planned from the fixed cycle: the next one is computed after it.
            return 0;
        }
        var last = await orders.Where(o => o.State >= MaintenanceOrderState.Submitted)
            .OrderByDescending(o => o.SubmittedAtUtc)
            .Select(o => new { o.SubmittedAtUtc, o.DueOn })
            .FirstOrDefaultAsync(cancellationToken);
        var entered = clock.LocalDateOf(plan.UpdatedAtUtc);
        DueDecision due;
        if (last?.SubmittedAtUtc is { } lastVisitUtc)
        {
            var lastVisitDay = clock.LocalDateOf(lastVisitUtc);
            due = await onDemand.NextDueAsync(plan.ElevatorId, lastVisitUtc, lastVisitDay, now, today, settings, cancellationToken);
        }
        else
        {
            var first = plan.StartDate > entered ? plan.StartDate : entered;
            due = new DueDecision(first, "按需维保：首次保养");
        }
        var period = MaintenanceSchedule.PeriodOf(plan.StartDate, last?.DueOn, due.DueOn, settings.OnDemandMaxIntervalDays);
        if (open is null)
        {
            var sequence = await orders.CountAsync(o => o.Mode == MaintenanceMode.OnDemand, cancellationToken) + 1;
            await AddOrderAsync(plan, elevator, "D" + sequence.ToString(CultureInfo.InvariantCulture), MaintenanceMode.OnDemand, period, due, cancellationToken);
            return 1;
        }
        if (open.DueOn == due.DueOn && open.DueReason == due.Reason && open.Period == period)
        {
            return 0;
        }
        open.DueOn = due.DueOn;
        open.DueReason = due.Reason;
        if (open.Period != period)
        {
            open.Period = period;
            open.Items.Clear();
            open.Items.AddRange(await ItemsAsync(elevator, period, cancellationToken));
        }
        return 1;
    }

    private async Task AddOrderAsync(
        MaintenancePlan plan, PlannedElevator elevator, string key, MaintenanceMode mode, MaintenancePeriod period, DueDecision due, CancellationToken cancellationToken)
    {
        var worker = await MaintenanceWorkers.PlannedAsync(db, plan.WorkerId, plan.GroupId, cancellationToken);
        var order = new MaintenanceOrder
        {
            Number = await NextNumberAsync(cancellationToken),
            ElevatorId = plan.ElevatorId,
            ScheduleKey = key,
            Mode = mode,
            Period = period,
            DueOn = due.DueOn,
            DueReason = due.Reason,
            State = MaintenanceOrderState.Pending,
            WorkerId = worker,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        order.Items.AddRange(await ItemsAsync(elevator, period, cancellationToken));
        db.MaintenanceOrders.Add(order);
    }

    private async Task<List<MaintenanceOrderItem>> ItemsAsync(PlannedElevator elevator, MaintenancePeriod period, CancellationToken cancellationToken)
    {
        var kind = MaintenanceKinds.Of(elevator.Variety);
        if (!_itemSets.TryGetValue((kind, period, elevator.MaintenanceCompanyId), out var set))
        {
            set = await items.ForVisitAsync(kind, period, elevator.MaintenanceCompanyId, cancellationToken);
            _itemSets[(kind, period, elevator.MaintenanceCompanyId)] = set;
        }
        return set.Select(i => new MaintenanceOrderItem
        {
            Period = i.Period,
            Number = i.Number,
            Name = i.Name,
            Requirement = i.Requirement,
            NeedsPhoto = i.NeedsPhoto,
        }).ToList();
    }

    private async Task<string> NextNumberAsync(CancellationToken cancellationToken)
    {
        var prefix = "BY" + TimeZoneInfo.ConvertTime(clock.GetUtcNow(), clock.LocalTimeZone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        if (_numberPrefix != prefix)
        {
            _numberPrefix = prefix;
            // From the highest number of the day, not a count: orders re-planned away leave gaps.
            var highest = await db.MaintenanceOrders.IgnoreQueryFilters().Where(o => o.Number.StartsWith(prefix)).MaxAsync(o => (string?)o.Number, cancellationToken);
            _numberNext = highest is null ? 1 : int.Parse(highest.AsSpan(prefix.Length), CultureInfo.InvariantCulture) + 1;
        }
        return prefix + (_numberNext++).ToString("D5", CultureInfo.InvariantCulture);
    }

    private sealed record PlannedElevator(Elevators.ElevatorVariety Variety, int? MaintenanceCompanyId);
}
