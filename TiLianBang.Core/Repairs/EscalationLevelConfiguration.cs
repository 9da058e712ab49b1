using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Core.Repairs;

internal sealed class EscalationLevelConfiguration : IEntityTypeConfiguration<EscalationLevel>
{
    public void Configure(EntityTypeBuilder<EscalationLevel> builder)
    {
        builder.HasIndex(l => new { l.ElevatorId, l.Level }).IsUnique();
        builder.HasOne<Elevator>().WithMany().HasForeignKey(l => l.ElevatorId).OnDelete(DeleteBehavior.Cascade);
    }
}
