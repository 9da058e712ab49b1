using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Elevators;

internal sealed class ElevatorConfiguration : IEntityTypeConfiguration<Elevator>
{
    public void Configure(EntityTypeBuilder<Elevator> builder)
    {
        builder.Property(e => e.Number).HasMaxLength(32);
        builder.HasIndex(e => e.Number).IsUnique();
        builder.Property(e => e.RegisterCode).HasMaxLength(20);
        builder.HasIndex(e => e.RegisterCode);
        builder.Property(e => e.Name).HasMaxLength(100);
        builder.Property(e => e.Type).HasMaxLength(40);
        builder.Property(e => e.Brand).HasMaxLength(50);
        builder.Property(e => e.Model).HasMaxLength(50);
        builder.Property(e => e.RatedSpeed).HasPrecision(5, 2);
        builder.PrimitiveCollection(e => e.FloorLabels);
        builder.Property(e => e.UsagePlace).HasMaxLength(20);
        builder.Property(e => e.RenovationUnit).HasMaxLength(100);
        builder.Property(e => e.FactoryNumber).HasMaxLength(40);
        builder.Property(e => e.RegistrationAuthority).HasMaxLength(100);
        builder.Property(e => e.PublicToken).HasMaxLength(32);
        builder.HasIndex(e => e.PublicToken).IsUnique();
        // Small lists that only ever travel with their elevator: one JSON column each.
        builder.ComplexCollection(e => e.Cameras, c => c.ToJson());
        builder.ComplexCollection(e => e.Components, c => c.ToJson());
        builder.Ignore(e => e.FloorMap);

        // Archives outlive the companies they name: deleting a company must not cascade into elevators.
        builder.HasOne(e => e.Community).WithMany().OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.UserUnit).WithMany().HasForeignKey(e => e.UserUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.MaintenanceCompany).WithMany().HasForeignKey(e => e.MaintenanceCompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Manufacturer).WithMany().HasForeignKey(e => e.ManufacturerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.InspectionAgency).WithMany().HasForeignKey(e => e.InspectionAgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
