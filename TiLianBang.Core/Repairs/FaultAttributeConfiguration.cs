using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Repairs;

internal sealed class FaultAttributeConfiguration : IEntityTypeConfiguration<FaultAttributeOption>
{
    public void Configure(EntityTypeBuilder<FaultAttributeOption> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(FaultAttributes.MaxNameLength);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.Property(a => a.Description).HasMaxLength(200);
    }
}
