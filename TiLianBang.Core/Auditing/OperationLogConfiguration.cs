using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Auditing;

internal sealed class OperationLogConfiguration : IEntityTypeConfiguration<OperationLog>
{
    public void Configure(EntityTypeBuilder<OperationLog> builder)
    {
        builder.Property(l => l.UserName).HasMaxLength(256);
        builder.Property(l => l.IpAddress).HasMaxLength(45);
        builder.Property(l => l.Target).HasMaxLength(100);
        builder.Property(l => l.Summary).HasMaxLength(1000);
        builder.HasIndex(l => l.AtUtc);
        builder.HasIndex(l => new { l.CompanyId, l.AtUtc });
    }
}
