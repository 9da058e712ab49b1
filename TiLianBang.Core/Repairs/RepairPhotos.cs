using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Photos;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// Photos of repair work (REP-2 去处理): at most 9 per order (checked by <see cref="PhotoStore"/>), added by the
/// worker on the order while on site, and read only by those who may see the order.
/// </summary>
public sealed class RepairPhotos(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock, PhotoStore store)
{
    public const int MaxPerOrder = 9;

    public async Task<RepairPhoto> AddAsync(int orderId, Stream content, CancellationToken cancellationToken)
    {
        var order = await db.RepairOrders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new DomainException("repair.not_found", $"工单 {orderId} 不存在或无权查看。", DomainErrorKind.NotFound);
        if (order.AssignedWorkerId != actor.AccountId || order.State is not (RepairOrderState.SignedIn or RepairOrderState.Processing))
        {
            throw new DomainException("repair.photo_not_allowed", "只有到场处理中的维保人员可以上传照片。", DomainErrorKind.Forbidden);
        }
        if (await db.RepairPhotos.CountAsync(p => p.RepairOrderId == orderId, cancellationToken) >= MaxPerOrder)
        {
            throw Invalid($"每个工单最多 {MaxPerOrder} 张照片。");
        }
        var file = await store.SaveAsync(orderId.ToString(System.Globalization.CultureInfo.InvariantCulture), content, cancellationToken);
        var photo = new RepairPhoto
        {
            RepairOrderId = orderId,
            StoredName = file.StoredName,
            ContentType = file.ContentType,
            Length = file.Length,
            UploadedBy = actor.AccountId,
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.RepairPhotos.Add(photo);
        await db.SaveChangesAsync(cancellationToken);
        return photo;
    }

    /// <summary>The photo and its bytes, when the actor may see its order.</summary>
    public async Task<(RepairPhoto Photo, Stream Content)> OpenAsync(int photoId, CancellationToken cancellationToken)
    {
        var photo = await db.RepairPhotos.AsNoTracking().SingleOrDefaultAsync(p => p.Id == photoId, cancellationToken);
        if (photo is null || !await db.RepairOrders.AnyAsync(o => o.Id == photo.RepairOrderId, cancellationToken))
        {
            throw new DomainException("repair.photo_not_found", "照片不存在或无权查看。", DomainErrorKind.NotFound);
        }
        return (photo, store.Open(photo.StoredName));
    }

    public async Task<IReadOnlyList<RepairPhoto>> OfOrderAsync(int orderId, CancellationToken cancellationToken) =>
        await db.RepairPhotos.AsNoTracking()
            .Where(p => p.RepairOrderId == orderId && db.RepairOrders.Any(o => o.Id == orderId))
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);

    private static ValidationException Invalid(string message) => PhotoStore.Invalid(message);
}
