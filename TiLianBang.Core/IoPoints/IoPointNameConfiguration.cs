using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.IoPoints;

internal sealed class IoPointNameConfiguration : IEntityTypeConfiguration<IoPointName>
{
    public void Configure(EntityTypeBuilder<IoPointName> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(IoPointNames.MaxNameLength);
        builder.HasIndex(p => new { p.Kind, p.Index }).IsUnique();
        builder.Ignore(p => p.Code);
    }
}
