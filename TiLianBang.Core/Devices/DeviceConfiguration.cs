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
        builder.Property(d => d.Imei).HasMaxLength(32);
        builder.HasIndex(d => d.Imei);
        builder.Property(d => d.Firmware).HasMaxLength(64);
        builder.Property(d => d.Model).HasMaxLength(64);
        builder.Property(d => d.Iccid).HasMaxLength(32);
        builder.Property(d => d.LastRemoteEndpoint).HasMaxLength(64);
        builder.Property(d => d.LastServerNode).HasMaxLength(64);
        builder.HasOne(d => d.Company).WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(d => d.Elevator).WithMany().HasForeignKey(d => d.ElevatorId).OnDelete(DeleteBehavior.SetNull);
    }
}
