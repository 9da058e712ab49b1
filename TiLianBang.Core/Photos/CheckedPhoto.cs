namespace TiLianBang.Core.Photos;

/// <summary>A photo read and recognised (type from its first bytes, within the size limit) but not stored yet.</summary>
public sealed record CheckedPhoto(byte[] Content, string ContentType, string Extension);
