using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Devices.Retention;

internal sealed class ElevatorDayConfiguration : IEntityTypeConfiguration<ElevatorDay>
{
    public void Configure(EntityTypeBuilder<ElevatorDay> builder)
    {
        builder.HasKey(d => new { d.ElevatorId, d.Day });
        // "Which days are aggregated" and whole-day replacement read by day across elevators.
        builder.HasIndex(d => d.Day);
        builder.HasOne<Elevator>().WithMany().HasForeignKey(d => d.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
