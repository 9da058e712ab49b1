using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Health;

/// <summary>Changes people make to health warnings: a worker closes one as fixed on the next visit.</summary>
public sealed class HealthWarnings(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock)
{
    /// <summary>
    /// Closes an open warning as fixed: the metric is then watched over a full judged period after the fix. Only the
    /// elevator's maintenance company (or the platform) may; a watched or recovered warning cannot be closed again.
    /// </summary>
    public async Task<WarningView> CloseAsFixedAsync(int warningId, string? note, CancellationToken cancellationToken)
    {
        var text = note?.Trim();
        if (text is { Length: > 200 })
        {
            throw new ValidationException(new Dictionary<string, string> { ["Note"] = "说明最多 200 字。" });
        }
        var warning = await db.HealthWarnings.SingleOrDefaultAsync(w => w.Id == warningId, cancellationToken)
            ?? throw new DomainException("health.warning_not_found", $"健康预警 {warningId} 不存在或无权查看。", DomainErrorKind.NotFound);
        var maintainer = await db.Elevators.Where(e => e.Id == warning.ElevatorId).Select(e => e.MaintenanceCompanyId).SingleAsync(cancellationToken);
        if (!actor.Scope.SeesAll && maintainer != actor.CompanyId)
        {
            throw new DomainException("health.not_maintainer", "只有该电梯的维保单位可以关闭健康预警。", DomainErrorKind.Forbidden);
        }
        if (warning.Status != HealthWarningStatus.Open)
        {
            throw new DomainException("health.warning_not_open", "该健康预警已关闭，正在观察或已恢复。", DomainErrorKind.Conflict);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        warning.Status = HealthWarningStatus.Watching;
        warning.FixedAtUtc = now;
        warning.FixedBy = actor.AccountId;
        warning.FixNote = string.IsNullOrEmpty(text) ? null : text;
        await db.SaveChangesAsync(cancellationToken);
        return WarningView.Of(warning, now);
    }
}
