using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Hosting;

/// <summary>
/// The token signing key and the data-protection keys (which protect sign-in cookies) are readable by the
/// service account only; files left readable by an older version are fixed at start-up.
/// </summary>
public sealed class KeyFilePermissionTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("tlb-keys-").FullName;

    [Fact]
    public async Task NewKeysAreReadableByTheServiceAccountOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; Windows gets an ACL instead.
        }
        using var app = new TiLianBangAppFactory(_dataDirectory);

        // A token needs the signing key; a protected payload needs the data-protection key ring.
        await app.CreateApiClientAsync(DemoAccounts.Supervisor, DemoAccounts.Password);
        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("x");

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(_dataDirectory, "token-signing.key")));
        var keys = Path.Combine(_dataDirectory, "keys");
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(keys));
        var keyFiles = Directory.GetFiles(keys, "*.xml");
        Assert.NotEmpty(keyFiles);
        foreach (var keyFile in keyFiles)
        {
            Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(keyFile));
        }
    }

    [Fact]
    public async Task KeysLeftReadableByOthersAreFixedAtStartUp()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix file modes; Windows gets an ACL instead.
        }
        const UnixFileMode everyoneReads = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        var signingKey = Path.Combine(_dataDirectory, "token-signing.key");
        await File.WriteAllTextAsync(signingKey, Convert.ToBase64String(new byte[64]));
        File.SetUnixFileMode(signingKey, everyoneReads);
        var keys = Directory.CreateDirectory(Path.Combine(_dataDirectory, "keys")).FullName;
        File.SetUnixFileMode(keys, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var oldKey = Path.Combine(keys, "key-old.xml");
        await File.WriteAllTextAsync(oldKey, "<unrelated />");
        File.SetUnixFileMode(oldKey, everyoneReads);

        using var app = new TiLianBangAppFactory(_dataDirectory);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health")).StatusCode);

        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(signingKey));
        Assert.Equal(OwnerOnlyDirectory, File.GetUnixFileMode(keys));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(oldKey));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log file may still be held open for a moment; the OS cleans temp folders.
        }
    }
}
