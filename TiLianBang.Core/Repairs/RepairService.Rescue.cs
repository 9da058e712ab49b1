using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;

namespace TiLianBang.Core.Repairs;

public sealed partial class RepairService
{
    // Two people pressing 启动救援 for one elevator at the same moment, possibly on two web nodes, must land on one
    // order: finding the open trapped order and raising (or starting) one is a check-then-act, so the database has
    // the last word (one open rescue-raised order per elevator, one start per order) and the start that loses
    // looks again and finds what the winner wrote.
    private const int RescueAttempts = 3;

    /// <summary>
    /// 启动救援 (MON-5, REP-6): the rescue of trapped passengers starts on the elevator's open trapped order — or on
    /// a new one raised like any other (numbered, pushed to the maintainer's workers, watched by 5级上报) when none
    /// is open — and the timeline records who started it and when. Starting again returns the same order and the
    /// first start. <paramref name="orderId"/> names the trapped order when the start comes from its page.
    /// </summary>
    public async Task<RescueStart> StartRescueAsync(int elevatorId, int? orderId, CancellationToken cancellationToken)
    {
        if (actor.AccountId is null)
        {
            throw new DomainException("repair.anonymous", "请先登录。", DomainErrorKind.Forbidden);
        }
        if (!actor.HasPermission(Permissions.MonitorRescue))
        {
            throw Forbidden("您没有启动救援的权限。");
        }
        // The company scope decides what the caller may rescue: another company's elevator is not found.
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartRescueOnceAsync(elevatorId, orderId, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < RescueAttempts)
            {
                // Another start (or another order's number) got in first: forget this attempt and look again.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<RescueStart> StartRescueOnceAsync(int elevatorId, int? orderId, CancellationToken cancellationToken)
    {
        var open = db.RepairOrders.Include(o => o.Steps)
            .Where(o => o.ElevatorId == elevatorId && o.PassengersTrapped
                && o.State != RepairOrderState.Closed && o.State != RepairOrderState.Cancelled);
        RepairOrder? order;
        if (orderId is { } id)
        {
            order = await db.RepairOrders.Include(o => o.Steps).SingleOrDefaultAsync(o => o.Id == id && o.ElevatorId == elevatorId, cancellationToken)
                ?? throw NotFound(id);
            if (!order.PassengersTrapped || !RepairOrderStateMachine.IsOpen(order.State))
            {
                throw new DomainException("repair.not_rescuable",
                    $"工单 {order.Number} 不是进行中的困人工单，不能启动救援。", DomainErrorKind.Conflict);
            }
        }
        else
        {
            order = await open.OrderByDescending(o => o.Id).FirstOrDefaultAsync(cancellationToken);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (order is null)
        {
            var raised = await NewOrderAsync(elevatorId, RepairOrderSource.Rescue, null, trapped: true, "困人（启动救援）", now, cancellationToken,
                o => o.Steps.Add(Step(RepairAction.StartRescue, o.State, now, null, null)));
            return new RescueStart(raised, Raised: true, AlreadyStarted: false, now, actor.AccountId, actor.UserName);
        }
        if (order.Steps.Where(s => s.Action == RepairAction.StartRescue).OrderBy(s => s.Id).FirstOrDefault() is { } first)
        {
            return new RescueStart(order, Raised: false, AlreadyStarted: true, first.AtUtc, first.AccountId, first.UserName);
        }
        var state = RepairOrderStateMachine.Next(order.State, RepairAction.StartRescue);
        order.Steps.Add(Step(RepairAction.StartRescue, state, now, null, null));
        await db.SaveChangesAsync(cancellationToken);
        Announce(order, created: false);
        return new RescueStart(order, Raised: false, AlreadyStarted: false, now, actor.AccountId, actor.UserName);
    }
}
