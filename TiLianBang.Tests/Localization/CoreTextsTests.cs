using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using TiLianBang.Core.Common;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Organizations;

namespace TiLianBang.Tests.Localization;

public sealed partial class CoreTextsTests
{
    private static readonly CultureInfo English = new("en");
    private static readonly CultureInfo Chinese = new("zh-CN");

    /// <summary>
    /// Files whose Chinese is not for readers of the app (demo data, Identity's own localisation, the catalog itself,
    /// the key words that map archives' free-text 使用场所 to usage categories — the categories themselves are in the resx).
    /// </summary>
    private static readonly string[] NotScanned = ["Migrations", "DemoSeeder.cs", "DemoStaff.cs", "LocalizedIdentityErrorDescriber.cs", "Localization", "UsagePlaces.cs"];

    [Fact]
    public void EveryChineseTextInCoreHasEnglish()
    {
        var core = Path.Combine(SourceLiterals.RepositoryRoot, "TiLianBang.Core");
        // Some Core texts are names the pages pass through their localizer (the operation log's subjects and field
        // names); their English is in the Web's resource file instead.
        var resource = System.Xml.Linq.XDocument.Load(Path.Combine(SourceLiterals.RepositoryRoot, "TiLianBang.Web", "Resources", "SharedResource.en.resx"))
            .Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !NotScanned.Any(n => f.Contains(n, StringComparison.Ordinal)))
            .SelectMany(f => SourceLiterals.Of(File.ReadAllText(f)).Select(t => (File: Path.GetRelativePath(core, f), Text: t)))
            .Where(l => Han().IsMatch(l.Text) && !CoreTexts.English.ContainsKey(l.Text) && !resource.Contains(l.Text))
            .Select(l => $"{l.File}: {l.Text}")
            .Distinct()
            .ToList();

        Assert.True(missing.Count == 0, "No English in CoreTexts for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void TheScanFindsTheTemplatesOfInterpolatedStrings()
    {
        var literals = SourceLiterals.Of("""throw new DomainException("x.y", $"电梯 {id} 不存在，{(a ? "甲" : "乙")} {d:yyyy-MM-dd} {{括号}}"); // 注释 """).ToList();

        Assert.Equal(["x.y", "电梯 {0} 不存在，{1} {2:yyyy-MM-dd} {{括号}}"], literals);
    }

    [Fact]
    public void EnglishKeepsTheHolesOfItsChineseTemplate()
    {
        var mismatched = CoreTexts.English
            .Where(e => !Holes(e.Key).SetEquals(Holes(e.Value)))
            .Select(e => $"{e.Key} → {e.Value}")
            .ToList();

        Assert.True(mismatched.Count == 0, string.Join("\n", mismatched));
    }

    [Fact]
    public void ADomainErrorReadsInTheReadersLanguageWithItsCodeUnchanged()
    {
        var id = 42;
        var error = new DomainException("elevator.not_found", $"电梯 {id} 不存在或无权查看。", DomainErrorKind.NotFound);

        Assert.Equal("elevator.not_found", error.Code);
        Assert.Equal("Elevator 42 does not exist or is not visible to you.", error.MessageIn(English));
        Assert.Equal("电梯 42 不存在或无权查看。", error.MessageIn(Chinese));
    }

    [Fact]
    public void NamesInsideAnErrorAreTranslatedToo()
    {
        var error = new DomainException("repair.illegal_transition", $"工单当前为“{"已关闭"}”，不能执行“{"签到"}”。");

        Assert.Equal("The order is “Closed”; “sign in” is not possible now.", error.MessageIn(English));
    }

    [Fact]
    public void FieldMessagesReadInTheReadersLanguage()
    {
        var error = new ValidationException(new Dictionary<string, string> { ["Floors"] = "层数应在 2 到 200 之间。", ["Name"] = "名称应为 1–20 个字符。" });

        Assert.Equal("Floors must be between 2 and 200.", error.ErrorsIn(English)["Floors"]);
        Assert.Equal("The name must be 1–20 characters long.", error.ErrorsIn(English)["Name"]);
        Assert.Equal("层数应在 2 到 200 之间。", error.ErrorsIn(Chinese)["Floors"]);
    }

    [Theory]
    [InlineData("设备报警，生成急修工单", "Alarm from the device; emergency repair order created")]
    [InlineData("故障再次发生（第 3 次）", "Fault occurred again (occurrence 3)")]
    [InlineData("困人（第 6 层站）", "Passengers trapped (landing 6)")]
    [InlineData("指派给 李师傅", "Assigned to 李师傅")]
    [InlineData("第 2 级上报：维保班组长（报警后 10 分钟未到场，通知 1 人）",
        "Level 2 escalation: maintenance team leader (nobody on site 10 minutes after the alarm; notified: 1)")]
    [InlineData("按周期：半月保养，每 15 天一次（自 2026-12-01 起）", "By period: Half-monthly maintenance, every 15 days (from 2026-12-01)")]
    [InlineData("上次保养后已运行 28,000 次（阈值 25,000 次）", "28,000 runs since the last maintenance (threshold 25,000)")]
    [InlineData("CQ0001 电梯：困人（第 6 层站），报警已超过 5 分钟", "CQ0001 电梯: Passengers trapped (landing 6); the alarm is more than 5 minutes old")]
    public void AStoredGeneratedTextShowsInEnglish(string stored, string english)
    {
        Assert.Equal(english, CoreTexts.Show(stored, English));
        Assert.Equal(stored, CoreTexts.Show(stored, Chinese));
    }

    [Fact]
    public void TextThatIsNoTemplateShowsAsStored()
    {
        Assert.Equal("厅门关不上", CoreTexts.Show("厅门关不上", English));
        Assert.Equal("", CoreTexts.Show(null, English));
    }

    [Fact]
    public void ReferenceListsHaveEnglish()
    {
        var names = ElevatorVarieties.Names.Values.Concat(ElevatorArchiveRules.UsagePlaces).Concat(CompanyDirectory.UnitCategories)
            .Concat(Enumerable.Range(1, 99).Select(TiLianBang.Core.Devices.DefaultFaultCodes.NameOf).Where(n => !n.StartsWith("代码", StringComparison.Ordinal)));

        Assert.All(names, n => Assert.NotEqual(n, CoreTexts.Show(n, English)));
        Assert.Equal("Traction passenger elevator", CoreTexts.Show(ElevatorVarieties.NameOf(ElevatorVariety.TractionPassenger), English));
    }

    [Fact]
    public void EveryItemOfTheRegulationHasEnglish()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(SourceLiterals.RepositoryRoot, "TiLianBang.Core", "Maintenance", "Data", "tsg-t5002-2017.json")));
        var texts = json.RootElement.GetProperty("kinds").EnumerateObject()
            .SelectMany(kind => kind.Value.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array))
            .SelectMany(period => period.Value.EnumerateArray())
            .SelectMany(row => new[] { row.GetProperty("item").GetString()!, row.GetProperty("requirement").GetString()! })
            .Distinct()
            .ToList();

        Assert.True(texts.Count > 250);
        Assert.DoesNotContain(texts, t => !CoreTexts.English.ContainsKey(t));
    }

    private static HashSet<string> Holes(string template) =>
        [.. HoleNumber().Matches(template).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();

    [GeneratedRegex(@"(?<!\{)\{(\d+)")]
    private static partial Regex HoleNumber();
}
