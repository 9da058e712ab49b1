using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Auditing;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Auditing;

/// <summary>SYS-7: every sign-in and every write leaves who, when, from where and what.</summary>
public sealed class OperationLogTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task SignInAndFailedSignInAreLoggedWithAccountCompanyAndTime()
    {
        var before = app.Clock.GetUtcNow().UtcDateTime;
        await SignInForm.PostAsync(app.CreateBrowserlikeClient(), DemoAccounts.ManufacturerManager, "wrong-password-1");
        await app.CreateSignedInClientAsync(DemoAccounts.ManufacturerManager, DemoAccounts.Password);

        var logs = await app.AsSystemAsync((_, db) => db.OperationLogs
            .Where(l => l.UserName == DemoAccounts.ManufacturerManager)
            .OrderBy(l => l.Id)
            .ToListAsync());

        Assert.Equal([OperationAction.SignInFailed, OperationAction.SignIn], logs.Select(l => l.Action));
        var company = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.ManufacturerManager).Select(u => u.CompanyId).SingleAsync());
        Assert.All(logs, l =>
        {
            Assert.Equal(company, l.CompanyId);
            Assert.True(l.AtUtc >= before);
        });
    }

    [Fact]
    public async Task AnUnknownUserNameIsLoggedToo()
    {
        await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("nobody-here", "whatever-1"));

        var log = await app.AsSystemAsync((_, db) => db.OperationLogs.SingleAsync(l => l.UserName == "nobody-here"));

        Assert.Equal(OperationAction.SignInFailed, log.Action);
        Assert.Null(log.AccountId);
    }

    [Fact]
    public async Task AWriteIsLoggedWithWhoWhatAndTheChangedFields()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var elevator = await app.AsSystemAsync((_, db) => db.Elevators.FirstAsync(e => e.MaintenanceCompany!.Name == "重庆渝安电梯工程有限公司"));

        var json = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
        var archive = await client.GetFromJsonAsync<ElevatorArchive>($"/api/v1/elevators/{elevator.Id}/archive", json);
        var response = await client.PutAsJsonAsync($"/api/v1/elevators/{elevator.Id}", archive! with { Name = elevator.Name + "（改）" }, json);
        response.EnsureSuccessStatusCode();

        var log = await app.AsSystemAsync((_, db) => db.OperationLogs.SingleAsync(l => l.Target == $"Elevator#{elevator.Id}" && l.Action != OperationAction.Create));
        var manager = await app.AsSystemAsync((_, db) => db.Users.SingleAsync(u => u.UserName == DemoAccounts.MaintenanceManager));
        Assert.Equal(OperationAction.Update, log.Action);
        Assert.Equal(manager.Id, log.AccountId);
        Assert.Equal(manager.CompanyId, log.CompanyId);
        Assert.Equal("Name", log.Summary);
    }

    [Fact]
    public async Task ACompanySeesOnlyItsOwnAccountsLogs()
    {
        await app.CreateSignedInClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        await app.CreateSignedInClientAsync(DemoAccounts.OtherUserUnitManager, DemoAccounts.Password);
        var unitA = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.UserUnitManager).Select(u => u.CompanyId).SingleAsync());

        await using var scope = app.Services.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<Core.Accounts.CurrentActor>();
        actor.SetUser(TestPrincipal.For(unitA, Core.Organizations.CompanyKind.UserUnit, null), "127.0.0.1");
        var visible = await scope.ServiceProvider.GetRequiredService<Core.Data.TiLianBangDbContext>().OperationLogs.ToListAsync();

        Assert.Contains(visible, l => l.UserName == DemoAccounts.UserUnitManager);
        Assert.DoesNotContain(visible, l => l.UserName == DemoAccounts.OtherUserUnitManager);
    }
}
