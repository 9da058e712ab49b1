using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Maintenance;

internal sealed class MaintenanceItemConfiguration : IEntityTypeConfiguration<MaintenanceItem>
{
    public void Configure(EntityTypeBuilder<MaintenanceItem> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.Requirement).HasMaxLength(500);
        builder.HasIndex(i => new { i.Kind, i.Period, i.CompanyId, i.Number });
        builder.Ignore(i => i.NeedsPhoto);
    }
}
