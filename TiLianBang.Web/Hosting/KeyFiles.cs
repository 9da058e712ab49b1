using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// Key material (the token signing key, the data-protection keys) is readable by the service account only:
/// mode 600 for files and 700 for folders on Linux, an ACL of the account, SYSTEM and Administrators on Windows.
/// Whoever reads these keys can forge any sign-in.
/// </summary>
public static class KeyFiles
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>
    /// Creates the key folder owner-only and fixes keys an older version (or a copy from a backup) left readable
    /// by others. Data protection writes its new key files owner-only itself on Linux (it creates them with
    /// <c>Path.GetTempFileName</c>) and inherits the folder's ACL on Windows.
    /// </summary>
    public static void SecureExisting(AppPaths paths)
    {
        var keys = paths.DataProtectionKeyDirectory;
        CreateOwnerOnlyDirectory(keys);
        foreach (var file in Directory.EnumerateFiles(keys))
        {
            Restrict(file);
        }
        if (File.Exists(paths.TokenSigningKeyFile))
        {
            Restrict(paths.TokenSigningKeyFile);
        }
    }

    /// <summary>Creates a folder readable by the service account only, or narrows an existing one (keys, backups).</summary>
    public static void CreateOwnerOnlyDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            RestrictOnWindows(new DirectoryInfo(path));
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
            File.SetUnixFileMode(path, OwnerOnlyDirectory);
        }
    }

    /// <summary>Writes a new key file that is owner-only from its first byte (no window in which others could read it).</summary>
    public static void CreateNew(string path, string contents)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }
        using (var writer = new StreamWriter(path, System.Text.Encoding.UTF8, options))
        {
            writer.Write(contents);
        }
        Restrict(path);
    }

    private static void Restrict(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            RestrictOnWindows(new FileInfo(file));
        }
        else
        {
            File.SetUnixFileMode(file, OwnerOnlyFile);
        }
    }

    [SupportedOSPlatform("windows")]
    private static void RestrictOnWindows(FileSystemInfo target)
    {
        var isDirectory = target is DirectoryInfo;
        FileSystemSecurity security = isDirectory ? new DirectorySecurity() : new FileSecurity();
        // Drop what the folder above grants (e.g. Users: read) and grant only these three.
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        var inheritance = isDirectory ? InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit : InheritanceFlags.None;
        using var current = WindowsIdentity.GetCurrent();
        foreach (var who in new[]
        {
            current.User!,
            new SecurityIdentifier(WellKnownSidType.LocalSystemSid, null),
            new SecurityIdentifier(WellKnownSidType.BuiltinAdministratorsSid, null),
        })
        {
            security.AddAccessRule(new FileSystemAccessRule(who, FileSystemRights.FullControl, inheritance, PropagationFlags.None, AccessControlType.Allow));
        }
        if (target is DirectoryInfo directory)
        {
            directory.SetAccessControl((DirectorySecurity)security);
        }
        else
        {
            ((FileInfo)target).SetAccessControl((FileSecurity)security);
        }
    }
}
