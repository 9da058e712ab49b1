using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Evicts <see cref="AccountSessionCheck"/>'s cached state of every account (or role) a save changed, once the
/// change is committed — whichever code path made it (AccountService, a page calling Identity's UserManager,
/// a role editor). Evicting before the commit would let a concurrent request cache the old state again.
/// </summary>
public sealed class AccountChangeInterceptor(AccountSessionCheck sessions) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EvictUnlessInTransaction(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EvictUnlessInTransaction(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Drop(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Evict(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Evict(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        foreach (var entry in context.ChangeTracker.Entries())
        {
            // A new account or role has no sign-in yet; only changes and deletions matter.
            if (entry.State is not (EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }
            if (entry.Entity is Account account)
            {
                _pending.GetOrCreateValue(context).Accounts.Add(account.Id);
            }
            else if (entry.Entity is Role)
            {
                _pending.GetOrCreateValue(context).All = true;
            }
        }
    }

    private void EvictUnlessInTransaction(DbContext? context)
    {
        if (context is not null && context.Database.CurrentTransaction is null)
        {
            Evict(context);
        }
    }

    private void Evict(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending))
        {
            return;
        }
        _pending.Remove(context);
        if (pending.All)
        {
            sessions.ForgetAll();
            return;
        }
        foreach (var accountId in pending.Accounts)
        {
            sessions.Forget(accountId);
        }
    }

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    /// <summary>What one DbContext changed and has not committed yet (a context is used by one thread at a time).</summary>
    private sealed class Pending
    {
        public HashSet<int> Accounts { get; } = [];
        public bool All { get; set; }
    }
}
