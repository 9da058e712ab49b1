using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Repairs;

internal sealed class RepairOrderConfiguration : IEntityTypeConfiguration<RepairOrder>
{
    public void Configure(EntityTypeBuilder<RepairOrder> builder)
    {
        builder.Property(o => o.Number).HasMaxLength(20);
        builder.HasIndex(o => o.Number).IsUnique();
        builder.HasIndex(o => new { o.ElevatorId, o.State });
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
    }
}
