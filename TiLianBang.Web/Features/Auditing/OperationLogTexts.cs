using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using TiLianBang.Core.Auditing;

namespace TiLianBang.Web.Features.Auditing;

/// <summary>
/// The words of an operation log row in the reader's language: its subject (工单 JX…), and what changed (field
/// names, never secret ones, also for rows written before secrets were kept out).
/// </summary>
public static partial class OperationLogTexts
{
    // Sign-in outcomes are written in fixed English words by AccountService; these are what people read.
    private static readonly Dictionary<string, string> Reasons = new(StringComparer.Ordinal)
    {
        ["unknown user"] = "用户名不存在",
        ["wrong password"] = "密码错误",
        ["account locked by an administrator"] = "账号已被管理员停用",
    };

    public static string Actor(ActorName actor, IStringLocalizer localizer) => actor.IsSystem ? localizer[actor.Text] : actor.Text;

    public static string Subject(SubjectName? subject, string? target, IStringLocalizer localizer)
    {
        if (subject is null)
        {
            return target ?? "";
        }
        if (subject.Label is { } label)
        {
            return $"{localizer[subject.KindKey]} {label}";
        }
        // Gone since, or out of the reader's sight: the kind still says what it was.
        var key = AuditTarget.Parse(target)?.Key;
        return key is null ? localizer[subject.KindKey] : $"{localizer[subject.KindKey]}（ID {key}）";
    }

    public static string Summary(OperationLog log, IStringLocalizer localizer)
    {
        if (string.IsNullOrWhiteSpace(log.Summary))
        {
            return "";
        }
        return log.Action switch
        {
            OperationAction.Create or OperationAction.Delete => "",
            OperationAction.Update => Fields(AuditTarget.Parse(log.Target)?.Entity ?? "", log.Summary, localizer),
            OperationAction.SignInFailed or OperationAction.LockedOut => Reason(log.Summary, localizer),
            _ => log.Summary,
        };
    }

    /// <summary>"Name, FaultClearedAtUtc, PasswordHash" → "名称、故障恢复时间、凭据（已隐藏）".</summary>
    public static string Fields(string entity, string summary, IStringLocalizer localizer)
    {
        var names = summary.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shown = new List<string>();
        var secret = false;
        foreach (var name in names)
        {
            if (AuditSecrets.IsSecret(entity, name))
            {
                secret = true;
                continue;
            }
            shown.Add(AuditFieldNames.KeyOf(entity, name) is { } key ? localizer[key] : AuditFieldNames.Humanize(name));
        }
        if (secret)
        {
            shown.Add(localizer[AuditFieldNames.KeyOf("", AuditSecrets.Credentials)!]);
        }
        return string.Join(localizer["、"], shown.Distinct());
    }

    private static string Reason(string summary, IStringLocalizer localizer)
    {
        if (Reasons.TryGetValue(summary, out var reason))
        {
            return localizer[reason];
        }
        if (LockedUntil().Match(summary) is { Success: true } locked
            && DateTime.TryParse(locked.Groups["until"].Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var until))
        {
            var what = locked.Groups["what"].Value == "address throttled" ? "该地址尝试次数过多" : "该账号在此地址已锁定";
            return $"{localizer[what]}，{localizer["直至"]} {until.ToLocalTime():yyyy-MM-dd HH:mm:ss}";
        }
        return summary;
    }

    [GeneratedRegex(@"^(?<what>address throttled|locked for this address) until (?<until>.+?) \(")]
    private static partial Regex LockedUntil();
}
