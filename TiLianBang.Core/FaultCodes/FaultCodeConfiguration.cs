using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.FaultCodes;

internal sealed class FaultCodeConfiguration : IEntityTypeConfiguration<FaultCode>
{
    public void Configure(EntityTypeBuilder<FaultCode> builder)
    {
        builder.HasKey(f => f.Code);
        builder.Property(f => f.Code).ValueGeneratedNever();
        builder.Property(f => f.Name).HasMaxLength(FaultCodeService.MaxNameLength);
        builder.Property(f => f.Advice).HasMaxLength(500);
    }
}
