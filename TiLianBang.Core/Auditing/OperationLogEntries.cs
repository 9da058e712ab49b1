using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Core.Auditing;

/// <summary>
/// Turns the pending changes of a SaveChanges into operation log rows (SYS-7: every write is logged). The rows
/// are made after the save so that new rows carry their database key.
/// </summary>
internal sealed class OperationLogEntries
{
    // Identity updates these on every sign-in attempt; the sign-in itself is logged explicitly instead.
    private static readonly HashSet<string> BookkeepingProperties =
    [
        nameof(Account.AccessFailedCount), nameof(Account.LockoutEnd), nameof(Account.SecurityStamp),
        nameof(Account.ConcurrencyStamp), nameof(Account.LastSignInAtUtc),
    ];

    private readonly List<(EntityEntry Entry, OperationAction Action, string? Key, string Summary)> _pending = [];

    public bool IsEmpty => _pending.Count == 0;

    public static OperationLogEntries Capture(ChangeTracker tracker)
    {
        var result = new OperationLogEntries();
        foreach (var entry in tracker.Entries())
        {
            // Data-protection keys are key material (written by the framework), not an operation of anybody's.
            if (entry.Entity is OperationLog or INotAudited or Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey
                || entry.Metadata.IsOwned())
            {
                continue;
            }
            switch (entry.State)
            {
                case EntityState.Added when entry.Entity is ICreatedWithParent:
                    break;
                case EntityState.Added:
                    result._pending.Add((entry, OperationAction.Create, null, "created"));
                    break;
                case EntityState.Deleted:
                    result._pending.Add((entry, OperationAction.Delete, KeyOf(entry), "deleted"));
                    break;
                case EntityState.Modified:
                    var changed = ChangedProperties(entry);
                    if (entry.Entity is Account && changed.All(BookkeepingProperties.Contains))
                    {
                        continue;
                    }
                    // A collector's own info and connections: the connection log (ConnectionChange) holds them.
                    if (entry.Entity is Devices.Device && changed.All(Devices.Recording.CollectorFacts.Properties.Contains))
                    {
                        continue;
                    }
                    result._pending.Add((entry, OperationAction.Update, KeyOf(entry), ChangedFields(entry.Metadata.ClrType, changed)));
                    break;
            }
        }
        return result;
    }

    /// <summary>Called after the save, when added rows have their keys.</summary>
    public IEnumerable<OperationLog> ToLogs(CurrentActor actor, DateTime atUtc) =>
        _pending.Select(p => new OperationLog
        {
            AtUtc = atUtc,
            AccountId = actor.AccountId,
            UserName = actor.UserName,
            CompanyId = actor.CompanyId,
            IpAddress = actor.IpAddress,
            Action = p.Action,
            Target = AuditTarget.Format(p.Entry.Metadata.ClrType, p.Key ?? KeyOf(p.Entry)),
            Summary = Truncate(p.Summary, 1000),
        });

    /// <summary>
    /// The properties whose value differs from the one loaded. Update() (Identity's UserStore calls it on every
    /// write) marks every column modified, which listed the whole account on each sign-in; when nothing was loaded
    /// to compare with, the modified marks are all there is.
    /// </summary>
    private static List<string> ChangedProperties(EntityEntry entry)
    {
        var marked = entry.Properties.Where(p => p.IsModified).ToList();
        var changed = marked
            .Where(Differs)
            .Select(p => p.Metadata.Name)
            .Concat(entry.ComplexProperties.Where(c => c.Properties.Any(p => p.IsModified && Differs(p))).Select(c => c.Metadata.Name))
            .ToList();
        return changed.Count > 0 ? changed : marked.Select(p => p.Metadata.Name).ToList();
    }

    private static bool Differs(PropertyEntry p) =>
        !(p.Metadata.GetValueComparer()?.Equals(p.OriginalValue, p.CurrentValue) ?? Equals(p.OriginalValue, p.CurrentValue));

    /// <summary>The changed property names, with every secret one replaced by one <see cref="AuditSecrets.Credentials"/>.</summary>
    private static string ChangedFields(Type entity, List<string> changed)
    {
        var name = AuditTarget.EntityName(entity);
        var shown = changed.Where(p => !AuditSecrets.IsSecret(name, p)).ToList();
        // Stamps rotate with every account write; only a real credential change is worth the word.
        if (changed.Any(p => AuditSecrets.IsSecret(name, p) && !(entity == typeof(Account) && BookkeepingProperties.Contains(p))))
        {
            shown.Add(AuditSecrets.Credentials);
        }
        return string.Join(", ", shown);
    }

    private static string KeyOf(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        return key is null
            ? "?"
            : string.Join(",", key.Properties.Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, CultureInfo.InvariantCulture)));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
