using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Home;

internal sealed class BannerConfiguration : IEntityTypeConfiguration<Banner>
{
    public void Configure(EntityTypeBuilder<Banner> builder)
    {
        builder.Property(b => b.Title).HasMaxLength(60);
        builder.Property(b => b.ImageStoredName).HasMaxLength(100);
        builder.Property(b => b.Link).HasMaxLength(500);
        builder.HasIndex(b => b.SortOrder);
    }
}
