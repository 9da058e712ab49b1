using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Cluster;

internal sealed class SharedKeyConfiguration : IEntityTypeConfiguration<SharedKey>
{
    public void Configure(EntityTypeBuilder<SharedKey> builder)
    {
        builder.HasKey(k => k.Name);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Value).HasMaxLength(1000);
    }
}
