using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Devices;

internal sealed class DeviceConfiguration : IEntityTypeConfiguration<Device>
{
    public void Configure(EntityTypeBuilder<Device> builder)
    {
        builder.Property(d => d.DeviceId).HasMaxLength(64);
        builder.HasIndex(d => d.DeviceId).IsUnique();
        builder.Property(d => d.SecretHash).HasMaxLength(128);
        builder.HasOne(d => d.Company).WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Elevator).WithMany().HasForeignKey(d => d.ElevatorId).OnDelete(DeleteBehavior.SetNull);
    }
}
