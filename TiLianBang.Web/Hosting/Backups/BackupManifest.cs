using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace TiLianBang.Web.Hosting.Backups;

/// <summary>One file of a backup: its path inside the backup folder ('/' separated), size and SHA-256 (hex).</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);

/// <summary>
/// <c>manifest.json</c> of a backup folder, written last: a folder without it is not a backup. Restore checks every
/// file against it before it touches the installation.
/// </summary>
public sealed record BackupManifest(int Format, string Product, string Version, DateTimeOffset CreatedAtUtc, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string ProgramVersion { get; } =
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public static async Task<BackupFile> DescribeAsync(string backupFolder, string fullPath, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(fullPath);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        var relative = System.IO.Path.GetRelativePath(backupFolder, fullPath).Replace('\\', '/');
        return new BackupFile(relative, stream.Length, Convert.ToHexStringLower(hash));
    }

    public async Task WriteAsync(string backupFolder, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(System.IO.Path.Combine(backupFolder, FileName));
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    /// <summary>
    /// Reads the manifest and checks every file it lists (name, size, SHA-256). Throws <see cref="BackupException"/>
    /// naming the first problem; a manifest may not name files outside the backup's known entries.
    /// </summary>
    public static async Task<BackupManifest> ReadVerifiedAsync(string backupFolder, CancellationToken cancellationToken)
    {
        var path = System.IO.Path.Combine(backupFolder, FileName);
        if (!File.Exists(path))
        {
            var inside = Directory.Exists(backupFolder)
                ? Directory.GetDirectories(backupFolder).Where(d => File.Exists(System.IO.Path.Combine(d, FileName))).Order().ToList()
                : [];
            throw new BackupException(inside.Count > 0
                ? $"{backupFolder} holds several backups; name one of them: {string.Join(", ", inside.Select(System.IO.Path.GetFileName))}."
                : $"{backupFolder} is not a TiLianBang backup: it has no {FileName}.");
        }
        BackupManifest? manifest;
        try
        {
            await using var stream = File.OpenRead(path);
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
        }
        catch (JsonException e)
        {
            throw new BackupException($"The backup's {FileName} is damaged (not valid JSON: {e.Message}).", e);
        }
        if (manifest is null || manifest.Files is null || manifest.Format != CurrentFormat)
        {
            throw new BackupException($"The backup's {FileName} is damaged or of an unknown format (expected format {CurrentFormat}).");
        }
        if (!manifest.Files.Any(f => f.Path == BackupLayout.DatabaseEntry))
        {
            throw new BackupException($"The backup's {FileName} lists no database ({BackupLayout.DatabaseEntry}).");
        }
        var root = System.IO.Path.GetFullPath(backupFolder);
        foreach (var file in manifest.Files)
        {
            if (!IsKnownEntry(file.Path))
            {
                throw new BackupException($"The backup's {FileName} names a file outside a backup's entries: {file.Path}.");
            }
            var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, file.Path));
            if (!File.Exists(full))
            {
                throw new BackupException($"The backup is incomplete: {file.Path} is missing.");
            }
            var actual = await DescribeAsync(root, full, cancellationToken);
            if (actual.Size != file.Size || !string.Equals(actual.Sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupException($"The backup is damaged: {file.Path} does not match its manifest (size {actual.Size} instead of {file.Size}, or another SHA-256).");
            }
        }
        return manifest;
    }

    /// <summary>The database, the key file, or something under one of the backed-up folders; never a way out of the folder.</summary>
    private static bool IsKnownEntry(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\\', StringComparison.Ordinal) || System.IO.Path.IsPathRooted(path)
            || path.Split('/').Any(part => part is "" or "." or ".."))
        {
            return false;
        }
        return path == BackupLayout.DatabaseEntry
            || BackupLayout.DataEntries.Any(entry => path == entry || path.StartsWith(entry + "/", StringComparison.Ordinal));
    }
}

/// <summary>A backup or restore that cannot be done, with a message for the administrator.</summary>
public sealed class BackupException(string message, Exception? inner = null) : Exception(message, inner);
