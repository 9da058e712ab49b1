using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Organizations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => new { c.Kind, c.Name }).IsUnique();
        builder.ComplexProperty(c => c.Region, RegionMapping.Configure);
        builder.Property(c => c.Address).HasMaxLength(200);
        builder.Property(c => c.ContactPerson).HasMaxLength(50);
        builder.Property(c => c.ContactPhone).HasMaxLength(30);
        builder.Property(c => c.CreditCode).HasMaxLength(18);
        builder.Property(c => c.UnitCategory).HasMaxLength(20);
    }
}
