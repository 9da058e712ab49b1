namespace TiLianBang.Core.Maintenance;

/// <summary>A photo of one item of a visit, stored by <see cref="Photos.PhotoStore"/>.</summary>
public class MaintenancePhoto
{
    public int Id { get; set; }
    public int MaintenanceOrderItemId { get; set; }
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public int? UploadedBy { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}
