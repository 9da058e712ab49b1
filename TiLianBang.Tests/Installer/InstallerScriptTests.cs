using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace TiLianBang.Tests.Installer;

/// <summary>
/// The Windows installer (installer/): its scripts' Pester tests on PowerShell 7, the release package that
/// build-package.sh makes (CI builds it here, once), and the Linux service unit.
/// </summary>
public sealed partial class InstallerScriptTests
{
    private static readonly string Repository = FindRepository();

    [Fact]
    public async Task ThePesterTestsOfInstallUpgradeAndUninstallPass()
    {
        var pester = Path.Combine(NuGetPackageRoot(), "pester", "6.2.0", "tools", "Pester.psd1");
        Assert.True(File.Exists(pester), $"Pester 6.2.0 is not in the NuGet folder ({pester}); the test project's restore downloads it");
        var script = $$"""
            $ErrorActionPreference = 'Stop'
            $PSStyle.OutputRendering = 'PlainText'
            Import-Module '{{pester.Replace("'", "''", StringComparison.Ordinal)}}'
            $c = New-PesterConfiguration
            $c.Run.Path = 'installer/tests'
            $c.Run.PassThru = $true
            $c.Output.Verbosity = 'Detailed'
            $c.Output.RenderMode = 'Plaintext'
            $r = Invoke-Pester -Configuration $c
            "PESTER passed=$($r.PassedCount) failed=$($r.FailedCount) total=$($r.TotalCount)"
            exit $r.FailedCount
            """;
        var (exitCode, output) = await RunAsync("dotnet", ["pwsh", "-NoProfile", "-NonInteractive", "-Command", script], TimeSpan.FromMinutes(5));
        Assert.True(exitCode == 0, output);
        var summary = PesterSummary().Match(output);
        Assert.True(summary.Success, output);
        // The count guards against a Pester run that silently found fewer tests (a broken Describe block).
        Assert.True(int.Parse(summary.Groups["passed"].Value, System.Globalization.CultureInfo.InvariantCulture) >= 36, output);
    }

    [Fact]
    public async Task ThePackageHoldsTheSelfContainedProgramBothMiniProgramBuildsTheScriptsAndItsVersion()
    {
        var version = VersionRegex().Match(await File.ReadAllTextAsync(Path.Combine(Repository, "Directory.Build.props"))).Groups[1].Value;
        Assert.NotEmpty(version);
        var watch = Stopwatch.StartNew();
        var (exitCode, output) = await RunAsync("bash", [Path.Combine(Repository, "installer", "build-package.sh")], TimeSpan.FromMinutes(15));
        Assert.True(exitCode == 0, output);

        var zip = Path.Combine(Repository, "artifacts", $"TiLianBang-{version}-win-x64.zip");
        Assert.True(File.Exists(zip), output);
        using var archive = ZipFile.OpenRead(zip);
        var root = $"TiLianBang-{version}-win-x64/";
        var names = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var expected in new[]
        {
            "app/TiLianBang.Web.exe", "app/TiLianBang.Web.dll", "app/appsettings.json",
            // Self-contained: the runtime and ASP.NET Core come along, the Windows native libraries too.
            "app/coreclr.dll", "app/hostfxr.dll", "app/Microsoft.AspNetCore.Server.Kestrel.dll", "app/e_sqlite3.dll", "app/libSkiaSharp.dll",
            "app/wwwroot/m/index.html", "app/wwwroot/_framework/blazor.web.js", "app/wwwroot/lib/apexcharts/apexcharts.min.js",
            "miniprogram/mp-weixin/app.json", "miniprogram/mp-weixin/api/config.js", "miniprogram/mp-weixin/project.config.json",
            "install.ps1", "upgrade.ps1", "uninstall.ps1", "TiLianBang.Install.psm1", "README.md", "VERSION",
            "appsettings.samples/single-box-sqlite.json",
        })
        {
            Assert.True(names.Contains(root + expected), $"{expected} is missing from the package");
        }
        Assert.DoesNotContain(names, n => n.EndsWith(".pdb", StringComparison.Ordinal) || n.EndsWith("appsettings.Development.json", StringComparison.Ordinal));

        Assert.Equal(version, (await ReadAsync(archive, root + "VERSION")).Trim());
        var exe = archive.GetEntry(root + "app/TiLianBang.Web.exe")!;
        await using (var stream = exe.Open())
        {
            var header = new byte[2];
            await stream.ReadExactlyAsync(header);
            Assert.Equal("MZ"u8.ToArray(), header);
        }
        // install.ps1 writes the installation's address over this placeholder (Copy-MiniProgram).
        Assert.Contains("https://elevator.example.com/api/v1", await ReadAsync(archive, root + "miniprogram/mp-weixin/api/config.js"), StringComparison.Ordinal);
        // Read by the lead from the test log: what the package costs CI.
        Console.WriteLine($"build-package.sh: {watch.Elapsed.TotalSeconds:F0} s, {new FileInfo(zip).Length / 1024 / 1024} MB");
    }

    [Fact]
    public void TheLinuxUnitRunsAsItsOwnUserWithOnlyTheDataFolderWritable()
    {
        var unit = File.ReadAllLines(Path.Combine(Repository, "installer", "linux", "tilianbang.service"))
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split('=', 2))
            .ToLookup(p => p[0].Trim(), p => p[1].Trim(), StringComparer.Ordinal);
        Assert.Equal("notify", unit["Type"].Single());
        Assert.Equal("tilianbang", unit["User"].Single());
        Assert.Equal("on-failure", unit["Restart"].Single());
        Assert.Equal("strict", unit["ProtectSystem"].Single());
        Assert.Equal("/var/lib/tilianbang", unit["ReadWritePaths"].Single());
        Assert.Contains("App__DataDirectory=/var/lib/tilianbang", unit["Environment"]);
        Assert.Equal("/opt/tilianbang", unit["WorkingDirectory"].Single());
        Assert.Equal("true", unit["NoNewPrivileges"].Single());
        Assert.Empty(unit["MemoryDenyWriteExecute"]);
    }

    private static async Task<string> ReadAsync(ZipArchive archive, string name)
    {
        await using var stream = archive.GetEntry(name)!.Open();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = Repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        info.Environment["NO_COLOR"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, await output + await error);
    }

    private static string NuGetPackageRoot() =>
        typeof(InstallerScriptTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;

    private static string FindRepository()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "TiLianBang.sln")))
            {
                return folder.FullName;
            }
        }
        throw new InvalidOperationException("TiLianBang.sln not found above the test assembly");
    }

    [GeneratedRegex(@"PESTER passed=(?<passed>\d+) failed=(?<failed>\d+)")]
    private static partial Regex PesterSummary();

    [GeneratedRegex(@"<Version>([^<]+)</Version>")]
    private static partial Regex VersionRegex();
}
