using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Auditing;

/// <summary>
/// What each logged entity is called (a localizer key) and how to find, for many keys in one query, the number or
/// name people know each one by. Queries keep the reader's company filters, so nothing out of sight is named.
/// </summary>
internal static class AuditSubjects
{
    private delegate Task<Dictionary<long, string>> Lookup(TiLianBangDbContext db, List<int> ids, CancellationToken cancellationToken);

    private sealed record Kind(string Key, Lookup? Find = null);

    private static readonly Dictionary<string, Kind> Kinds = new(StringComparer.Ordinal)
    {
        ["Account"] = new("账号", (db, ids, ct) => Load(db.Users.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.DisplayName)), ct)),
        ["Company"] = new("公司", (db, ids, ct) => Load(db.Companies.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["Community"] = new("小区", (db, ids, ct) => Load(db.Communities.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["Elevator"] = new("电梯", (db, ids, ct) => Load(db.Elevators.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Number)), ct)),
        ["Device"] = new("采集器", (db, ids, ct) => Load(db.Devices.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.DeviceId)), ct)),
        ["Role"] = new("角色", (db, ids, ct) => Load(db.Roles.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["RepairOrder"] = new("工单", (db, ids, ct) => Load(db.RepairOrders.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Number)), ct)),
        ["RepairOrderStep"] = new("工单处理记录", (db, ids, ct) =>
        {
            var keys = ids.ConvertAll(id => (long)id);
            return Load(db.Set<Repairs.RepairOrderStep>().Where(x => keys.Contains(x.Id))
                .Join(db.RepairOrders, s => s.RepairOrderId, o => o.Id, (s, o) => new Named(s.Id, o.Number)), ct);
        }),
        ["RepairPhoto"] = new("现场照片", (db, ids, ct) => Load(
            db.RepairPhotos.Where(x => ids.Contains(x.Id)).Join(db.RepairOrders, p => p.RepairOrderId, o => o.Id, (p, o) => new Named(p.Id, o.Number)), ct)),
        ["MaintenanceOrder"] = new("保养工单", (db, ids, ct) => Load(db.MaintenanceOrders.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Number)), ct)),
        ["MaintenanceOrderItem"] = new("保养项目", (db, ids, ct) => Load(
            db.MaintenanceOrderItems.Where(x => ids.Contains(x.Id)).Join(db.MaintenanceOrders, i => i.MaintenanceOrderId, o => o.Id, (i, o) => new Named(i.Id, o.Number + " " + i.Name)), ct)),
        ["MaintenancePhoto"] = new("保养照片"),
        ["MaintenancePlan"] = new("保养计划", (db, ids, ct) => Load(
            db.MaintenancePlans.Where(x => ids.Contains(x.Id)).Join(db.Elevators, p => p.ElevatorId, e => e.Id, (p, e) => new Named(p.Id, e.Number)), ct)),
        ["MaintenanceItem"] = new("保养项目", (db, ids, ct) => Load(db.MaintenanceItems.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["MaintenanceGroup"] = new("维保小组", (db, ids, ct) => Load(db.MaintenanceGroups.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["ExpiryWarning"] = new("到期预警", (db, ids, ct) => Load(
            db.ExpiryWarnings.Where(x => ids.Contains(x.Id)).Join(db.Elevators, w => w.ElevatorId, e => e.Id, (w, e) => new Named(w.Id, e.Number)), ct)),
        ["EscalationLevel"] = new("上报级别", (db, ids, ct) => Load(
            db.EscalationLevels.Where(x => ids.Contains(x.Id)).Join(db.Elevators, l => l.ElevatorId, e => e.Id, (l, e) => new Named(l.Id, e.Number)), ct)),
        ["FaultCode"] = new("故障代码", (db, ids, ct) => Load(db.FaultCodes.Where(x => ids.Contains(x.Code)).Select(x => new Named(x.Code, x.Code + " " + x.Name)), ct)),
        ["FaultAttributeOption"] = new("故障属性", (db, ids, ct) => Load(db.FaultAttributes.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["ParameterSpec"] = new("参数", (db, ids, ct) => Load(db.ParameterSpecs.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Code + " " + x.Name)), ct)),
        ["ParameterCategory"] = new("参数分类", (db, ids, ct) => Load(db.ParameterCategories.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["IoPointName"] = new("IO 点", (db, ids, ct) => Load(db.IoPointNames.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Name)), ct)),
        ["SystemSettings"] = new("系统配置"),
        ["Banner"] = new("首页轮播", (db, ids, ct) => Load(db.Banners.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Title)), ct)),
        ["WorkSpecification"] = new("工作规范", (db, ids, ct) => Load(db.WorkSpecifications.Where(x => ids.Contains(x.Id)).Select(x => new Named(x.Id, x.Title)), ct)),
        ["IdentityUserToken"] = new("登录令牌"),
        ["IdentityUserLogin"] = new("外部登录"),
        ["IdentityUserClaim"] = new("账号声明"),
    };

    private sealed record Named(long Id, string Name);

    /// <summary>The entities named here (for tests that look every kind up).</summary>
    public static IEnumerable<string> Entities => Kinds.Keys;

    public static string KindOf(string entity) => Kinds.TryGetValue(entity, out var kind) ? kind.Key : AuditFieldNames.Humanize(entity);

    /// <summary>Names the targets ("Elevator#3" → "CQ0003") with one query per kind of entity among them.</summary>
    public static async Task<Dictionary<string, string>> NameAsync(TiLianBangDbContext db, IEnumerable<string?> targets, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var byKind = targets.Select(AuditTarget.Parse).OfType<AuditTarget>().Distinct().GroupBy(t => t.Entity);
        foreach (var group in byKind)
        {
            if (!Kinds.TryGetValue(group.Key, out var kind) || kind.Find is not { } find)
            {
                continue;
            }
            var ids = group.Select(t => int.TryParse(t.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
                .OfType<int>().ToList();
            if (ids.Count == 0)
            {
                continue;
            }
            foreach (var (id, name) in await find(db, ids, cancellationToken))
            {
                names[$"{group.Key}#{id.ToString(CultureInfo.InvariantCulture)}"] = name;
            }
        }
        return names;
    }

    private static async Task<Dictionary<long, string>> Load(IQueryable<Named> query, CancellationToken cancellationToken) =>
        (await query.AsNoTracking().ToListAsync(cancellationToken)).DistinctBy(n => n.Id).ToDictionary(n => n.Id, n => n.Name);
}
