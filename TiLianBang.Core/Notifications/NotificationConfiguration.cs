using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace TiLianBang.Core.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Address).HasMaxLength(64);
        builder.Property(n => n.Title).HasMaxLength(100);
        builder.Property(n => n.Body).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(200);
        builder.Property(n => n.LastError).HasMaxLength(500);
        builder.Property(n => n.ClaimedBy).HasMaxLength(100);
        builder.HasIndex(n => new { n.Status, n.NextAttemptAtUtc });
        builder.HasIndex(n => new { n.AccountId, n.Channel, n.Id });
    }
}
