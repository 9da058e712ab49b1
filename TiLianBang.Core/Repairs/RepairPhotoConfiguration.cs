using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Repairs;

internal sealed class RepairPhotoConfiguration : IEntityTypeConfiguration<RepairPhoto>
{
    public void Configure(EntityTypeBuilder<RepairPhoto> builder)
    {
        builder.Property(p => p.StoredName).HasMaxLength(80);
        builder.Property(p => p.ContentType).HasMaxLength(40);
        builder.HasOne<RepairOrder>().WithMany().HasForeignKey(p => p.RepairOrderId).OnDelete(DeleteBehavior.Cascade);
    }
}
