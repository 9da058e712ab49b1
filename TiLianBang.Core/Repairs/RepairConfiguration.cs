using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Repairs;

internal sealed class RepairOrderConfiguration : IEntityTypeConfiguration<RepairOrder>
{
    internal const string OpenRescueIndex = "IX_RepairOrders_OpenRescue";
    internal const string OneRescueStartIndex = "IX_RepairOrderSteps_RescueStart";

    public void Configure(EntityTypeBuilder<RepairOrder> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(20);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.ElevatorId, o.State });
        // 启动救援 raises at most one open order per elevator, also when two web nodes start it at the same moment
        // (the second insert fails and that start joins the first order). Only the orders 启动救援 raised: a device
        // alarm and a person's report may each be open beside it, as they always could.
        builder.HasIndex(o => o.ElevatorId, OpenRescueIndex).IsUnique()
            .HasFilter($"[Source] = {(int)RepairOrderSource.Rescue} AND [State] <> {(int)RepairOrderState.Closed} AND [State] <> {(int)RepairOrderState.Cancelled}");
        builder.HasIndex(o => o.ReportedBy);
        builder.Property(o => o.Description).HasMaxLength(500);
        builder.Property(o => o.Cause).HasMaxLength(500);
        builder.Property(o => o.ActionsTaken).HasMaxLength(1000);
        builder.Property(o => o.FaultAttribute).HasMaxLength(50);
        builder.Property(o => o.CancelReason).HasMaxLength(200);
        builder.HasOne(o => o.Elevator).WithMany().HasForeignKey(o => o.ElevatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Steps).WithOne().HasForeignKey(s => s.RepairOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RepairOrderStepConfiguration : IEntityTypeConfiguration<RepairOrderStep>
{
    public void Configure(EntityTypeBuilder<RepairOrderStep> builder)
    {
        builder.Property(s => s.UserName).HasMaxLength(256);
        builder.Property(s => s.Note).HasMaxLength(1000);
        builder.HasIndex(s => s.RepairOrderId);
        // An order's rescue starts once: two simultaneous starts on two nodes cannot both record theirs.
        builder.HasIndex(s => s.RepairOrderId, RepairOrderConfiguration.OneRescueStartIndex).IsUnique()
            .HasFilter($"[Action] = {(int)RepairAction.StartRescue}");
    }
}
