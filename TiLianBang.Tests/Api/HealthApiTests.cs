using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Health;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Health;

namespace TiLianBang.Tests.Api;

/// <summary>
/// 电梯健康 over HTTP: an elevator's metrics against its own baseline from real hour rows, the fleet and its export,
/// closing a warning as fixed, and 疑似困人 confirmed into one trapped order or dismissed — and who may not.
/// </summary>
public sealed class HealthApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    // Demo elevators CQ0001, 0002, 0004, 0005, 0007 … are maintained by 渝安 (weibao, worker); 0003, 0006 … by 两江.
    private static readonly string[] DaysField = ["days"];
    private static readonly string[] NoteField = ["note"];
    private static readonly string[] TakeField = ["take"];
    private static readonly string[] FleetColumns = ["电梯编号", "电梯名称", "小区", "未处理预警", "观察中", "最大偏离 %", "健康预警", "偏离开始", "困人研判确认", "困人研判排除"];

    private Task<int> ElevatorIdAsync(int index) =>
        app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == $"CQ{index:D4}").Select(e => e.Id).SingleAsync());

    private DateTime WindowEnd => HourAccumulator.HourOf(app.Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// 30 baseline days of 100 door cycles closing in 3.0 s and opening in 2.5 s (one hour row a day), then the judged
    /// day's last two hours of 50 cycles each closing in <paramref name="closingMs"/>.
    /// </summary>
    private async Task<int> SeedDriftAsync(int index, int closingMs)
    {
        var elevatorId = await ElevatorIdAsync(index);
        var windowStart = WindowEnd.AddHours(-24);
        await app.AsSystemAsync(async (_, db) =>
        {
            for (var day = 1; day <= 30; day++)
            {
                db.ElevatorHealthHours.Add(Hour(elevatorId, windowStart.AddDays(-day), 100, 3000));
            }
            db.ElevatorHealthHours.Add(Hour(elevatorId, WindowEnd.AddHours(-2), 50, closingMs));
            db.ElevatorHealthHours.Add(Hour(elevatorId, WindowEnd.AddHours(-1), 50, closingMs));
            return await db.SaveChangesAsync();
        });
        return elevatorId;
    }

    private static ElevatorHealthHour Hour(int elevatorId, DateTime hourUtc, int cycles, int closingMs) => new()
    {
        ElevatorId = elevatorId,
        HourUtc = hourUtc,
        DoorCycles = cycles,
        Reopenings = cycles / 100,
        DoorClosing = new HealthTiming { Count = cycles, SumMs = (long)cycles * closingMs, P95Ms = closingMs + 200 },
        DoorOpening = new HealthTiming { Count = cycles, SumMs = cycles * 2500L, P95Ms = 2700 },
        DoorDwell = new HealthTiming { Count = cycles, SumMs = cycles * 4000L, P95Ms = 6000 },
        Trips = cycles,
        FloorsTravelled = cycles * 3,
        TripPerFloor = new HealthTiming { Count = cycles, SumMs = cycles * 1800L, P95Ms = 2000 },
        Stops = cycles,
    };

    /// <summary>The hourly drift check, as the Hangfire job runs it.</summary>
    private Task<int> EvaluateAsync() => app.AsSystemAsync((services, _) => services.GetRequiredService<HealthEvaluator>().RunAsync(default));

    /// <summary>A warning as the drift check leaves it: 关门时间 up 36.7 % since two days.</summary>
    private async Task<(int ElevatorId, int WarningId)> WarningAsync(int index)
    {
        var elevatorId = await ElevatorIdAsync(index);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var id = await app.AsSystemAsync(async (_, db) =>
        {
            var warning = new HealthWarning
            {
                ElevatorId = elevatorId, Metric = HealthMetric.DoorClosingTime, Status = HealthWarningStatus.Open, RaisedAtUtc = now.AddDays(-1),
                DriftSinceUtc = now.AddDays(-2), EvaluatedAtUtc = now, Baseline = 3000, Spread = 100, Observed = 4100, ChangePercent = 36.67,
            };
            db.HealthWarnings.Add(warning);
            await db.SaveChangesAsync();
            return warning.Id;
        });
        return (elevatorId, id);
    }

    private Task<int> SuspicionAsync(int elevatorId, SuspectedEntrapmentStatus status = SuspectedEntrapmentStatus.Open) => app.AsSystemAsync(async (_, db) =>
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var suspicion = new SuspectedEntrapment
        {
            ElevatorId = elevatorId, DeviceId = "test-device", StuckSinceUtc = now.AddSeconds(-95), RaisedAtUtc = now.AddSeconds(-5), Floor = 6,
            Door = Core.Devices.Protocol.DoorState.Closed, Mode = Core.Devices.Protocol.ServiceMode.Normal, LoadPercent = 15, Status = status,
            DecidedAtUtc = status == SuspectedEntrapmentStatus.Open ? null : now,
        };
        db.SuspectedEntrapments.Add(suspicion);
        await db.SaveChangesAsync();
        return suspicion.Id;
    });

    private Task<(HealthWarningStatus Status, string? Note)> StoredWarningAsync(int id) =>
        app.AsSystemAsync(async (_, db) => await db.HealthWarnings.Where(w => w.Id == id).Select(w => new ValueTuple<HealthWarningStatus, string?>(w.Status, w.FixNote)).SingleAsync());

    private Task<SuspectedEntrapmentStatus> StoredSuspicionAsync(int id) =>
        app.AsSystemAsync((_, db) => db.SuspectedEntrapments.Where(s => s.Id == id).Select(s => s.Status).SingleAsync());

    private Task<List<OperationLog>> LogsAsync(string target) =>
        app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.Target == target).OrderBy(l => l.Id).ToListAsync());

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task AnElevatorsHealthShowsDailyValuesJudgedAgainstItsOwnBaselineWithWarningsRecentHoursAndOutcomes()
    {
        var elevatorId = await SeedDriftAsync(1, closingMs: 4000);
        await SuspicionAsync(elevatorId, SuspectedEntrapmentStatus.Dismissed);
        await SuspicionAsync(elevatorId, SuspectedEntrapmentStatus.ConfirmedByDevice);
        await EvaluateAsync();
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var health = await worker.GetOkAsync<ElevatorHealth>($"/api/v1/elevators/{elevatorId}/health?days=30");

        Assert.Equal(elevatorId, health.ElevatorId);
        Assert.Equal((24, 30), (health.SustainedHours, health.BaselineDays));
        Assert.Equal(HealthEvaluator.Metrics, health.Metrics.Select(m => m.Metric));
        var closing = health.Metrics.Single(m => m.Metric == HealthMetric.DoorClosingTime);
        Assert.Equal("关门时间", closing.Name);
        Assert.Equal(4000, closing.Judgement!.Observed);
        Assert.Equal(3000, closing.Judgement.Baseline);
        Assert.Equal(0, closing.Judgement.Spread);
        Assert.Equal(33.33, closing.Judgement.ChangePercent, 2);
        Assert.True(closing.Judgement.Drifting);
        // 28 of the 30 baseline days fall in the 30 days shown; the judged hours' day(s) show the new value.
        Assert.Equal(28, closing.Days.Count(d => d.Value == 3000));
        Assert.All(closing.Days.Where(d => d.Value != 3000), d => Assert.Equal(4000, d.Value));
        Assert.InRange(closing.Days.Count, 29, 30);
        Assert.Equal(DateOnly.FromDateTime(WindowEnd.AddHours(-1)), closing.Days[^1].Day);
        var opening = health.Metrics.Single(m => m.Metric == HealthMetric.DoorOpeningTime).Judgement!;
        Assert.Equal((2500.0, 2500.0, false), (opening.Observed, opening.Baseline, opening.Drifting));
        var warning = Assert.Single(health.Warnings);
        Assert.Equal((HealthMetric.DoorClosingTime, HealthWarningStatus.Open), (warning.Metric, warning.Status));
        Assert.Equal("关门时间较基线增加 33 %，已持续 1 天（基线 3.0 秒，近期 4.0 秒）", warning.Text);
        Assert.Equal(WindowEnd.AddHours(-24), warning.DriftSinceUtc);
        Assert.Equal([WindowEnd.AddHours(-2), WindowEnd.AddHours(-1)], health.RecentHours.Select(h => h.HourUtc));
        Assert.All(health.RecentHours, h => Assert.Equal((50, 200_000L, 4200), (h.DoorClosing.Count, h.DoorClosing.SumMs, h.DoorClosing.P95Ms)));
        Assert.Equal(new RuleOutcomes(1, 1), health.Entrapments);

        var (code, fields) = await (await worker.GetAsync($"/api/v1/elevators/{elevatorId}/health?days=3")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("validation", code);
        Assert.Equal(DaysField, fields);
    }

    [Fact]
    public async Task TheFleetRanksOpenWarningsAndLargestDriftFirstAndItsCsvExportHoldsTheSameRows()
    {
        var smaller = await SeedDriftAsync(2, closingMs: 4000);
        var larger = await SeedDriftAsync(4, closingMs: 5000);
        var (watched, watchedWarning) = await WarningAsync(5);
        await EvaluateAsync();
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        (await worker.PostAsync($"/api/v1/health/warnings/{watchedWarning}/fixed", Json("""{"note":"已更换门机皮带"}"""))).EnsureSuccessStatusCode();
        using var manager = await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        using var other = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);

        var fleet = await manager.GetOkAsync<List<FleetHealthRow>>("/api/v1/health/fleet?includeRecovered=false&take=100");
        var export = await manager.GetAsync("/api/v1/health/fleet/export?format=csv");
        var otherFleet = await other.GetOkAsync<List<FleetHealthRow>>("/api/v1/health/fleet");

        var ids = fleet.Select(r => r.ElevatorId).ToList();
        Assert.True(ids.IndexOf(larger) < ids.IndexOf(smaller) && ids.IndexOf(smaller) < ids.IndexOf(watched), string.Join(",", ids));
        var top = fleet.Single(r => r.ElevatorId == larger);
        Assert.Equal(("CQ0004", 1, 0), (top.ElevatorNumber, top.OpenWarnings, top.Watching));
        Assert.Equal(66.67, top.MaxChangePercent, 2);
        Assert.Equal(["关门时间较基线增加 67 %，已持续 1 天（基线 3.0 秒，近期 5.0 秒）"], top.Warnings);
        Assert.Equal(WindowEnd.AddHours(-24), top.DriftSinceUtc);
        var fixedRow = fleet.Single(r => r.ElevatorId == watched);
        Assert.Equal((0, 1), (fixedRow.OpenWarnings, fixedRow.Watching));
        Assert.DoesNotContain(otherFleet, r => r.ElevatorId == larger || r.ElevatorId == smaller || r.ElevatorId == watched);

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"电梯健康-{app.Clock.Today():yyyyMMdd}.csv", export.Content.Headers.ContentDisposition?.FileNameStar);
        using var file = new MemoryStream(await export.Content.ReadAsByteArrayAsync());
        var rows = (await file.QueryAsync(useHeaderRow: true, excelType: ExcelType.CSV)).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(FleetColumns, rows[0].Keys);
        Assert.Equal(fleet.Select(r => r.ElevatorNumber), rows.Select(r => Cell(r, "电梯编号")));
        Assert.Equal(fleet.Select(r => r.OpenWarnings.ToString(CultureInfo.InvariantCulture)), rows.Select(r => Cell(r, "未处理预警")));
        Assert.Equal(fleet.Select(r => r.Watching.ToString(CultureInfo.InvariantCulture)), rows.Select(r => Cell(r, "观察中")));
        var exportedTop = rows.Single(r => Cell(r, "电梯编号") == "CQ0004");
        Assert.Equal(("67", top.Warnings[0], top.ElevatorName), (Cell(exportedTop, "最大偏离 %"), Cell(exportedTop, "健康预警"), Cell(exportedTop, "电梯名称")));

        var xlsx = await manager.GetAsync("/api/v1/health/fleet/export?format=xlsx");
        Assert.Equal($"电梯健康-{app.Clock.Today():yyyyMMdd}.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync());
        Assert.Equal(fleet.Select(r => r.ElevatorNumber),
            (await workbook.QueryAsync(useHeaderRow: true, excelType: ExcelType.XLSX)).Cast<IDictionary<string, object?>>().Select(r => Cell(r, "电梯编号")));
    }

    private static string? Cell(IDictionary<string, object?> row, string column) => Convert.ToString(row[column], CultureInfo.InvariantCulture);

    [Fact]
    public async Task AWorkerClosesAWarningAsFixedOnceAndClosingItAgainIsAConflict()
    {
        var (elevatorId, warningId) = await WarningAsync(7);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        var active = await worker.GetOkAsync<List<WarningView>>("/api/v1/health/warnings?take=50");
        var closed = await (await worker.PostAsync($"/api/v1/health/warnings/{warningId}/fixed", Json("""{"note":" 已调整门机皮带 "}"""))).OkAsync<WarningView>();
        var again = await worker.PostAsync($"/api/v1/health/warnings/{warningId}/fixed", Json("""{"note":"再次关闭"}"""));
        var afterwards = await worker.GetOkAsync<List<WarningView>>("/api/v1/health/warnings");

        var listed = active.Single(w => w.Id == warningId);
        Assert.Equal((elevatorId, "CQ0007", HealthWarningStatus.Open), (listed.ElevatorId, listed.ElevatorNumber, listed.Status));
        Assert.Equal("关门时间较基线增加 37 %，已持续 2 天（基线 3.0 秒，近期 4.1 秒）", listed.Text);
        Assert.Equal((HealthWarningStatus.Watching, "已调整门机皮带"), (closed.Status, closed.FixNote));
        Assert.Equal(app.Clock.GetUtcNow().UtcDateTime, closed.FixedAtUtc!.Value, TimeSpan.FromSeconds(1));
        Assert.Equal("health.warning_not_open", (await again.ProblemAsync(HttpStatusCode.Conflict)).Code);
        Assert.Equal(HealthWarningStatus.Watching, afterwards.Single(w => w.Id == warningId).Status);
        Assert.Equal((HealthWarningStatus.Watching, "已调整门机皮带"), await StoredWarningAsync(warningId));
        var workerId = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.Id).SingleAsync());
        Assert.Equal(workerId, await app.AsSystemAsync((_, db) => db.HealthWarnings.Where(w => w.Id == warningId).Select(w => w.FixedBy).SingleAsync()));
        var log = Assert.Single(await LogsAsync($"HealthWarning#{warningId}"), l => l.Action == OperationAction.Update);
        Assert.Equal(DemoAccounts.MaintenanceWorker, log.UserName);
        Assert.Contains("Status", log.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherMaintenanceCompanysWorkerFindsNeitherTheHealthNorTheWarningNorTheSuspicion()
    {
        var (elevatorId, warningId) = await WarningAsync(8);
        var suspicionId = await SuspicionAsync(elevatorId);
        using var stranger = await app.CreateApiClientAsync(DemoStaff.LeaderB.UserName, DemoAccounts.Password);

        var health = await stranger.GetAsync($"/api/v1/elevators/{elevatorId}/health");
        var closing = await stranger.PostAsync($"/api/v1/health/warnings/{warningId}/fixed", Json("""{"note":"x"}"""));
        var confirming = await stranger.PostAsync($"/api/v1/health/entrapments/{suspicionId}/confirm", null);
        var dismissing = await stranger.PostAsync($"/api/v1/health/entrapments/{suspicionId}/dismiss", Json("""{"note":"x"}"""));
        var warnings = await stranger.GetOkAsync<List<WarningView>>("/api/v1/health/warnings?take=500");
        var suspicions = await stranger.GetOkAsync<List<SuspectedEntrapmentView>>("/api/v1/health/entrapments");

        Assert.Equal("elevator.not_found", (await health.ProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("health.warning_not_found", (await closing.ProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("entrapment.not_found", (await confirming.ProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.Equal("entrapment.not_found", (await dismissing.ProblemAsync(HttpStatusCode.NotFound)).Code);
        Assert.DoesNotContain(warnings, w => w.Id == warningId);
        Assert.DoesNotContain(suspicions, s => s.Id == suspicionId);
        Assert.Equal((HealthWarningStatus.Open, (string?)null), await StoredWarningAsync(warningId));
        Assert.Equal(SuspectedEntrapmentStatus.Open, await StoredSuspicionAsync(suspicionId));
    }

    [Fact]
    public async Task APropertyManagerMayNotCloseAWarningNorConfirmOrDismissASuspicion()
    {
        var (elevatorId, warningId) = await WarningAsync(10);
        var suspicionId = await SuspicionAsync(elevatorId);
        using var property = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        var closing = await property.PostAsync($"/api/v1/health/warnings/{warningId}/fixed", Json("""{"note":"x"}"""));
        var confirming = await property.PostAsync($"/api/v1/health/entrapments/{suspicionId}/confirm", null);
        var dismissing = await property.PostAsync($"/api/v1/health/entrapments/{suspicionId}/dismiss", Json("""{"note":"x"}"""));

        Assert.Equal("auth.forbidden", (await closing.ProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("auth.forbidden", (await confirming.ProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal("auth.forbidden", (await dismissing.ProblemAsync(HttpStatusCode.Forbidden)).Code);
        Assert.Equal((HealthWarningStatus.Open, (string?)null), await StoredWarningAsync(warningId));
        Assert.Equal(SuspectedEntrapmentStatus.Open, await StoredSuspicionAsync(suspicionId));
    }

    [Fact]
    public async Task AnOverlongNoteIsRefusedNamingTheFieldAndChangesNothing()
    {
        var (elevatorId, warningId) = await WarningAsync(11);
        var suspicionId = await SuspicionAsync(elevatorId);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var note = new string('门', 201);

        var closing = await manager.PostAsJsonAsync($"/api/v1/health/warnings/{warningId}/fixed", new HealthNoteRequest(note));
        var dismissing = await manager.PostAsJsonAsync($"/api/v1/health/entrapments/{suspicionId}/dismiss", new HealthNoteRequest(note));
        var badTake = await manager.GetAsync("/api/v1/health/warnings?take=501");

        var (closingCode, closingFields) = await closing.ProblemAsync(HttpStatusCode.BadRequest);
        var (dismissingCode, dismissingFields) = await dismissing.ProblemAsync(HttpStatusCode.BadRequest);
        var (takeCode, takeFields) = await badTake.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(("validation", "validation", "validation"), (closingCode, dismissingCode, takeCode));
        Assert.Equal(NoteField, closingFields);
        Assert.Equal(NoteField, dismissingFields);
        Assert.Equal(TakeField, takeFields);
        Assert.Equal((HealthWarningStatus.Open, (string?)null), await StoredWarningAsync(warningId));
        Assert.Equal(SuspectedEntrapmentStatus.Open, await StoredSuspicionAsync(suspicionId));
    }

    [Fact]
    public async Task ConfirmingASuspicionRaisesExactlyOneTrappedOrderAndASecondConfirmIsAConflict()
    {
        var elevatorId = await ElevatorIdAsync(13);
        var suspicionId = await SuspicionAsync(elevatorId);
        Task<List<RepairOrder>> TrappedOrdersAsync() => app.AsSystemAsync((_, db) =>
            db.RepairOrders.AsNoTracking().Where(o => o.ElevatorId == elevatorId && o.FaultCode == RepairService.TrappedCode).ToListAsync());
        var before = await TrappedOrdersAsync();
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var listed = await manager.GetOkAsync<List<SuspectedEntrapmentView>>("/api/v1/health/entrapments");
        var confirmed = await (await manager.PostAsync($"/api/v1/health/entrapments/{suspicionId}/confirm", null)).OkAsync<EntrapmentConfirmed>();
        var again = await manager.PostAsync($"/api/v1/health/entrapments/{suspicionId}/confirm", null);

        var shown = listed.Single(s => s.Id == suspicionId);
        Assert.Equal((elevatorId, "CQ0013", 6, (double?)15, SuspectedEntrapmentStatus.Open), (shown.ElevatorId, shown.ElevatorNumber, shown.Floor, shown.LoadPercent, shown.Status));
        Assert.Equal("entrapment.decided", (await again.ProblemAsync(HttpStatusCode.Conflict)).Code);
        var raised = Assert.Single((await TrappedOrdersAsync()).ExceptBy(before.Select(o => o.Id), o => o.Id));
        Assert.Equal(raised.Id, confirmed.RepairOrderId);
        Assert.True(raised.PassengersTrapped);
        Assert.Equal(RepairOrderSource.Inferred, raised.Source);
        Assert.StartsWith("疑似困人（平台研判，调度确认）", raised.Description, StringComparison.Ordinal);
        var stored = await app.AsSystemAsync((_, db) => db.SuspectedEntrapments.AsNoTracking().SingleAsync(s => s.Id == suspicionId));
        Assert.Equal((SuspectedEntrapmentStatus.Confirmed, raised.Id), (stored.Status, stored.RepairOrderId));
        Assert.Contains(await LogsAsync($"SuspectedEntrapment#{suspicionId}"), l => l.Action == OperationAction.Update && l.UserName == DemoAccounts.MaintenanceManager);
        Assert.Contains(await LogsAsync($"RepairOrder#{raised.Id}"), l => l.Action == OperationAction.Create && l.UserName == DemoAccounts.MaintenanceManager);
    }

    [Fact]
    public async Task ADismissedSuspicionKeepsItsNoteLeavesTheOpenListAndCountsInTheElevatorsOutcomes()
    {
        var elevatorId = await ElevatorIdAsync(14);
        var suspicionId = await SuspicionAsync(elevatorId);
        using var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var dismissed = await manager.PostAsJsonAsync($"/api/v1/health/entrapments/{suspicionId}/dismiss", new HealthNoteRequest("维保人员在轿厢内检修"));
        var open = await manager.GetOkAsync<List<SuspectedEntrapmentView>>("/api/v1/health/entrapments");
        var health = await manager.GetOkAsync<ElevatorHealth>($"/api/v1/elevators/{elevatorId}/health");

        Assert.Equal(HttpStatusCode.NoContent, dismissed.StatusCode);
        Assert.DoesNotContain(open, s => s.Id == suspicionId);
        Assert.Equal(new RuleOutcomes(0, 1), health.Entrapments);
        Assert.All(health.Metrics, m => Assert.Null(m.Judgement));
        var stored = await app.AsSystemAsync((_, db) => db.SuspectedEntrapments.AsNoTracking().SingleAsync(s => s.Id == suspicionId));
        Assert.Equal((SuspectedEntrapmentStatus.Dismissed, "维保人员在轿厢内检修"), (stored.Status, stored.Note));
        Assert.Contains(await LogsAsync($"SuspectedEntrapment#{suspicionId}"), l => l.Action == OperationAction.Update && l.UserName == DemoAccounts.MaintenanceManager);
    }
}
