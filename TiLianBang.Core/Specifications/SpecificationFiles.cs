using Microsoft.Extensions.Options;
using TiLianBang.Core.Common;

namespace TiLianBang.Core.Specifications;

/// <summary>
/// The PDFs of 工作规范 on disk: recognised by their <c>%PDF-</c> header (not by the name given), at most 20 MB,
/// stored under a generated name so that the uploader's file name never reaches the file system.
/// </summary>
public sealed class SpecificationFiles(IOptions<SpecificationFileOptions> options)
{
    private static ReadOnlySpan<byte> PdfHeader => "%PDF-"u8;

    /// <summary>Writes the PDF and answers its stored name and length; refuses anything else, naming the field <c>pdf</c>.</summary>
    public async Task<(string StoredName, long Length)> SaveAsync(Stream content, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.Value.Directory);
        var storedName = $"spec-{Guid.NewGuid():N}.pdf";
        var path = PathOf(storedName);
        try
        {
            long length;
            await using (var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                length = await CopyCheckedAsync(content, target, cancellationToken);
            }
            return (storedName, length);
        }
        catch
        {
            Delete(storedName);
            throw;
        }
    }

    public Stream Open(string storedName) => new FileStream(PathOf(storedName), FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);

    /// <summary>Removes a PDF nothing refers to any more; a missing or busy file is no error.</summary>
    public void Delete(string storedName)
    {
        try
        {
            File.Delete(PathOf(storedName));
        }
        catch (IOException)
        {
            // Being read right now: an orphan file costs disk, not correctness.
        }
    }

    public static ValidationException Invalid(string message) => new(new Dictionary<string, string> { ["pdf"] = message });

    public static ValidationException TooLarge() => Invalid("PDF 文件不能超过 20 MB。");

    /// <summary>Stored names are ours (generated), but a name never leaves the folder.</summary>
    private string PathOf(string storedName) => Path.Combine(options.Value.Directory, Path.GetFileName(storedName));

    private static async Task<long> CopyCheckedAsync(Stream source, Stream target, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        var header = new byte[PdfHeader.Length];
        var headerRead = 0;
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (headerRead < header.Length)
            {
                var take = Math.Min(read, header.Length - headerRead);
                chunk.AsSpan(0, take).CopyTo(header.AsSpan(headerRead));
                headerRead += take;
                if (headerRead == header.Length && !header.AsSpan().SequenceEqual(PdfHeader))
                {
                    throw NotPdf();
                }
            }
            total += read;
            if (total > SpecificationFileOptions.MaxBytes)
            {
                throw TooLarge();
            }
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
        }
        if (headerRead < header.Length)
        {
            throw NotPdf();
        }
        return total;
    }

    private static ValidationException NotPdf() => Invalid("只能上传 PDF 文件。");
}
