using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Accounts;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> builder)
    {
        builder.ToTable("Accounts");
        builder.Property(a => a.DisplayName).HasMaxLength(50);
        builder.Property(a => a.Language).HasMaxLength(10);
        builder.Property(a => a.WeChatOpenId).HasMaxLength(64);
        builder.HasIndex(a => a.WeChatOpenId).IsUnique();
        // Password recovery and phone sign-in find the account by its mobile, so one mobile is one person.
        builder.Property(a => a.PhoneNumber).HasMaxLength(20);
        builder.HasIndex(a => a.PhoneNumber).IsUnique();
        builder.Property(a => a.Job).HasMaxLength(20);
        builder.Property(a => a.AvatarFile).HasMaxLength(100);
        builder.ComplexProperty(a => a.Certificate, c =>
        {
            c.Property(x => x.Number).HasColumnName("CertificateNumber").HasMaxLength(40);
            c.Property(x => x.Category).HasColumnName("CertificateCategory").HasMaxLength(40);
            c.Property(x => x.ExpiresOn).HasColumnName("CertificateExpiresOn");
        });
        builder.HasOne(a => a.Company).WithMany().HasForeignKey(a => a.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Role).WithMany().HasForeignKey(a => a.RoleId).OnDelete(DeleteBehavior.Restrict);
    }
}
