using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Maintenance;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Core.Statistics;

/// <summary>
/// STA-3 维保工作统计: per worker, what they did in a period. Every figure is counted by the database through the
/// request's DbContext, so its company filters decide which elevators' visits and repairs count: another
/// company's work on its own elevators never shows, and its workers only appear with work on the caller's elevators.
/// </summary>
public sealed class MaintenanceWorkStatistics(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    public const int MaxNameLength = 64;

    public async Task<IReadOnlyList<WorkerWork>> WorkersAsync(WorkerWorkFilter filter, CancellationToken cancellationToken)
    {
        var name = Name(filter.WorkerName);
        var (fromUtc, toUtc) = filter.Period.UtcRange(clock);
        var offset = OffsetMinutes(filter.Period);
        var today = clock.Today();

        var done = DoneIn(fromUtc, toUtc);
        var doneCounts = await done
            .GroupBy(o => o.WorkerId!.Value)
            .Select(g => new
            {
                WorkerId = g.Key,
                Done = g.Count(),
                Late = g.Count(o => DateOnly.FromDateTime(o.SubmittedAtUtc!.Value.AddMinutes(offset)) > o.DueOn),
            })
            .ToListAsync(cancellationToken);
        var onSite = await done.Where(o => o.SignedInAtUtc != null)
            .Select(o => new KeyedSpan { Key = o.WorkerId!.Value, From = o.SignedInAtUtc!.Value, To = o.SubmittedAtUtc!.Value })
            .AverageMinutes()
            .ToListAsync(cancellationToken);
        // Open overdue visits are few, so their workers are read and counted here: grouped in SQL, SQLite walks the
        // (WorkerId, DueOn) index for the grouping order and reads every visit of the year (0.9 s over 120,000).
        var overdue = (await db.MaintenanceOrders.AsNoTracking()
                .Where(MaintenanceOrder.OverdueOn(today))
                .Select(o => o.WorkerId)
                .ToListAsync(cancellationToken))
            .OfType<int>()
            .CountBy(id => id)
            .Select(g => new { WorkerId = g.Key, Count = g.Value })
            .ToList();
        var repairs = RepairsIn(fromUtc, toUtc);
        var repairCounts = await repairs
            .GroupBy(o => o.AssignedWorkerId!.Value)
            .Select(g => new { WorkerId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var arrival = await repairs.Where(o => o.SignedInAtUtc != null)
            .Select(o => new KeyedSpan { Key = o.AssignedWorkerId!.Value, From = o.CreatedAtUtc, To = o.SignedInAtUtc!.Value })
            .AverageMinutes()
            .ToListAsync(cancellationToken);

        // Who is listed: the caller's own maintenance workers (also with nothing done, which is worth seeing) and
        // anyone with counted work on the caller's elevators.
        var ids = doneCounts.Select(d => d.WorkerId).Concat(overdue.Select(o => o.WorkerId)).Concat(repairCounts.Select(r => r.WorkerId)).ToHashSet();
        var own = actor.Scope.SeesAll ? [] : await db.WithPermission(actor.Scope.CompanyId, Permissions.MaintenanceWork).Select(u => u.Id).ToListAsync(cancellationToken);
        ids.UnionWith(own);
        var people = db.Users.AsNoTracking().Where(u => ids.Contains(u.Id));
        if (name is not null)
        {
            people = people.Where(u => u.DisplayName.Contains(name));
        }
        var names = await people.Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);

        var doneBy = doneCounts.ToDictionary(d => d.WorkerId);
        var onSiteBy = onSite.ToDictionary(m => m.Key, m => m.Minutes);
        var overdueBy = overdue.ToDictionary(o => o.WorkerId, o => o.Count);
        var repairsBy = repairCounts.ToDictionary(r => r.WorkerId, r => r.Count);
        var arrivalBy = arrival.ToDictionary(m => m.Key, m => m.Minutes);
        return names
            .Select(p =>
            {
                var d = doneBy.GetValueOrDefault(p.Id);
                return new WorkerWork(p.Id, p.DisplayName, d?.Done ?? 0, (d?.Done ?? 0) - (d?.Late ?? 0), d?.Late ?? 0,
                    Round(onSiteBy.TryGetValue(p.Id, out var m) ? m : null), overdueBy.GetValueOrDefault(p.Id),
                    repairsBy.GetValueOrDefault(p.Id), Round(arrivalBy.TryGetValue(p.Id, out var a) ? a : null));
            })
            .OrderByDescending(w => w.Done).ThenBy(w => w.WorkerName, StringComparer.Ordinal).ThenBy(w => w.WorkerId)
            .ToList();
    }

    /// <summary>The worker, if the caller may see them: one of the caller's company, or one with work on the caller's elevators.</summary>
    public async Task<WorkerIdentity> WorkerAsync(int workerId, CancellationToken cancellationToken)
    {
        var person = await db.Users.AsNoTracking().Where(u => u.Id == workerId)
            .Select(u => new { u.Id, u.DisplayName, u.CompanyId, Company = db.Companies.Where(c => c.Id == u.CompanyId).Select(c => c.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        var visible = person is not null && (actor.Scope.SeesAll || person.CompanyId == actor.Scope.CompanyId
            || await db.MaintenanceOrders.AnyAsync(o => o.WorkerId == workerId, cancellationToken)
            || await db.RepairOrders.AnyAsync(o => o.AssignedWorkerId == workerId, cancellationToken));
        return visible
            ? new WorkerIdentity(person!.Id, person.DisplayName, person.Company)
            : throw new DomainException("statistics.worker_not_found", $"维保人员 {workerId} 不存在或无权查看。", DomainErrorKind.NotFound);
    }

    /// <summary>
    /// A page of the worker's visits of the period: done ones by their submission day, open ones by their due day
    /// (the same days the figures count them on); 超期 as of today.
    /// </summary>
    public async Task<PagedList<WorkerVisit>> VisitsAsync(int workerId, StatisticsPeriod period, WorkerVisitFilter? filter, Paging paging, CancellationToken cancellationToken)
    {
        await WorkerAsync(workerId, cancellationToken);
        var visits = Visits(workerId, period, filter);
        var total = await visits.CountAsync(cancellationToken);
        var rows = await Rows(visits.Skip(paging.Skip).Take(paging.PageSize), cancellationToken);
        return new PagedList<WorkerVisit>(rows, total, paging);
    }

    /// <summary>Every visit of <see cref="VisitsAsync"/> (for the export), at most <see cref="SpreadsheetLimits.MaxRows"/>.</summary>
    public async Task<IReadOnlyList<WorkerVisit>> AllVisitsAsync(int workerId, StatisticsPeriod period, WorkerVisitFilter? filter, CancellationToken cancellationToken)
    {
        await WorkerAsync(workerId, cancellationToken);
        return await Rows(Visits(workerId, period, filter).Take(SpreadsheetLimits.MaxRows), cancellationToken);
    }

    private IQueryable<MaintenanceOrder> Visits(int workerId, StatisticsPeriod period, WorkerVisitFilter? filter)
    {
        var (fromUtc, toUtc) = period.UtcRange(clock);
        var offset = OffsetMinutes(period);
        var today = clock.Today();
        var mine = db.MaintenanceOrders.AsNoTracking().Where(o => o.WorkerId == workerId);
        var done = mine.Where(o => o.State >= MaintenanceOrderState.Submitted && o.SubmittedAtUtc >= fromUtc && o.SubmittedAtUtc < toUtc);
        var open = mine.Where(o => o.State < MaintenanceOrderState.Submitted && o.DueOn >= period.From && o.DueOn <= period.To);
        var visits = filter switch
        {
            WorkerVisitFilter.Open => open,
            WorkerVisitFilter.Done => done,
            WorkerVisitFilter.OnTime => done.Where(o => DateOnly.FromDateTime(o.SubmittedAtUtc!.Value.AddMinutes(offset)) <= o.DueOn),
            WorkerVisitFilter.Late => done.Where(o => DateOnly.FromDateTime(o.SubmittedAtUtc!.Value.AddMinutes(offset)) > o.DueOn),
            WorkerVisitFilter.Overdue => mine.Where(MaintenanceOrder.OverdueOn(today)),
            WorkerVisitFilter.Assigned => open.Where(o => o.State == MaintenanceOrderState.Assigned),
            WorkerVisitFilter.SignedIn => open.Where(o => o.State == MaintenanceOrderState.SignedIn),
            WorkerVisitFilter.Submitted => done.Where(o => o.State == MaintenanceOrderState.Submitted),
            WorkerVisitFilter.Confirmed => done.Where(o => o.State == MaintenanceOrderState.Confirmed),
            _ => mine.Where(o => (o.State >= MaintenanceOrderState.Submitted && o.SubmittedAtUtc >= fromUtc && o.SubmittedAtUtc < toUtc)
                || (o.State < MaintenanceOrderState.Submitted && o.DueOn >= period.From && o.DueOn <= period.To)),
        };
        return visits.OrderByDescending(o => o.DueOn).ThenByDescending(o => o.Id);
    }

    private async Task<IReadOnlyList<WorkerVisit>> Rows(IQueryable<MaintenanceOrder> page, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var rows = await page
            .Select(o => new
            {
                o.Id, o.Number, o.ElevatorId, ElevatorNumber = o.Elevator!.Number, ElevatorName = o.Elevator.Name, Community = o.Elevator.Community!.Name,
                o.Period, o.DueOn, o.State, o.SignedInAtUtc, o.SubmittedAtUtc,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(o => new WorkerVisit(o.Id, o.Number, o.ElevatorId, o.ElevatorNumber, o.ElevatorName, o.Community, o.Period, o.DueOn, o.State,
                o.SignedInAtUtc, o.SubmittedAtUtc,
                o.SubmittedAtUtc is { } submitted && clock.LocalDateOf(submitted) > o.DueOn,
                MaintenanceOrder.Overdue(o.State, o.DueOn, today),
                o.SignedInAtUtc is { } signedIn && o.SubmittedAtUtc is { } end ? Math.Round((end - signedIn).TotalMinutes, 1) : null))
            .ToList();
    }

    private IQueryable<MaintenanceOrder> DoneIn(DateTime fromUtc, DateTime toUtc) =>
        db.MaintenanceOrders.AsNoTracking()
            .Where(o => o.WorkerId != null && o.State >= MaintenanceOrderState.Submitted && o.SubmittedAtUtc >= fromUtc && o.SubmittedAtUtc < toUtc);

    private IQueryable<RepairOrder> RepairsIn(DateTime fromUtc, DateTime toUtc) =>
        db.RepairOrders.AsNoTracking()
            .Where(o => o.AssignedWorkerId != null && o.State != RepairOrderState.Cancelled && o.CreatedAtUtc >= fromUtc && o.CreatedAtUtc < toUtc);

    /// <summary>
    /// The local zone's offset, for telling the local day of a stored UTC time inside SQL. China keeps UTC+8 all
    /// year; a zone with daylight saving would use the offset of the period's middle.
    /// </summary>
    private double OffsetMinutes(StatisticsPeriod period) =>
        clock.LocalTimeZone.GetUtcOffset(period.From.AddDays(period.Days / 2).ToDateTime(TimeOnly.MinValue)).TotalMinutes;

    private static double? Round(double? minutes) => minutes is { } m ? Math.Round(m, 1) : null;

    private static string? Name(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var term = text.Trim();
        return term.Length <= MaxNameLength
            ? term
            : throw new ValidationException(new Dictionary<string, string> { ["worker"] = $"姓名最多 {MaxNameLength} 个字符。" });
    }
}
