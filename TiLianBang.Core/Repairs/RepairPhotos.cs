using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// Photos of repair work (REP-2 去处理): JPEG, PNG or WebP recognised by their first bytes (not by the name the
/// phone gave), at most 5 MB and 9 per order, added by the worker on the order while on site, and read only by
/// those who may see the order.
/// </summary>
public sealed class RepairPhotos(TiLianBangDbContext db, CurrentActor actor, TimeProvider clock, IOptions<RepairPhotoOptions> options)
{
    public async Task<RepairPhoto> AddAsync(int orderId, Stream content, CancellationToken cancellationToken)
    {
        var order = await db.RepairOrders.SingleOrDefaultAsync(o => o.Id == orderId, cancellationToken)
            ?? throw new DomainException("repair.not_found", $"工单 {orderId} 不存在或无权查看。", DomainErrorKind.NotFound);
        if (order.AssignedWorkerId != actor.AccountId || order.State is not (RepairOrderState.SignedIn or RepairOrderState.Processing))
        {
            throw new DomainException("repair.photo_not_allowed", "只有到场处理中的维保人员可以上传照片。", DomainErrorKind.Forbidden);
        }
        if (await db.RepairPhotos.CountAsync(p => p.RepairOrderId == orderId, cancellationToken) >= RepairPhotoOptions.MaxPerOrder)
        {
            throw Invalid($"每个工单最多 {RepairPhotoOptions.MaxPerOrder} 张照片。");
        }
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, cancellationToken);
        var (contentType, extension) = Sniff(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw Invalid("只能上传 JPEG、PNG 或 WebP 图片。");
        var storedName = $"{orderId}-{Guid.NewGuid():N}{extension}";
        Directory.CreateDirectory(options.Value.Directory);
        await File.WriteAllBytesAsync(Path.Combine(options.Value.Directory, storedName), buffer.ToArray(), cancellationToken);
        var photo = new RepairPhoto
        {
            RepairOrderId = orderId,
            StoredName = storedName,
            ContentType = contentType,
            Length = buffer.Length,
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
        return (photo, File.OpenRead(Path.Combine(options.Value.Directory, photo.StoredName)));
    }

    public async Task<IReadOnlyList<RepairPhoto>> OfOrderAsync(int orderId, CancellationToken cancellationToken) =>
        await db.RepairPhotos.AsNoTracking()
            .Where(p => p.RepairOrderId == orderId && db.RepairOrders.Any(o => o.Id == orderId))
            .OrderBy(p => p.Id)
            .ToListAsync(cancellationToken);

    private static async Task CopyLimitedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (target.Length + read > RepairPhotoOptions.MaxBytes)
            {
                throw Invalid($"照片不能超过 {RepairPhotoOptions.MaxBytes / 1024 / 1024} MB。");
            }
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
    }

    private static (string ContentType, string Extension)? Sniff(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0xFF, 0xD8, 0xFF, ..] => ("image/jpeg", ".jpg"),
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => ("image/png", ".png"),
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => ("image/webp", ".webp"),
        _ => null,
    };

    private static ValidationException Invalid(string message) => new(new Dictionary<string, string> { ["Photo"] = message });
}
