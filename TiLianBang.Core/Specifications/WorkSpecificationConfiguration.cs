using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Specifications;

internal sealed class WorkSpecificationConfiguration : IEntityTypeConfiguration<WorkSpecification>
{
    public void Configure(EntityTypeBuilder<WorkSpecification> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(100);
        builder.Property(s => s.Body).HasMaxLength(20000);
        builder.Property(s => s.PdfStoredName).HasMaxLength(100);
        builder.Property(s => s.PdfFileName).HasMaxLength(200);
        builder.HasOne<Company>().WithMany().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CompanyId, s.SortOrder });
    }
}
