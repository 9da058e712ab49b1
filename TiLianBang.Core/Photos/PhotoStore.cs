using Microsoft.Extensions.Options;
using TiLianBang.Core.Common;

namespace TiLianBang.Core.Photos;

/// <summary>
/// Work photos on disk: JPEG, PNG or WebP recognised by their first bytes (not by the name the phone gave), at
/// most 5 MB, stored under a generated name. Who may add or read a photo is decided by the feature that owns it.
/// </summary>
public sealed class PhotoStore(IOptions<PhotoOptions> options)
{
    public async Task<StoredPhotoFile> SaveAsync(string namePrefix, Stream content, CancellationToken cancellationToken) =>
        await SaveAsync(namePrefix, await CheckAsync(content, cancellationToken), cancellationToken);

    /// <summary>
    /// Reads and recognises a photo without storing it, so that a request with several photos can refuse them all
    /// before anything is written.
    /// </summary>
    public static async Task<CheckedPhoto> CheckAsync(Stream content, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await CopyLimitedAsync(content, buffer, cancellationToken);
        var (contentType, extension) = Sniff(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw Invalid("只能上传 JPEG、PNG 或 WebP 图片。");
        return new CheckedPhoto(buffer.ToArray(), contentType, extension);
    }

    public async Task<StoredPhotoFile> SaveAsync(string namePrefix, CheckedPhoto photo, CancellationToken cancellationToken)
    {
        var storedName = $"{namePrefix}-{Guid.NewGuid():N}{photo.Extension}";
        Directory.CreateDirectory(options.Value.Directory);
        await File.WriteAllBytesAsync(Path.Combine(options.Value.Directory, storedName), photo.Content, cancellationToken);
        return new StoredPhotoFile(storedName, photo.ContentType, photo.Content.Length);
    }

    public Stream Open(string storedName) => File.OpenRead(PathOf(storedName));

    public bool Exists(string storedName) => File.Exists(PathOf(storedName));

    /// <summary>Removes a photo that nothing refers to any more (a replaced profile picture); a missing file is no error.</summary>
    public void Delete(string storedName)
    {
        try
        {
            File.Delete(PathOf(storedName));
        }
        catch (IOException)
        {
            // Held open by a reader right now: an orphan file costs disk, not correctness.
        }
    }

    /// <summary>The type of a stored photo, from the extension <see cref="SaveAsync"/> gave it after sniffing its bytes.</summary>
    public static string ContentTypeOf(string storedName) => Path.GetExtension(storedName).ToLowerInvariant() switch
    {
        ".png" => "image/png",
        ".webp" => "image/webp",
        _ => "image/jpeg",
    };

    /// <summary>Stored names are ours (generated), but a name never leaves the folder.</summary>
    private string PathOf(string storedName) => Path.Combine(options.Value.Directory, Path.GetFileName(storedName));

    public static ValidationException Invalid(string message) => new(new Dictionary<string, string> { ["Photo"] = message });

    /// <summary>Also for a page that sees a file's size before sending it.</summary>
    public static ValidationException TooLarge() => Invalid($"照片不能超过 {PhotoOptions.MaxBytes / 1024 / 1024} MB。");

    private static async Task CopyLimitedAsync(Stream source, MemoryStream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (target.Length + read > PhotoOptions.MaxBytes)
            {
                throw TooLarge();
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
}
