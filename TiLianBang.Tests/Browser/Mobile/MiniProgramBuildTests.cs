using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using TiLianBang.Web.Features.MobileApp;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>
/// The mini-program's two builds: the mp-weixin folder a company imports into WeChat DevTools (built here, as CI
/// does) and the H5 build the web project serves at /m.
/// </summary>
public sealed partial class MiniProgramBuildTests
{
    private static readonly string Repository = FindRepository();
    private static readonly string Source = Path.Combine(Repository, "miniprogram");

    [Fact]
    public async Task TheWeChatBuildListsEveryPageAsksForLocationAndTakesTheAppIdFromItsEnvironment()
    {
        var output = Path.Combine(Path.GetTempPath(), "tlb-mp-" + Guid.NewGuid().ToString("N"));
        try
        {
            var (exitCode, log) = await NpmAsync(["run", "build:mp-weixin", "--", "--outDir", output],
                new Dictionary<string, string> { ["VITE_MP_APPID"] = "wx0123456789abcdef" });
            Assert.True(exitCode == 0, log);

            using var pagesJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Source, "src", "pages.json")));
            using var appJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "app.json")));
            var app = appJson.RootElement;
            Assert.Equal(PagesOf(pagesJson.RootElement), PagesOf(app));
            Assert.True(PagesOf(app).Count >= 30, "every page of the manual's §6.2");
            foreach (var page in PagesOf(app))
            {
                Assert.True(File.Exists(Path.Combine(output, page + ".js")), $"{page}.js was not built");
                Assert.True(File.Exists(Path.Combine(output, page + ".wxml")), $"{page}.wxml was not built");
            }
            Assert.Equal(["pages/home/index", "pages/repairs/index", "pages/maintenance/index", "pages/me/index"],
                app.GetProperty("tabBar").GetProperty("list").EnumerateArray().Select(t => t.GetProperty("pagePath").GetString()!));

            var location = app.GetProperty("permission").GetProperty("scope.userLocation").GetProperty("desc").GetString();
            Assert.Contains("1 公里", location, StringComparison.Ordinal);
            Assert.Contains("getLocation", app.GetProperty("requiredPrivateInfos").EnumerateArray().Select(e => e.GetString()));

            using var project = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "project.config.json")));
            Assert.Equal("wx0123456789abcdef", project.RootElement.GetProperty("appid").GetString());

            // WeChat refuses a main package above 2 MB; the feature pages live in sub-packages.
            var main = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
                .Where(f => !app.GetProperty("subPackages").EnumerateArray().Any(s => f.StartsWith(Path.Combine(output, s.GetProperty("root").GetString()!) + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
                .Sum(f => new FileInfo(f).Length);
            Assert.True(main < 2 * 1024 * 1024, $"main package {main:N0} bytes");
            AssertNoRemoteStyles(output, "*.wxss");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    [Fact]
    public void TheServedH5BuildHasItsPageAndNoStyleThatReachesTheInternet()
    {
        var webRoot = Path.Combine(Repository, "TiLianBang.Web", "wwwroot");
        Assert.True(File.Exists(Path.Combine(webRoot, MobileAppEndpoints.IndexFile)), "the web project's build produces the H5 app");
        var index = File.ReadAllText(Path.Combine(webRoot, MobileAppEndpoints.IndexFile));
        Assert.Contains("/m/assets/", index, StringComparison.Ordinal);
        AssertNoRemoteStyles(Path.Combine(webRoot, "m"), "*.css");
    }

    [Fact]
    public void EveryChineseTextOfThePagesHasItsEnglishOnce()
    {
        var src = Path.Combine(Source, "src");
        var english = new Dictionary<string, string>(StringComparer.Ordinal);
        var twice = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(src, "locales"), "*.js"))
        {
            foreach (Match entry in LocaleEntry().Matches(File.ReadAllText(file)))
            {
                var key = Unquote(entry.Groups["key"].Value);
                if (!english.TryAdd(key, Path.GetFileName(file)))
                {
                    twice.Add($"{key} ({english[key]}, {Path.GetFileName(file)})");
                }
            }
        }
        var missing = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".vue", StringComparison.Ordinal) || (f.EndsWith(".js", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}locales{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            .SelectMany(f => TranslateCall().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(src, f), Text: m.Groups["text"].Value)))
            .Where(c => Chinese().IsMatch(c.Text) && !english.ContainsKey(c.Text))
            .Select(c => $"{c.File}: {c.Text}")
            .Distinct()
            .ToList();

        Assert.True(english.Count > 200, "the English tables were read");
        Assert.True(missing.Count == 0, "no English for:\n" + string.Join("\n", missing));
        Assert.True(twice.Count == 0, "translated in two files:\n" + string.Join("\n", twice));
    }

    private static string Unquote(string key) =>
        key.Length > 1 && (key[0] == '\'' || key[0] == '"') ? key[1..^1].Replace("\\'", "'", StringComparison.Ordinal) : key;

    private static void AssertNoRemoteStyles(string folder, string pattern)
    {
        foreach (var file in Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories))
        {
            var remote = RemoteUrl().Match(File.ReadAllText(file));
            Assert.False(remote.Success, $"{Path.GetFileName(file)} loads {remote.Value}");
        }
    }

    private static List<string> PagesOf(JsonElement app)
    {
        var pages = app.GetProperty("pages").EnumerateArray()
            .Select(p => p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetProperty("path").GetString()!).ToList();
        foreach (var package in app.GetProperty("subPackages").EnumerateArray())
        {
            var root = package.GetProperty("root").GetString()!.TrimEnd('/');
            pages.AddRange(package.GetProperty("pages").EnumerateArray()
                .Select(p => root + "/" + (p.ValueKind == JsonValueKind.String ? p.GetString()! : p.GetProperty("path").GetString()!)));
        }
        return [.. pages.Order(StringComparer.Ordinal)];
    }

    private static async Task<(int ExitCode, string Log)> NpmAsync(string[] arguments, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("npm") { WorkingDirectory = Source, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // Two cores shared with every other test class: the build takes 10 s alone, far longer in a busy run.
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(4));
        return (process.ExitCode, await output + await error);
    }

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

    [GeneratedRegex(@"^\s*(?<key>'(?:[^'\\]|\\.)+'|""[^""]+""|[^\s:'""/]+)\s*:", RegexOptions.Multiline)]
    private static partial Regex LocaleEntry();

    [GeneratedRegex(@"\$?\bt\(\s*'(?<text>(?:[^'\\]|\\.)+)'")]
    private static partial Regex TranslateCall();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex(@"url\(\s*[""']?https?://[^)]+\)")]
    private static partial Regex RemoteUrl();
}
