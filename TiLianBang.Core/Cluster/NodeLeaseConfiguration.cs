using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Cluster;

internal sealed class NodeLeaseConfiguration : IEntityTypeConfiguration<NodeLease>
{
    public void Configure(EntityTypeBuilder<NodeLease> builder)
    {
        builder.ToTable(ClusterLease.Table);
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
