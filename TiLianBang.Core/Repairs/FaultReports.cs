using System.Globalization;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Photos;

namespace TiLianBang.Core.Repairs;

/// <summary>
/// 故障上报 (API-7, mini-program §6.2.8): a person reports a fault of an elevator they can see, with up to nine photos,
/// all or nothing — one bad photo or field refuses the report, and then no order, no photo row and no file is left.
/// </summary>
public sealed class FaultReports(TiLianBangDbContext db, RepairService repairs, PhotoStore store, CurrentActor actor, TimeProvider clock)
{
    public const int MaxPhotos = RepairPhotos.MaxPerOrder;

    /// <summary>
    /// Reports the fault. <paramref name="photos"/> are opened one at a time; errors name the request's fields
    /// (<c>elevatorId</c>, <c>description</c>, <c>photos</c>, <c>photos[i]</c>).
    /// </summary>
    public async Task<RepairOrder> ReportAsync(
        int? elevatorId, string? description, bool passengersTrapped, IReadOnlyList<Func<Stream>> photos, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (elevatorId is null)
        {
            errors["elevatorId"] = "请选择电梯。";
        }
        if (RepairService.DescriptionError(description ?? "") is { } descriptionError)
        {
            errors["description"] = descriptionError;
        }
        var checkedPhotos = new List<CheckedPhoto>(Math.Min(photos.Count, MaxPhotos));
        if (photos.Count > MaxPhotos)
        {
            errors["photos"] = $"最多上传 {MaxPhotos} 张照片。";
        }
        else
        {
            for (var i = 0; i < photos.Count; i++)
            {
                try
                {
                    await using var content = photos[i]();
                    checkedPhotos.Add(await PhotoStore.CheckAsync(content, cancellationToken));
                }
                catch (ValidationException e)
                {
                    errors[string.Create(CultureInfo.InvariantCulture, $"photos[{i}]")] = e.Errors.Values.First();
                }
            }
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }

        // The order and its photo rows commit together; files written before a failure are removed again.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var order = await repairs.ReportAsync(elevatorId!.Value, description!, passengersTrapped, cancellationToken);
        var written = new List<string>(checkedPhotos.Count);
        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            foreach (var photo in checkedPhotos)
            {
                var file = await store.SaveAsync(order.Id.ToString(CultureInfo.InvariantCulture), photo, cancellationToken);
                written.Add(file.StoredName);
                db.RepairPhotos.Add(new RepairPhoto
                {
                    RepairOrderId = order.Id,
                    StoredName = file.StoredName,
                    ContentType = file.ContentType,
                    Length = file.Length,
                    UploadedBy = actor.AccountId,
                    UploadedAtUtc = now,
                });
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            foreach (var name in written)
            {
                store.Delete(name);
            }
            throw;
        }
        return order;
    }
}
