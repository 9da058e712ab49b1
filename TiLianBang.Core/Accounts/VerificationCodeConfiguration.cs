using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Accounts;

internal sealed class VerificationCodeConfiguration : IEntityTypeConfiguration<VerificationCode>, IEntityTypeConfiguration<CertificateWarning>
{
    public void Configure(EntityTypeBuilder<VerificationCode> builder)
    {
        builder.ToTable("VerificationCodes");
        builder.Property(c => c.Phone).HasMaxLength(20);
        builder.Property(c => c.ClientKey).HasMaxLength(64);
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        builder.HasIndex(c => new { c.Phone, c.RequestedAtUtc });
        builder.HasIndex(c => new { c.ClientKey, c.RequestedAtUtc });
    }

    public void Configure(EntityTypeBuilder<CertificateWarning> builder)
    {
        builder.ToTable("CertificateWarnings");
        builder.HasIndex(w => new { w.AccountId, w.ExpiresOn, w.ThresholdDays }).IsUnique();
    }
}
