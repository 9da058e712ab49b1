using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Settings;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// Emergency repair orders (REP-1, REP-2): raised from device faults or reported by people, then moved through
/// their life-cycle by the people allowed to. Every refusal leaves the order exactly as it was.
/// </summary>
public sealed partial class RepairService(
    TiLianBangDbContext db,
    CurrentActor actor,
    TimeProvider clock,
    IOptions<RepairOptions> options,
    RepairOrderFeed feed,
    AfterCommit afterCommit,
    NotificationOutbox outbox,
    SystemSettingsService settings)
{
    /// <summary>
    /// A device raised a fault that creates orders. While an order for the same fault of the elevator is open, the
    /// repeat is added to it instead of a second order. Returns the order and whether it is new.
    /// </summary>
    public async Task<(RepairOrder Order, bool Created)> RaiseFromFaultAsync(
        int elevatorId, int faultCode, bool passengersTrapped, string description, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.RepairOrders
            .Where(o => o.ElevatorId == elevatorId && o.FaultCode == faultCode
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            open.Occurrences++;
            open.FaultClearedAtUtc = null;
            open.Steps.Add(Step(null, open.State, now, null, $"故障再次发生（第 {open.Occurrences} 次）"));
            await db.SaveChangesAsync(cancellationToken);
            Announce(open, created: false);
            return (open, false);
        }
        var order = await NewOrderAsync(elevatorId, RepairOrderSource.Device, faultCode, passengersTrapped, description, now, cancellationToken);
        return (order, true);
    }

    /// <summary>
    /// 困人研判 confirmed by a dispatcher: a trapped-passenger order (fault 11, so that the collector's own 困人 event,
    /// should it come, joins this order instead of raising a second one); an open trapped order is joined instead.
    /// </summary>
    public async Task<(RepairOrder Order, bool Created)> RaiseFromSuspicionAsync(int elevatorId, string description, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var open = await db.RepairOrders
            .Where(o => o.ElevatorId == elevatorId && o.FaultCode == TrappedCode
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is not null)
        {
            open.Steps.Add(Step(null, open.State, now, null, "调度确认疑似困人（平台研判），并入本工单"));
            await db.SaveChangesAsync(cancellationToken);
            Announce(open, created: false);
            return (open, false);
        }
        return (await NewOrderAsync(elevatorId, RepairOrderSource.Inferred, TrappedCode, true, description, now, cancellationToken), true);
    }

    /// <summary>The fault code of 困人 (PROTOCOL.md): what a confirmed suspicion becomes.</summary>
    public const int TrappedCode = 11;

    /// <summary>The device reported the fault cleared: noted on the open order (the order itself goes on).</summary>
    public async Task FaultClearedAsync(int elevatorId, int faultCode, CancellationToken cancellationToken)
    {
        var open = await db.RepairOrders
            .Where(o => o.ElevatorId == elevatorId && o.FaultCode == faultCode
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (open is null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        open.FaultClearedAtUtc = now;
        open.Steps.Add(Step(null, open.State, now, null, "设备报告故障已恢复"));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>人工录入 / 故障上报: a person reports a fault of an elevator they can see.</summary>
    public async Task<RepairOrder> ReportAsync(int elevatorId, string description, bool passengersTrapped, CancellationToken cancellationToken)
    {
        var text = description.Trim();
        if (DescriptionError(text) is { } error)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Description"] = error });
        }
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        return await NewOrderAsync(elevatorId, RepairOrderSource.Manual, null, passengersTrapped, text, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>Why a fault description cannot be taken, or null when it can (trimmed: 1–500 characters).</summary>
    public static string? DescriptionError(string description) =>
        description.Trim().Length is 0 or > 500 ? "请描述故障（最多 500 字）。" : null;

    public async Task<IReadOnlyList<RepairOrderSummary>> ListAsync(RepairOrderQuery query, CancellationToken cancellationToken) =>
        await SummariesAsync((await FilterAsync(query, cancellationToken)).OrderByDescending(o => o.Id).Take(Math.Clamp(query.Take, 1, 1000)), cancellationToken);

    /// <summary>One page of 急修任务, newest first, and how many orders match in all (server paging).</summary>
    public async Task<(IReadOnlyList<RepairOrderSummary> Rows, int Total)> PageAsync(
        RepairOrderQuery query, int skip, int take, CancellationToken cancellationToken)
    {
        var orders = await FilterAsync(query, cancellationToken);
        var total = await orders.CountAsync(cancellationToken);
        var ordered = query.TrappedFirst
            ? orders.OrderByDescending(o => o.PassengersTrapped && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled).ThenByDescending(o => o.Id)
            : orders.OrderByDescending(o => o.Id);
        var rows = await SummariesAsync(ordered.Skip(Math.Max(skip, 0)).Take(Math.Clamp(take, 1, 1000)), cancellationToken);
        return (rows, total);
    }

    /// <summary>One page of the API's list, newest first.</summary>
    public async Task<PagedList<RepairOrderSummary>> PageAsync(RepairOrderQuery query, Paging paging, CancellationToken cancellationToken)
    {
        var (rows, total) = await PageAsync(query, paging.Skip, paging.PageSize, cancellationToken);
        return new PagedList<RepairOrderSummary>(rows, total, paging);
    }

    private async Task<IQueryable<RepairOrder>> FilterAsync(RepairOrderQuery query, CancellationToken cancellationToken)
    {
        var orders = db.RepairOrders.AsNoTracking();
        if (query.Category is { } category)
        {
            var states = RepairCategories.StatesOf(category);
            orders = orders.Where(o => states.Contains(o.State));
        }
        if (query.CreatedOn is { } day)
        {
            var (dayStart, dayEnd) = WorkDay.UtcRange(day, clock);
            orders = orders.Where(o => o.CreatedAtUtc >= dayStart && o.CreatedAtUtc < dayEnd);
        }
        if (query.ReportedBy is { } reporter)
        {
            orders = orders.Where(o => o.ReportedBy == reporter);
        }
        if (query.Overdue is true)
        {
            var overdue = await OverdueIdsAsync(orders, cancellationToken);
            orders = orders.Where(o => overdue.Contains(o.Id));
        }
        if (query.State is { } state)
        {
            orders = orders.Where(o => o.State == state);
        }
        if (query.Open is true)
        {
            orders = orders.Where(o => o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled);
        }
        if (query.Cleared is true)
        {
            orders = orders.Where(o => o.FaultClearedAtUtc != null && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled);
        }
        if (query.ElevatorId is { } elevatorId)
        {
            orders = orders.Where(o => o.ElevatorId == elevatorId);
        }
        if (query.WorkerId is { } workerId)
        {
            orders = orders.Where(o => o.AssignedWorkerId == workerId);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            orders = orders.Where(o => o.Number.Contains(term) || o.Elevator!.Number.Contains(term) || o.Elevator.Name.Contains(term));
        }
        if (query.FromUtc is { } from)
        {
            orders = orders.Where(o => o.CreatedAtUtc >= from);
        }
        if (query.ToUtc is { } to)
        {
            orders = orders.Where(o => o.CreatedAtUtc < to);
        }
        return orders;
    }

    /// <summary>
    /// The orders over their arrival limit as <see cref="RepairOrderSummary.IsOverdue"/> decides: the limit depends on
    /// the community's region, so the database narrows to trapped orders older than the shortest limit and the rule
    /// itself is applied here (trapped orders are few).
    /// </summary>
    private async Task<List<int>> OverdueIdsAsync(IQueryable<RepairOrder> orders, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var limits = options.Value;
        var shortest = limits.ArrivalLimits.Values.Append(limits.CityArrivalLimitMinutes).Append(limits.OtherArrivalLimitMinutes).Min();
        var raisedBefore = now.AddMinutes(-Math.Max(shortest, 0));
        var candidates = await orders
            .Where(o => o.PassengersTrapped && o.State != RepairOrderState.Cancelled && o.CreatedAtUtc < raisedBefore)
            .Select(o => new { o.Id, o.CreatedAtUtc, o.SignedInAtUtc, o.Elevator!.Community!.Region })
            .ToListAsync(cancellationToken);
        return candidates
            .Where(o => (o.SignedInAtUtc ?? now) - o.CreatedAtUtc > TimeSpan.FromMinutes(limits.ArrivalLimitFor(o.Region)))
            .Select(o => o.Id)
            .ToList();
    }

    private async Task<IReadOnlyList<RepairOrderSummary>> SummariesAsync(IQueryable<RepairOrder> orders, CancellationToken cancellationToken)
    {
        var rows = await orders
            .Select(o => new
            {
                o.Id, o.Number, o.ElevatorId, ElevatorNumber = o.Elevator!.Number, ElevatorName = o.Elevator.Name, Community = o.Elevator.Community!.Name,
                o.Elevator.Community.Region, o.State, o.PassengersTrapped, o.FaultCode, o.Description, o.Occurrences, o.AssignedWorkerId,
                o.CreatedAtUtc, o.AcceptedAtUtc, o.SignedInAtUtc, o.FaultClearedAtUtc,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(o => new RepairOrderSummary(o.Id, o.Number, o.ElevatorId, o.ElevatorNumber, o.ElevatorName, o.Community,
                o.State, o.PassengersTrapped, o.FaultCode, o.Description, o.Occurrences, o.AssignedWorkerId, o.CreatedAtUtc, o.AcceptedAtUtc,
                o.SignedInAtUtc, options.Value.ArrivalLimitFor(o.Region), o.FaultClearedAtUtc))
            .ToList();
    }

    /// <summary>REP-6: the arrival limit that applies to an order's elevator.</summary>
    public async Task<int> ArrivalLimitAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var region = await db.Elevators.Where(e => e.Id == elevatorId).Select(e => e.Community!.Region).SingleAsync(cancellationToken);
        return options.Value.ArrivalLimitFor(region);
    }

    /// <summary>The maintainer's workers who may take the order (for 指派).</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> WorkersForAsync(int orderId, CancellationToken cancellationToken)
    {
        var maintainer = await db.RepairOrders.Where(o => o.Id == orderId).Select(o => o.Elevator!.MaintenanceCompanyId).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(orderId);
        var workers = await db.WithPermission(maintainer, Permissions.RepairHandle).AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName })
            .ToListAsync(cancellationToken);
        return workers.Select(w => (w.Id, w.DisplayName)).ToList();
    }

    /// <summary>
    /// 故障接警: the desk assigns (or reassigns) the order to one of the maintainer's workers before anyone is on
    /// site; that worker is told at once, and only they can accept it then.
    /// </summary>
    public async Task<RepairOrder> AssignAsync(int orderId, int workerId, CancellationToken cancellationToken)
    {
        var order = await db.RepairOrders.Include(o => o.Elevator).SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw NotFound(orderId);
        if (!actor.HasPermission(Permissions.RepairAlarm))
        {
            throw Forbidden("您没有故障接警（派单）的权限。");
        }
        if (order.State is not (RepairOrderState.Created or RepairOrderState.Accepted))
        {
            throw new DomainException("repair.illegal_transition",
                $"工单当前为“{RepairOrderStateMachine.StateName(order.State)}”，不能再指派。", DomainErrorKind.Conflict);
        }
        var worker = (await WorkersForAsync(orderId, cancellationToken)).Where(w => w.Id == workerId).Select(w => (int?)w.Id).SingleOrDefault();
        if (worker is null)
        {
            throw new ValidationException(new Dictionary<string, string> { ["WorkerId"] = "请选择该电梯维保单位的维保人员。" });
        }
        var name = await db.Users.Where(u => u.Id == workerId).Select(u => new { u.DisplayName, u.WeChatOpenId }).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        order.AssignedWorkerId = workerId;
        order.Steps.Add(Step(null, order.State, now, null, $"指派给 {name.DisplayName}"));
        var title = $"派单 {order.Elevator!.Number}";
        outbox.Add(NotificationChannel.InApp, workerId, null, title, order.Description, $"/repairs/orders/{order.Id}");
        if (name.WeChatOpenId is { } openId)
        {
            outbox.Add(NotificationChannel.WeChat, workerId, openId, title, order.Description, $"/repairs/orders/{order.Id}");
        }
        await db.SaveChangesAsync(cancellationToken);
        Announce(order, created: false);
        return order;
    }

    /// <summary>
    /// 代接警: the desk records that the assigned worker accepted by phone. The worker's position is not known
    /// here, so the geofence applies at their sign-in on site; the step says who accepted on whose behalf.
    /// </summary>
    public async Task<RepairOrder> AcceptOnBehalfAsync(int orderId, string? note, CancellationToken cancellationToken)
    {
        var order = await db.RepairOrders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken) ?? throw NotFound(orderId);
        if (!actor.HasPermission(Permissions.RepairAlarm))
        {
            throw Forbidden("您没有故障接警的权限。");
        }
        var next = RepairOrderStateMachine.Next(order.State, RepairAction.Accept);
        if (order.AssignedWorkerId is not { } workerId)
        {
            throw new DomainException("repair.not_assigned", "请先指派维保人员，再代其接警。", DomainErrorKind.Conflict);
        }
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new ValidationException(new Dictionary<string, string> { ["Note"] = "请注明如何与维保人员确认（如电话）。" });
        }
        var worker = await db.Users.Where(u => u.Id == workerId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        order.State = next;
        order.AcceptedAtUtc = now;
        order.Steps.Add(Step(RepairAction.Accept, next, now, null, $"代 {worker} 接警：{note.Trim()}"));
        await db.SaveChangesAsync(cancellationToken);
        Announce(order, created: false);
        return order;
    }

    /// <summary>The id of the order with this number (links in messages are written before the order has an id).</summary>
    public async Task<int> IdOfAsync(string number, CancellationToken cancellationToken) =>
        await db.RepairOrders.Where(o => o.Number == number).Select(o => (int?)o.Id).SingleOrDefaultAsync(cancellationToken)
        ?? throw new DomainException("repair.not_found", $"工单 {number} 不存在或无权查看。", DomainErrorKind.NotFound);

    public async Task<RepairOrder> GetAsync(int orderId, CancellationToken cancellationToken) =>
        await db.RepairOrders.AsNoTracking()
            .Include(o => o.Steps.OrderBy(s => s.Id))
            .Include(o => o.Elevator).ThenInclude(e => e!.Community)
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
        ?? throw NotFound(orderId);

    /// <summary>Applies a life-cycle action for the acting person; refused with a clear error and no change when not allowed.</summary>
    public async Task<RepairOrder> ApplyAsync(int orderId, RepairAction action, RepairActionInput input, CancellationToken cancellationToken)
    {
        if (action == RepairAction.StartRescue)
        {
            // Its own rules (permission, once per order): one path for every caller.
            var elevatorId = await db.RepairOrders.Where(o => o.Id == orderId).Select(o => (int?)o.ElevatorId).SingleOrDefaultAsync(cancellationToken)
                ?? throw NotFound(orderId);
            return (await StartRescueAsync(elevatorId, orderId, cancellationToken)).Order;
        }
        var order = await db.RepairOrders
            .Include(o => o.Elevator).ThenInclude(e => e!.Community)
            .SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw NotFound(orderId);
        var next = RepairOrderStateMachine.Next(order.State, action);
        EnsureMayAct(order, action);
        var position = await EnsurePositionAsync(order, action, input.Position, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (action)
        {
            case RepairAction.Accept:
                order.AssignedWorkerId = actor.AccountId;
                order.AcceptedAtUtc = now;
                break;
            case RepairAction.SignIn:
                order.SignedInAtUtc = now;
                break;
            case RepairAction.Submit:
                var errors = new Dictionary<string, string>();
                if (string.IsNullOrWhiteSpace(input.Cause))
                {
                    errors[nameof(input.Cause)] = "请填写故障原因。";
                }
                if (string.IsNullOrWhiteSpace(input.ActionsTaken))
                {
                    errors[nameof(input.ActionsTaken)] = "请填写处理措施。";
                }
                if (!string.IsNullOrWhiteSpace(input.FaultAttribute)
                    && !await db.FaultAttributes.AnyAsync(a => a.Name == input.FaultAttribute.Trim(), cancellationToken))
                {
                    errors[nameof(input.FaultAttribute)] = "请从故障属性列表中选择。";
                }
                if (errors.Count > 0)
                {
                    throw new ValidationException(errors);
                }
                order.Cause = input.Cause!.Trim();
                order.ActionsTaken = input.ActionsTaken!.Trim();
                order.FaultAttribute = input.FaultAttribute?.Trim();
                order.SubmittedAtUtc = now;
                break;
            case RepairAction.Close:
                order.ClosedAtUtc = now;
                break;
            case RepairAction.Cancel:
                if (string.IsNullOrWhiteSpace(input.Note))
                {
                    throw new ValidationException(new Dictionary<string, string> { [nameof(input.Note)] = "请填写取消原因。" });
                }
                order.CancelReason = input.Note.Trim();
                order.ClosedAtUtc = now;
                break;
        }
        order.State = next;
        order.Steps.Add(Step(action, next, now, position, input.Note?.Trim()));
        await db.SaveChangesAsync(cancellationToken);
        Announce(order, created: false);
        return order;
    }

    /// <summary>
    /// 批量关闭已恢复工单: a reviewer closes stale alarms whose fault the device reported cleared before anyone got to
    /// work on site. All or nothing: one order that is not cleared or already worked on refuses the whole batch.
    /// Each order gets a 关闭 step with the reason. Returns how many were closed.
    /// </summary>
    public async Task<int> CloseClearedAsync(IReadOnlyCollection<int> orderIds, string? reason, CancellationToken cancellationToken)
    {
        if (actor.AccountId is null || !actor.HasPermission(Permissions.RepairReview))
        {
            throw Forbidden("您没有急修审核的权限。");
        }
        var errors = new Dictionary<string, string>();
        if (orderIds.Count == 0)
        {
            errors["Ids"] = "请选择要关闭的工单。";
        }
        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["Reason"] = "请填写关闭原因。";
        }
        else if (reason.Trim().Length > 200)
        {
            errors["Reason"] = "关闭原因最多 200 字。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var ids = orderIds.Distinct().ToList();
        var orders = await db.RepairOrders.Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToListAsync(cancellationToken);
        if (orders.Count != ids.Count)
        {
            throw NotFound(ids.First(id => orders.All(o => o.Id != id)));
        }
        foreach (var order in orders)
        {
            if (order.FaultClearedAtUtc is null)
            {
                throw new DomainException("repair.not_cleared", $"工单 {order.Number} 的故障尚未恢复，不能批量关闭。", DomainErrorKind.Conflict);
            }
            if (!RepairOrderStateMachine.CanCloseCleared(order.State))
            {
                throw new DomainException("repair.illegal_transition",
                    $"工单 {order.Number} 当前为“{RepairOrderStateMachine.StateName(order.State)}”，不能批量关闭。", DomainErrorKind.Conflict);
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var note = reason!.Trim();
        foreach (var order in orders)
        {
            order.State = RepairOrderState.Closed;
            order.ClosedAtUtc = now;
            order.Steps.Add(Step(RepairAction.Close, RepairOrderState.Closed, now, null, note));
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var order in orders)
        {
            Announce(order, created: false);
        }
        return orders.Count;
    }

    private void EnsureMayAct(RepairOrder order, RepairAction action)
    {
        if (actor.AccountId is null)
        {
            throw new DomainException("repair.anonymous", "请先登录。", DomainErrorKind.Forbidden);
        }
        var maintainer = order.Elevator!.MaintenanceCompanyId;
        switch (action)
        {
            case RepairAction.Accept:
                if (actor.CompanyId != maintainer || !actor.HasPermission(Permissions.RepairHandle))
                {
                    throw Forbidden("只有该电梯维保单位的维保人员可以接警。");
                }
                if (order.AssignedWorkerId is { } assigned && assigned != actor.AccountId)
                {
                    throw Forbidden("该工单已指派给其他维保人员。");
                }
                break;
            case RepairAction.SignIn or RepairAction.StartProcessing or RepairAction.Submit:
                if (order.AssignedWorkerId != actor.AccountId)
                {
                    throw Forbidden("只有接警的维保人员可以执行此操作。");
                }
                break;
            case RepairAction.Approve or RepairAction.SendBack or RepairAction.Close:
                if (!actor.HasPermission(Permissions.RepairReview))
                {
                    throw Forbidden("您没有急修审核的权限。");
                }
                break;
            case RepairAction.Cancel:
                if (!actor.HasPermission(Permissions.RepairReview) && !actor.HasPermission(Permissions.RepairAlarm))
                {
                    throw Forbidden("您没有取消工单的权限。");
                }
                break;
        }
    }

    private async Task<GeoPoint?> EnsurePositionAsync(RepairOrder order, RepairAction action, GeoPoint? position, CancellationToken cancellationToken)
    {
        if (action is not (RepairAction.Accept or RepairAction.SignIn))
        {
            return position;
        }
        var radius = (await settings.GetAsync(cancellationToken)).GeofenceRadiusMeters;
        return Geofence.RequireOnSite(position, order.Elevator!.Community!, radius, "repair.out_of_range", RepairOrderStateMachine.ActionName(action));
    }

    /// <param name="alsoRecord">Further timeline steps saved with the new order in the same transaction (启动救援).</param>
    private async Task<RepairOrder> NewOrderAsync(
        int elevatorId, RepairOrderSource source, int? faultCode, bool trapped, string description, DateTime now, CancellationToken cancellationToken,
        Action<RepairOrder>? alsoRecord = null)
    {
        var prefix = "JX" + now.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var today = await db.RepairOrders.IgnoreQueryFilters().CountAsync(o => o.Number.StartsWith(prefix), cancellationToken);
        var order = new RepairOrder
        {
            Number = prefix + (today + 1).ToString("D4", CultureInfo.InvariantCulture),
            ElevatorId = elevatorId,
            Source = source,
            FaultCode = faultCode,
            PassengersTrapped = trapped,
            Description = description,
            State = RepairOrderState.Created,
            CreatedAtUtc = now,
            ReportedBy = source == RepairOrderSource.Manual ? actor.AccountId : null,
        };
        order.Steps.Add(Step(null, RepairOrderState.Created, now, null, source switch
        {
            RepairOrderSource.Device => "设备报警，生成急修工单",
            RepairOrderSource.Rescue => "启动救援，生成困人急修工单",
            RepairOrderSource.Inferred => "调度确认疑似困人（平台研判），生成困人急修工单",
            _ => "人工录入故障",
        }));
        alsoRecord?.Invoke(order);
        db.RepairOrders.Add(order);
        await NotifyWorkersAsync(order, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        Announce(order, created: true);
        return order;
    }

    /// <summary>REP-1: the new order reaches the elevator's maintenance workers at once (in the same transaction).</summary>
    private async Task NotifyWorkersAsync(RepairOrder order, CancellationToken cancellationToken)
    {
        var elevator = await db.Elevators.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.Id == order.ElevatorId)
            .Select(e => new { e.Number, e.Name, e.MaintenanceCompanyId })
            .SingleAsync(cancellationToken);
        if (elevator.MaintenanceCompanyId is not { } maintainer)
        {
            return;
        }
        var workers = await db.WithPermission(maintainer, Permissions.RepairHandle).AsNoTracking()
            .Select(u => new { u.Id, u.WeChatOpenId, u.PhoneNumber })
            .ToListAsync(cancellationToken);
        var title = order.PassengersTrapped ? $"困人急修 {elevator.Number}" : $"急修工单 {elevator.Number}";
        var body = $"{elevator.Name}：{order.Description}";
        var link = $"/repairs/orders/no/{order.Number}";
        foreach (var worker in workers)
        {
            outbox.Add(NotificationChannel.InApp, worker.Id, null, title, body, link);
            if (worker.WeChatOpenId is { } openId)
            {
                outbox.Add(NotificationChannel.WeChat, worker.Id, openId, title, body, link);
            }
            if (order.PassengersTrapped && worker.PhoneNumber is { Length: > 0 } phone)
            {
                outbox.Add(NotificationChannel.Sms, worker.Id, phone, title, body, link);
            }
        }
    }

    private void Announce(RepairOrder order, bool created)
    {
        var change = new RepairOrderChanged(order.Id, order.ElevatorId, order.State, order.PassengersTrapped, created);
        afterCommit.Run(db, () => feed.Publish(change));
    }

    private RepairOrderStep Step(RepairAction? action, RepairOrderState state, DateTime at, GeoPoint? position, string? note) => new()
    {
        Action = action,
        State = state,
        AccountId = actor.AccountId,
        UserName = actor.UserName,
        AtUtc = at,
        Latitude = position?.Latitude,
        Longitude = position?.Longitude,
        Note = note,
    };

    private static DomainException Forbidden(LocalizedText message) => new("repair.not_allowed", message, DomainErrorKind.Forbidden);

    private static DomainException NotFound(int id) =>
        new("repair.not_found", $"工单 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
