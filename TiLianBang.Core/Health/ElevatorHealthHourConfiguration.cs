using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Health;

internal sealed class ElevatorHealthHourConfiguration : IEntityTypeConfiguration<ElevatorHealthHour>
{
    public void Configure(EntityTypeBuilder<ElevatorHealthHour> builder)
    {
        builder.HasKey(h => new { h.ElevatorId, h.HourUtc });
        // The drift check reads every elevator's recent hours at once.
        builder.HasIndex(h => h.HourUtc);
        builder.ComplexProperty(h => h.DoorOpening);
        builder.ComplexProperty(h => h.DoorDwell);
        builder.ComplexProperty(h => h.DoorClosing);
        builder.ComplexProperty(h => h.TripPerFloor);
        builder.HasOne<Elevator>().WithMany().HasForeignKey(h => h.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ElevatorLandingDayConfiguration : IEntityTypeConfiguration<ElevatorLandingDay>
{
    public void Configure(EntityTypeBuilder<ElevatorLandingDay> builder)
    {
        builder.HasKey(d => new { d.ElevatorId, d.Day, d.Landing });
        // The drift check reads every elevator's recent days at once; the nightly prune cuts by day.
        builder.HasIndex(d => d.Day);
        builder.HasOne<Elevator>().WithMany().HasForeignKey(d => d.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
