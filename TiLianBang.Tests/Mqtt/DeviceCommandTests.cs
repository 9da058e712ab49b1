using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Simulation;

namespace TiLianBang.Tests.Mqtt;

/// <summary>Commands go to the collector and its reply (or a timeout) comes back to whoever asked.</summary>
public sealed class DeviceCommandTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<CommandResult> SendAsAdminAsync(int elevatorId, string op, object? args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var admin = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.PlatformAdmin));
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(
            TestPrincipal.For(admin.Id, admin.UserName!, admin.CompanyId, CompanyKind.Platform, null), "10.1.2.3");
        return await scope.ServiceProvider.GetRequiredService<DeviceCommandService>().SendToElevatorAsync(elevatorId, op, args, CancellationToken.None);
    }

    private static readonly string[] ParameterCodes = ["F0-00", "F6-00", "ZZ-99"];

    [Fact]
    public async Task ReadParamsRoundTripWithTheSimulatorAndTheCommandIsLogged()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 55);
        await using var simulated = await app.StartSimulatorAsync(collector);

        var result = await SendAsAdminAsync(collector.ElevatorId, DeviceOperation.ReadParams, new { codes = ParameterCodes });

        Assert.Equal(CommandStatus.Succeeded, result.Status);
        var data = JsonSerializer.Deserialize<Dictionary<string, string>>(result.DataJson!)!;
        Assert.Equal("1", data["F0-00"]);
        Assert.Equal("18", data["F6-00"]);
        Assert.False(data.ContainsKey("ZZ-99"));
        var log = await app.AsSystemAsync((_, db) => db.OperationLogs.SingleAsync(l => l.Action == OperationAction.DeviceCommand && l.Summary!.Contains(result.CommandId)));
        Assert.Equal(DemoAccounts.PlatformAdmin, log.UserName);
        Assert.Equal("10.1.2.3", log.IpAddress);
        Assert.Equal($"Elevator#{collector.ElevatorId}", log.Target);
    }

    private static readonly string[] StateParameterCodes = ["F4-01", "F0-03", "F6-00"];

    [Fact]
    public async Task ParametersThatMirrorTheControllersStateFollowTheSimulatedCar()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 59);
        var elevator = new SimulatedElevator(33, 2.5, seed: 11, faultsPerHour: 0, app.Clock.GetUtcNow());
        await using var simulated = new SimulatedCollector(collector.DeviceId, collector.Secret, elevator, TimeProvider.System);
        var online = app.WaitForAsync(collector.ElevatorId, s => s.Online && s.Info is not null);
        await simulated.ConnectAsync("127.0.0.1", app.MqttPort, CancellationToken.None);
        await online;
        async Task<Dictionary<string, string>> ReadAsync()
        {
            var result = await SendAsAdminAsync(collector.ElevatorId, DeviceOperation.ReadParams, new { codes = StateParameterCodes });
            Assert.Equal(CommandStatus.Succeeded, result.Status);
            return JsonSerializer.Deserialize<Dictionary<string, string>>(result.DataJson!)!;
        }
        var before = await ReadAsync();
        var start = elevator.Floor;
        var target = start == 14 ? 3 : 14;

        // The car travels on the simulation's own time (no network needed) until it stops at the target.
        elevator.Call(target, "car");
        var t = app.Clock.GetUtcNow();
        for (var i = 0; i < 600 && !(elevator.Floor == target && !elevator.Running); i++)
        {
            t += TimeSpan.FromSeconds(1);
            elevator.Advance(t, TimeSpan.FromSeconds(1));
        }
        var after = await ReadAsync();

        Assert.Equal(start.ToString(System.Globalization.CultureInfo.InvariantCulture), before["F4-01"]);
        Assert.Equal(target, elevator.Floor);
        Assert.Equal(target.ToString(System.Globalization.CultureInfo.InvariantCulture), after["F4-01"]);
        Assert.Equal("2.50", after["F0-03"]);
        Assert.Equal("33", after["F6-00"]);
    }

    [Fact]
    public async Task RemoteCallMovesTheCar()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 56);
        await using var simulated = await app.StartSimulatorAsync(collector);
        var target = simulated.Elevator.Floor == 18 ? 1 : 18;
        var arrived = app.WaitForAsync(collector.ElevatorId, s => s.Floor == target);

        var result = await SendAsAdminAsync(collector.ElevatorId, DeviceOperation.Call, new { floor = target, kind = "car" });
        using var stepping = new CancellationTokenSource();
        var steps = Task.Run(async () =>
        {
            // The simulator's own clock runs in real time here; the test itself only awaits the arrival.
            while (!stepping.IsCancellationRequested)
            {
                await simulated.StepAsync(TimeSpan.FromSeconds(2), stepping.Token);
                await Task.Yield();
            }
        });

        Assert.Equal(CommandStatus.Succeeded, result.Status);
        Assert.Equal(target, (await arrived).Floor);
        await stepping.CancelAsync();
        await steps.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task ADeviceThatDoesNotAnswerTimesOut()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 57);
        using var silent = await MqttTestClient.ConnectAsync(app.MqttPort, collector);
        var received = await silent.ListenSilentlyAsync(collector);

        var pending = SendAsAdminAsync(collector.ElevatorId, DeviceOperation.ReadParams, new { group = "F0" });
        await received;
        app.Clock.Advance(TimeSpan.FromSeconds(10));
        var result = await pending.WaitAsync(TimeSpan.FromSeconds(15));

        Assert.Equal(CommandStatus.TimedOut, result.Status);
        Assert.Equal(0, app.Services.GetRequiredService<PendingCommands>().Count);
    }

    [Fact]
    public async Task SetHeartbeatChangesWhenTheDeviceCountsAsSilent()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 53);
        await using var simulated = await app.StartSimulatorAsync(collector);

        var result = await SendAsAdminAsync(collector.ElevatorId, DeviceOperation.SetHeartbeat, new { seconds = 120 });

        Assert.Equal(CommandStatus.Succeeded, result.Status);
        Assert.Equal(120, simulated.Elevator.HeartbeatSeconds);
        Assert.Equal(120, app.Services.GetRequiredService<Core.Devices.Pipeline.DeviceActivityRegistry>().For(collector.DeviceId).HeartbeatSeconds);
    }

    [Theory]
    [InlineData(DeviceOperation.Call, "floor")]
    [InlineData(DeviceOperation.SetHeartbeat, "seconds")]
    [InlineData(DeviceOperation.ReadParams, "codes")]
    public async Task BadArgumentsAreRefusedBeforeAnythingIsSent(string operation, string field)
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 54);
        await using var simulated = await app.StartSimulatorAsync(collector);
        var publishedBefore = simulated.Published;
        object args = operation == DeviceOperation.Call ? new { floor = 999, kind = "car" } : new { seconds = 5 };

        var error = await Assert.ThrowsAsync<ValidationException>(() => SendAsAdminAsync(collector.ElevatorId, operation, args));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(publishedBefore, simulated.Published);
    }

    [Fact]
    public async Task AReplyToAnUnknownCommandIsIgnored()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 58);
        using var device = await MqttTestClient.ConnectAsync(app.MqttPort, collector);

        var ack = await device.PublishAsync(collector.Topic("reply"), """{"id":"c-never-sent","ok":true,"data":{}}""");

        Assert.True(ack.IsSuccess);
        Assert.False(app.Services.GetRequiredService<PendingCommands>().Complete(collector.DeviceId, new("c-never-sent", true, null, null)));
    }

    [Fact]
    public async Task AnOfflineDeviceIsReportedAtOnce()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 59);

        var result = await SendAsAdminAsync(collector.ElevatorId, DeviceOperation.Reboot, null);

        Assert.Equal(CommandStatus.Offline, result.Status);
    }

    [Fact]
    public async Task AnotherCompanysElevatorCannotBeCommanded()
    {
        var collector = await DemoCollector.OfElevatorAsync(app, 60);
        var (otherUnit, elevatorsUnit) = await app.AsSystemAsync(async (_, db) => (
            await db.Companies.Where(c => c.Name == "重庆山城物业服务有限公司").Select(c => c.Id).SingleAsync(),
            await db.Elevators.Where(e => e.Id == collector.ElevatorId).Select(e => e.UserUnitId).SingleAsync()));
        var outsider = otherUnit == elevatorsUnit
            ? await app.AsSystemAsync((_, db) => db.Companies.Where(c => c.Name == "重庆嘉陵物业管理有限公司").Select(c => c.Id).SingleAsync())
            : otherUnit;
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(TestPrincipal.For(outsider, CompanyKind.UserUnit, null), null);

        var refused = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<DeviceCommandService>()
            .SendToElevatorAsync(collector.ElevatorId, DeviceOperation.Reboot, null, CancellationToken.None));

        Assert.Equal(DomainErrorKind.NotFound, refused.Kind);
    }
}
