using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Notifications;
using TiLianBang.Core.Organizations;
using TiLianBang.Core.Photos;
using TiLianBang.Core.Settings;

namespace TiLianBang.Core.Maintenance;

/// <summary>
/// Maintenance orders after generation: 计划审核 assigns them (MNT-5), the worker signs in on site, answers every
/// item and submits (MNT-6), the user unit confirms. Each step is allowed to one kind of person in one state;
/// a refusal says why and changes nothing.
/// </summary>
public sealed class MaintenanceOrders(
    TiLianBangDbContext db, CurrentActor actor, TimeProvider clock, SystemSettingsService settings, NotificationOutbox outbox, PhotoStore photos)
{
    public const int MaxPhotosPerItem = 9;

    public async Task<IReadOnlyList<MaintenanceOrderSummary>> ListAsync(MaintenanceOrderQuery query, CancellationToken cancellationToken)
    {
        var today = clock.Today();
        var orders = Filter(query, today);
        var ordered = query.NewestFirst
            ? orders.OrderByDescending(o => o.DueOn).ThenBy(o => o.Elevator!.Number).ThenBy(o => o.Id)
            : orders.OrderBy(o => o.DueOn).ThenBy(o => o.Elevator!.Number).ThenBy(o => o.Id);
        var rows = await ordered
            .Skip(Math.Max(query.Skip, 0))
            .Take(Math.Clamp(query.Take, 1, 2000))
            .Select(o => new
            {
                o.Id, o.Number, o.ElevatorId, ElevatorNumber = o.Elevator!.Number, ElevatorName = o.Elevator.Name, Community = o.Elevator.Community!.Name,
                o.Mode, o.Period, o.DueOn, o.DueReason, o.State, o.WorkerId,
                WorkerName = db.Users.Where(u => u.Id == o.WorkerId).Select(u => u.DisplayName).FirstOrDefault(),
                ItemCount = o.Items.Count, Answered = o.Items.Count(i => i.Result != null),
                o.SignedInAtUtc, o.SubmittedAtUtc, o.ConfirmedAtUtc,
            })
            .ToListAsync(cancellationToken);
        return rows.Select(o => new MaintenanceOrderSummary(o.Id, o.Number, o.ElevatorId, o.ElevatorNumber, o.ElevatorName, o.Community,
                o.Mode, o.Period, o.DueOn, o.DueReason, o.State, o.WorkerId, o.WorkerName,
                MaintenanceOrder.Overdue(o.State, o.DueOn, today), o.ItemCount, o.Answered, o.SignedInAtUtc, o.SubmittedAtUtc, o.ConfirmedAtUtc))
            .ToList();
    }

    /// <summary>One page of the API's list: <see cref="ListAsync"/>'s order (history views newest first).</summary>
    public async Task<PagedList<MaintenanceOrderSummary>> PageAsync(MaintenanceOrderQuery query, Paging paging, CancellationToken cancellationToken)
    {
        var total = await CountAsync(query, cancellationToken);
        var rows = await ListAsync(query with { Skip = paging.Skip, Take = paging.PageSize }, cancellationToken);
        return new PagedList<MaintenanceOrderSummary>(rows, total, paging);
    }

    /// <summary>How many orders the query finds in all, for a list that shows them a page at a time.</summary>
    public Task<int> CountAsync(MaintenanceOrderQuery query, CancellationToken cancellationToken) =>
        Filter(query, clock.Today()).CountAsync(cancellationToken);

    private IQueryable<MaintenanceOrder> Filter(MaintenanceOrderQuery query, DateOnly today)
    {
        var orders = db.MaintenanceOrders.AsNoTracking();
        if (query.State is { } state)
        {
            orders = orders.Where(o => o.State == state);
        }
        if (query.ElevatorId is { } elevatorId)
        {
            orders = orders.Where(o => o.ElevatorId == elevatorId);
        }
        if (query.WorkerId is { } workerId)
        {
            orders = orders.Where(o => o.WorkerId == workerId);
        }
        if (query.DueFrom is { } from)
        {
            orders = orders.Where(o => o.DueOn >= from);
        }
        if (query.DueTo is { } to)
        {
            orders = orders.Where(o => o.DueOn <= to);
        }
        if (query.Overdue is true)
        {
            orders = orders.Where(MaintenanceOrder.OverdueOn(today));
        }
        if (query.AssignedOnly)
        {
            orders = orders.Where(o => o.State != MaintenanceOrderState.Pending);
        }
        orders = query.Category switch
        {
            MaintenanceCategory.Today => orders.Where(o => o.DueOn == today && o.State < MaintenanceOrderState.Submitted),
            MaintenanceCategory.Overdue => orders.Where(MaintenanceOrder.OverdueOn(today)),
            MaintenanceCategory.Done => orders.Where(o => o.State >= MaintenanceOrderState.Submitted),
            _ => orders,
        };
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim();
            orders = orders.Where(o => o.Number.Contains(term) || o.Elevator!.Number.Contains(term) || o.Elevator.Name.Contains(term));
        }
        return orders;
    }

    /// <summary>The worker's day (MNT-6 calendar): their visits due that day, and on today also any overdue ones.</summary>
    public async Task<IReadOnlyList<MaintenanceOrderSummary>> DayAsync(DateOnly day, CancellationToken cancellationToken)
    {
        var me = actor.AccountId ?? throw Forbidden("请先登录。");
        var orders = await ListAsync(new MaintenanceOrderQuery { WorkerId = me, DueFrom = day == clock.Today() ? null : day, DueTo = day }, cancellationToken);
        return orders.Where(o => o.State != MaintenanceOrderState.Pending && (o.DueOn == day || o.Overdue)).ToList();
    }

    /// <summary>How many of the worker's visits fall on each day of a month (the calendar's dots).</summary>
    public async Task<IReadOnlyDictionary<DateOnly, int>> MonthAsync(int year, int month, CancellationToken cancellationToken)
    {
        var me = actor.AccountId ?? throw Forbidden("请先登录。");
        if (year is < 2000 or > 2100 || month is < 1 or > 12)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Month"] = "月份格式应为 yyyy-MM。" });
        }
        var first = new DateOnly(year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var days = await db.MaintenanceOrders.AsNoTracking()
            .Where(o => o.WorkerId == me && o.State != MaintenanceOrderState.Pending && o.DueOn >= first && o.DueOn <= last)
            .GroupBy(o => o.DueOn)
            .Select(g => new { Day = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return days.ToDictionary(d => d.Day, d => d.Count);
    }

    public async Task<MaintenanceOrder> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.MaintenanceOrders.AsNoTracking()
            .Include(o => o.Elevator).ThenInclude(e => e!.Community)
            .Include(o => o.Items.OrderBy(i => i.Period).ThenBy(i => i.Id)).ThenInclude(i => i.Photos.OrderBy(p => p.Id))
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
        ?? throw NotFound(id);

    public async Task<string?> NameOfAsync(int? accountId, CancellationToken cancellationToken) =>
        accountId is { } id ? await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;

    /// <summary>The maintainer's people who can take an order (for 计划审核).</summary>
    public async Task<IReadOnlyList<WorkerOption>> WorkersForAsync(int orderId, CancellationToken cancellationToken)
    {
        var maintainer = await db.MaintenanceOrders.Where(o => o.Id == orderId).Select(o => new { o.Elevator!.MaintenanceCompanyId }).SingleOrDefaultAsync(cancellationToken)
            ?? throw NotFound(orderId);
        return await MaintenanceWorkers.OfAsync(db, maintainer.MaintenanceCompanyId, clock.Today(), cancellationToken);
    }

    /// <summary>计划审核: assigns or reassigns a visit that has not started; the worker is told at once.</summary>
    public async Task AssignAsync(int id, int workerId, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.MaintenancePlanReview))
        {
            throw Forbidden("您没有计划审核的权限。");
        }
        var order = await db.MaintenanceOrders.Include(o => o.Elevator).SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw NotFound(id);
        if (!actor.Scope.SeesAll && actor.CompanyId != order.Elevator!.MaintenanceCompanyId)
        {
            throw Forbidden("只有该电梯的维保单位可以派工。");
        }
        if (order.State is not (MaintenanceOrderState.Pending or MaintenanceOrderState.Assigned))
        {
            throw Illegal(order, "派工");
        }
        if (!(await WorkersForAsync(id, cancellationToken)).Any(w => w.Id == workerId))
        {
            throw new ValidationException(new Dictionary<string, string> { ["WorkerId"] = "请选择该电梯维保单位有保养作业权限的人员。" });
        }
        order.WorkerId = workerId;
        order.State = MaintenanceOrderState.Assigned;
        order.AssignedAtUtc = clock.GetUtcNow().UtcDateTime;
        var worker = await db.Users.Where(u => u.Id == workerId).Select(u => new { u.WeChatOpenId }).SingleAsync(cancellationToken);
        var title = $"保养任务 {order.Elevator!.Number}";
        var body = string.Create(CultureInfo.InvariantCulture, $"{order.Elevator.Name}：{MaintenanceSchedule.PeriodName(order.Period)}保养，应于 {order.DueOn:yyyy-MM-dd} 完成");
        var link = $"/maintenance/orders/{order.Id}";
        outbox.Add(NotificationChannel.InApp, workerId, null, title, body, link);
        if (worker.WeChatOpenId is { } openId)
        {
            outbox.Add(NotificationChannel.WeChat, workerId, openId, title, body, link);
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>签到: the assigned worker, on site within the geofence of the elevator's community.</summary>
    public async Task SignInAsync(int id, GeoPoint? position, CancellationToken cancellationToken)
    {
        var order = await WorkerOrderAsync(id, MaintenanceOrderState.Assigned, "签到", cancellationToken);
        var radius = (await settings.GetAsync(cancellationToken)).GeofenceRadiusMeters;
        var at = Geofence.RequireOnSite(position, order.Elevator!.Community!, radius, "maintenance.out_of_range", "签到");
        order.State = MaintenanceOrderState.SignedIn;
        order.SignedInAtUtc = clock.GetUtcNow().UtcDateTime;
        order.SignInLatitude = at.Latitude;
        order.SignInLongitude = at.Longitude;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Ticks one item: 正常 / 已修复 / 不适用, with an optional note.</summary>
    public async Task RecordItemAsync(int id, int itemId, MaintenanceItemResult result, string? note, CancellationToken cancellationToken)
    {
        var order = await WorkerOrderAsync(id, MaintenanceOrderState.SignedIn, "填写保养项目", cancellationToken);
        var item = order.Items.SingleOrDefault(i => i.Id == itemId)
            ?? throw new DomainException("maintenance.item_not_found", $"该工单没有项目 {itemId}。", DomainErrorKind.NotFound);
        if (!Enum.IsDefined(result))
        {
            throw new ValidationException(new Dictionary<string, string> { ["Result"] = "结果应为 正常、已修复 或 不适用。" });
        }
        if (note?.Trim().Length > 500)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Note"] = "备注最多 500 字。" });
        }
        item.Result = result;
        item.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<MaintenancePhoto> AddPhotoAsync(int id, int itemId, Stream content, CancellationToken cancellationToken)
    {
        var order = await WorkerOrderAsync(id, MaintenanceOrderState.SignedIn, "上传照片", cancellationToken);
        var item = order.Items.SingleOrDefault(i => i.Id == itemId)
            ?? throw new DomainException("maintenance.item_not_found", $"该工单没有项目 {itemId}。", DomainErrorKind.NotFound);
        if (await db.MaintenancePhotos.CountAsync(p => p.MaintenanceOrderItemId == itemId, cancellationToken) >= MaxPhotosPerItem)
        {
            throw PhotoStore.Invalid($"每个项目最多 {MaxPhotosPerItem} 张照片。");
        }
        var file = await photos.SaveAsync("m" + id.ToString(CultureInfo.InvariantCulture), content, cancellationToken);
        var photo = new MaintenancePhoto
        {
            MaintenanceOrderItemId = item.Id,
            StoredName = file.StoredName,
            ContentType = file.ContentType,
            Length = file.Length,
            UploadedBy = actor.AccountId,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.MaintenancePhotos.Add(photo);
        await db.SaveChangesAsync(cancellationToken);
        return photo;
    }

    /// <summary>The photo and its bytes, when the actor may see its order.</summary>
    public async Task<(MaintenancePhoto Photo, Stream Content)> OpenPhotoAsync(int photoId, CancellationToken cancellationToken)
    {
        var photo = await db.MaintenancePhotos.AsNoTracking()
            .Where(p => p.Id == photoId
                && db.MaintenanceOrderItems.Any(i => i.Id == p.MaintenanceOrderItemId && db.MaintenanceOrders.Any(o => o.Id == i.MaintenanceOrderId)))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainException("maintenance.photo_not_found", "照片不存在或无权查看。", DomainErrorKind.NotFound);
        return (photo, photos.Open(photo.StoredName));
    }

    /// <summary>
    /// 提交: every item answered, and every test or trial item done (not 不适用) with a photo; otherwise refused with
    /// the missing items named. The user unit is asked to confirm.
    /// </summary>
    public async Task SubmitAsync(int id, string? notes, CancellationToken cancellationToken)
    {
        var order = await WorkerOrderAsync(id, MaintenanceOrderState.SignedIn, "提交", cancellationToken);
        var itemIds = order.Items.Select(i => i.Id).ToList();
        var withPhotos = (await db.MaintenancePhotos
            .Where(p => itemIds.Contains(p.MaintenanceOrderItemId))
            .Select(p => p.MaintenanceOrderItemId)
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();
        var errors = new Dictionary<string, string>();
        var unanswered = order.Items.Where(i => i.Result is null).OrderBy(i => i.Period).ThenBy(i => i.Number).ToList();
        if (unanswered.Count > 0)
        {
            errors["Items"] = $"还有 {unanswered.Count} 项未填写：{Names(unanswered)}";
        }
        var withoutPhoto = order.Items
            .Where(i => i.NeedsPhoto && (i.Result is MaintenanceItemResult.Normal or MaintenanceItemResult.Fixed) && !withPhotos.Contains(i.Id))
            .OrderBy(i => i.Period).ThenBy(i => i.Number).ToList();
        if (withoutPhoto.Count > 0)
        {
            errors["Photos"] = $"试验/测试项目需要拍照：{Names(withoutPhoto)}";
        }
        if (notes?.Trim().Length > 1000)
        {
            errors["Notes"] = "备注最多 1000 字。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        order.State = MaintenanceOrderState.Submitted;
        order.SubmittedAtUtc = clock.GetUtcNow().UtcDateTime;
        order.Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        var title = $"请确认保养 {order.Elevator!.Number}";
        var body = string.Create(CultureInfo.InvariantCulture, $"{order.Elevator.Name}：{MaintenanceSchedule.PeriodName(order.Period)}保养已完成（{order.Number}），请确认。");
        foreach (var person in await db.WithPermission(order.Elevator.UserUnitId, Permissions.MaintenanceQuery).Select(u => u.Id).ToListAsync(cancellationToken))
        {
            outbox.Add(NotificationChannel.InApp, person, null, title, body, $"/maintenance/orders/{order.Id}");
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>使用单位确认: someone of the elevator's user unit confirms a submitted visit.</summary>
    public async Task ConfirmAsync(int id, string? note, CancellationToken cancellationToken)
    {
        var order = await db.MaintenanceOrders.Include(o => o.Elevator).SingleOrDefaultAsync(o => o.Id == id, cancellationToken) ?? throw NotFound(id);
        if (actor.AccountId is null || actor.CompanyId is null || actor.CompanyId != order.Elevator!.UserUnitId)
        {
            throw Forbidden("只有该电梯的使用单位可以确认保养。");
        }
        if (order.State != MaintenanceOrderState.Submitted)
        {
            throw Illegal(order, "确认");
        }
        if (note?.Trim().Length > 500)
        {
            throw new ValidationException(new Dictionary<string, string> { ["Note"] = "备注最多 500 字。" });
        }
        order.State = MaintenanceOrderState.Confirmed;
        order.ConfirmedAtUtc = clock.GetUtcNow().UtcDateTime;
        order.ConfirmedById = actor.AccountId;
        order.ConfirmedByName = await NameOfAsync(actor.AccountId, cancellationToken);
        order.ConfirmationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
    }

    public static string StateName(MaintenanceOrderState state) => state switch
    {
        MaintenanceOrderState.Pending => "待审核",
        MaintenanceOrderState.Assigned => "已派工",
        MaintenanceOrderState.SignedIn => "保养中",
        MaintenanceOrderState.Submitted => "待确认",
        _ => "已确认",
    };

    private async Task<MaintenanceOrder> WorkerOrderAsync(int id, MaintenanceOrderState required, string step, CancellationToken cancellationToken)
    {
        var order = await db.MaintenanceOrders
            .Include(o => o.Elevator).ThenInclude(e => e!.Community)
            .Include(o => o.Items)
            .SingleOrDefaultAsync(o => o.Id == id, cancellationToken)
            ?? throw NotFound(id);
        if (actor.AccountId is null || order.WorkerId != actor.AccountId || !actor.HasPermission(Permissions.MaintenanceWork))
        {
            throw Forbidden("只有派给您的保养工单才能这样操作。");
        }
        if (order.State != required)
        {
            throw Illegal(order, step);
        }
        return order;
    }

    private static string Names(IEnumerable<MaintenanceOrderItem> items) =>
        string.Join("；", items.Select(i => $"{MaintenanceSchedule.PeriodName(i.Period)}{i.Number.ToString(CultureInfo.InvariantCulture)} {i.Name}"));

    private static DomainException Illegal(MaintenanceOrder order, string step) =>
        new("maintenance.illegal_transition", $"工单当前为“{StateName(order.State)}”，不能{step}。", DomainErrorKind.Conflict);

    private static DomainException Forbidden(LocalizedText message) => new("maintenance.forbidden", message, DomainErrorKind.Forbidden);

    private static DomainException NotFound(int id) => new("maintenance.order_not_found", $"保养工单 {id} 不存在或无权查看。", DomainErrorKind.NotFound);
}
