using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Parameters;

internal sealed class ParameterCategoryConfiguration : IEntityTypeConfiguration<ParameterCategory>
{
    public void Configure(EntityTypeBuilder<ParameterCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(ParameterSpecification.MaxNameLength);
        builder.HasOne(c => c.Parent).WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ParameterSpecConfiguration : IEntityTypeConfiguration<ParameterSpec>
{
    public void Configure(EntityTypeBuilder<ParameterSpec> builder)
    {
        builder.Property(p => p.Code).HasMaxLength(16);
        builder.HasIndex(p => p.Code).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(ParameterSpecification.MaxNameLength);
        builder.Property(p => p.Unit).HasMaxLength(16);
        builder.Property(p => p.Minimum).HasPrecision(18, 4);
        builder.Property(p => p.Maximum).HasPrecision(18, 4);
        builder.Property(p => p.Description).HasMaxLength(500);
        builder.HasOne(p => p.Category).WithMany().HasForeignKey(p => p.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
