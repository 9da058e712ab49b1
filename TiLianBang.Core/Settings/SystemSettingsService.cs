using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Settings;

/// <summary>Reads and changes 系统配置 (SYS-1). A change is checked whole and saved whole, or refused with no change.</summary>
public sealed class SystemSettingsService(TiLianBangDbContext db, CurrentActor actor)
{
    public async Task<SystemSettings> GetAsync(CancellationToken cancellationToken) =>
        await db.SystemSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == SystemSettings.SingletonId, cancellationToken)
        ?? new SystemSettings();

    public async Task SaveAsync(SystemSettings changed, CancellationToken cancellationToken)
    {
        if (!actor.HasPermission(Permissions.SystemConfiguration))
        {
            throw new DomainException("settings.forbidden", "您没有系统配置的权限。", DomainErrorKind.Forbidden);
        }
        Validate(changed);
        var row = await db.SystemSettings.SingleOrDefaultAsync(s => s.Id == SystemSettings.SingletonId, cancellationToken);
        if (row is null)
        {
            row = new SystemSettings();
            db.SystemSettings.Add(row);
        }
        row.GeofenceRadiusMeters = changed.GeofenceRadiusMeters;
        row.WarningLeadDays = changed.WarningLeadDays.Distinct().OrderDescending().ToList();
        row.EscalationDefaultMinutes = [.. changed.EscalationDefaultMinutes];
        row.GenerationHorizonDays = changed.GenerationHorizonDays;
        row.OnDemandMaxIntervalDays = changed.OnDemandMaxIntervalDays;
        row.OnDemandRunsThreshold = changed.OnDemandRunsThreshold;
        row.OnDemandRunHoursThreshold = changed.OnDemandRunHoursThreshold;
        row.OnDemandFaultThreshold = changed.OnDemandFaultThreshold;
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Writes the defaults once, so the settings page and the operation log start from a real row.</summary>
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (!await db.SystemSettings.AnyAsync(cancellationToken))
        {
            db.SystemSettings.Add(new SystemSettings());
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void Validate(SystemSettings s)
    {
        var errors = new Dictionary<string, string>();
        if (s.GeofenceRadiusMeters is < 50 or > 20_000 || !double.IsFinite(s.GeofenceRadiusMeters))
        {
            errors[nameof(s.GeofenceRadiusMeters)] = "签到范围应在 50–20000 米之间。";
        }
        if (s.WarningLeadDays.Count is 0 or > 5 || s.WarningLeadDays.Any(d => d is < 0 or > 365))
        {
            errors[nameof(s.WarningLeadDays)] = "预警提前天数：1–5 个 0–365 之间的天数。";
        }
        var escalation = s.EscalationDefaultMinutes;
        if (escalation.Count != 5 || escalation.Any(m => m is < 0 or > 24 * 60) || escalation.Zip(escalation.Skip(1)).Any(p => p.Second <= p.First))
        {
            errors[nameof(s.EscalationDefaultMinutes)] = "5级上报默认时间：5 个分钟数，逐级递增（0–1440）。";
        }
        if (s.GenerationHorizonDays is < 1 or > 90)
        {
            errors[nameof(s.GenerationHorizonDays)] = "工单提前生成天数应在 1–90 之间。";
        }
        // SAMR 2020 No.56 pilots allow on-demand intervals beyond 15 days, but not beyond a quarter.
        if (s.OnDemandMaxIntervalDays is < 15 or > 90)
        {
            errors[nameof(s.OnDemandMaxIntervalDays)] = "按需维保最长间隔应在 15–90 天之间。";
        }
        if (s.OnDemandRunsThreshold is < 100 or > 1_000_000)
        {
            errors[nameof(s.OnDemandRunsThreshold)] = "运行次数阈值应在 100–1000000 之间。";
        }
        if (s.OnDemandRunHoursThreshold is < 1 or > 10_000 || !double.IsFinite(s.OnDemandRunHoursThreshold))
        {
            errors[nameof(s.OnDemandRunHoursThreshold)] = "运行时长阈值应在 1–10000 小时之间。";
        }
        if (s.OnDemandFaultThreshold is < 1 or > 100)
        {
            errors[nameof(s.OnDemandFaultThreshold)] = "故障次数阈值应在 1–100 之间。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
