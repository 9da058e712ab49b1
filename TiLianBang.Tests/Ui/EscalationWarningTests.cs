using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Repairs;
using TiLianBang.Web.Features.Repairs.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>A 5级上报 level that reached nobody shows on the order as a configuration problem, with the way to the settings.</summary>
public sealed class EscalationWarningTests
{
    private static BunitContext NewContext()
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static RepairOrder Order(params string[] escalationNotes) => new()
    {
        Id = 7,
        Number = "JX202612010001",
        ElevatorId = 42,
        Description = "困人",
        PassengersTrapped = true,
        Steps = [.. escalationNotes.Select((note, i) => new RepairOrderStep { Id = i + 1, UserName = Escalation.StepUserName, AtUtc = DateTime.UtcNow, Note = note })],
    };

    [Fact]
    public async Task ALevelThatReachedNobodyIsShownWithTheWayToTheSettings()
    {
        await using var ctx = NewContext();
        var order = Order("第 1 级上报：维保人员（建单时已通知 6 人）", $"第 2 级上报：维保班组长（报警后 5 分钟未到场，{Escalation.NobodyNote}）");

        var warning = ctx.Render<EscalationWarning>(p => p.Add(c => c.Order, order));

        var step = Assert.Single(warning.FindAll("[data-testid=escalation-warning-step]"));
        Assert.Contains("第 2 级上报：维保班组长", step.TextContent, StringComparison.Ordinal);
        Assert.Equal("/archive/elevators/42", warning.Find("[data-testid=escalation-warning-link]").GetAttribute("href"));
    }

    [Fact]
    public async Task AnOrderWhoseLevelsAllReachedSomeoneShowsNothing()
    {
        await using var ctx = NewContext();

        var warning = ctx.Render<EscalationWarning>(p => p.Add(c => c.Order, Order("第 1 级上报：维保人员（建单时已通知 6 人）", "第 2 级上报：维保班组长（报警后 5 分钟未到场，通知 2 人）")));

        Assert.Empty(warning.FindAll("[data-testid=escalation-warning]"));
    }
}
