using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Organizations;

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.HasIndex(c => c.Name);
        builder.ComplexProperty(c => c.Region, RegionMapping.Configure);
        builder.Property(c => c.Address).HasMaxLength(200);
        builder.Ignore(c => c.Location);
    }
}
