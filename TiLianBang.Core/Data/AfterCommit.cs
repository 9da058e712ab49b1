using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TiLianBang.Core.Data;

/// <summary>
/// Runs in-process announcements (live pages, feeds) once what they announce is committed. Outside a transaction a
/// save commits at once, so the work runs right away; inside one it waits for the commit and is dropped on a
/// rollback, so a page never reloads before the row is there, nor shows one that was taken back.
/// </summary>
public sealed class AfterCommit : DbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Action>> _pending = [];

    public void Run(DbContext context, Action work)
    {
        if (context.Database.CurrentTransaction is null)
        {
            work();
            return;
        }
        lock (_pending)
        {
            _pending.GetOrCreateValue(context).Add(work);
        }
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, run: true);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, run: true);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Flush(eventData.Context, run: false);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context, run: false);
        return Task.CompletedTask;
    }

    private void Flush(DbContext? context, bool run)
    {
        if (context is null)
        {
            return;
        }
        List<Action>? work;
        lock (_pending)
        {
            if (!_pending.TryGetValue(context, out work))
            {
                return;
            }
            _pending.Remove(context);
        }
        if (run)
        {
            foreach (var action in work)
            {
                action();
            }
        }
    }
}
