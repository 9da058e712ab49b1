namespace TiLianBang.Core.Repairs;

/// <summary>A photo a worker took while processing an order (去处理), stored as a file in the data folder.</summary>
public class RepairPhoto
{
    public int Id { get; set; }
    public int RepairOrderId { get; set; }
    /// <summary>File name inside the photo folder (generated; never the uploader's name).</summary>
    public required string StoredName { get; set; }
    public required string ContentType { get; set; }
    public long Length { get; set; }
    public int? UploadedBy { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}
