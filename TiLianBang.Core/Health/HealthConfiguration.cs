using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Health;

internal sealed class SuspectedEntrapmentConfiguration : IEntityTypeConfiguration<SuspectedEntrapment>
{
    public void Configure(EntityTypeBuilder<SuspectedEntrapment> builder)
    {
        builder.Property(s => s.DeviceId).HasMaxLength(64);
        builder.Property(s => s.Note).HasMaxLength(200);
        builder.HasIndex(s => new { s.ElevatorId, s.Status });
        builder.HasIndex(s => s.Status);
        builder.HasOne<Elevator>().WithMany().HasForeignKey(s => s.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HealthWarningConfiguration : IEntityTypeConfiguration<HealthWarning>
{
    public void Configure(EntityTypeBuilder<HealthWarning> builder)
    {
        builder.Property(w => w.FixNote).HasMaxLength(200);
        builder.HasIndex(w => new { w.ElevatorId, w.Metric, w.Landing, w.Status });
        builder.HasIndex(w => w.Status);
        builder.HasOne<Elevator>().WithMany().HasForeignKey(w => w.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
