using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Devices.Recording;

internal sealed class ElevatorEventConfiguration : IEntityTypeConfiguration<ElevatorEvent>
{
    public void Configure(EntityTypeBuilder<ElevatorEvent> builder)
    {
        builder.Property(e => e.DeviceId).HasMaxLength(64);
        builder.Property(e => e.EventId).HasMaxLength(64);
        builder.HasIndex(e => new { e.DeviceId, e.EventId }).IsUnique();
        builder.HasIndex(e => new { e.ElevatorId, e.ReceivedAtUtc });
        builder.HasIndex(e => e.HandledAtUtc);
        builder.HasOne<Elevator>().WithMany().HasForeignKey(e => e.ElevatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class CounterReadingConfiguration : IEntityTypeConfiguration<CounterReading>
{
    public void Configure(EntityTypeBuilder<CounterReading> builder)
    {
        builder.Property(c => c.DeviceId).HasMaxLength(64);
        builder.Property(c => c.ResetCounters).HasMaxLength(100);
        builder.HasIndex(c => new { c.DeviceId, c.Id });
        builder.HasIndex(c => new { c.ElevatorId, c.ReceivedAtUtc });
        builder.HasOne<Elevator>().WithMany().HasForeignKey(c => c.ElevatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class ConnectionChangeConfiguration : IEntityTypeConfiguration<ConnectionChange>
{
    public void Configure(EntityTypeBuilder<ConnectionChange> builder)
    {
        builder.Property(c => c.DeviceId).HasMaxLength(64);
        builder.HasIndex(c => new { c.DeviceId, c.AtUtc });
        builder.HasIndex(c => new { c.ElevatorId, c.AtUtc });
        builder.HasOne<Elevator>().WithMany().HasForeignKey(c => c.ElevatorId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class StateChangeConfiguration : IEntityTypeConfiguration<StateChange>
{
    public void Configure(EntityTypeBuilder<StateChange> builder)
    {
        builder.Property(s => s.DeviceId).HasMaxLength(64);
        builder.HasIndex(s => new { s.ElevatorId, s.AtUtc });
        builder.HasOne<Elevator>().WithMany().HasForeignKey(s => s.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
