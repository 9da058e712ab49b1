using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Organizations;

/// <summary>Region is stored inline (Province/City/District columns) wherever it appears.</summary>
internal static class RegionMapping
{
    public static void Configure(ComplexPropertyBuilder<Region> region)
    {
        region.Property(r => r.Province).HasMaxLength(20).HasColumnName("Province");
        region.Property(r => r.City).HasMaxLength(20).HasColumnName("City");
        region.Property(r => r.District).HasMaxLength(20).HasColumnName("District");
    }
}
