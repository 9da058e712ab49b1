namespace TiLianBang.Core.Photos;

/// <summary>A photo written to the photo folder: its generated file name, its recognised type and size.</summary>
public sealed record StoredPhotoFile(string StoredName, string ContentType, long Length);
