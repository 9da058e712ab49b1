using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Elevators;

namespace TiLianBang.Tests.Scoping;

/// <summary>SYS-6: a company sees only the elevators it makes, uses, maintains or supervises.</summary>
public sealed class CompanyScopingTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private sealed record Portfolio(int UserUnitA, int UserUnitB, int ElevatorOfA, int ElevatorOfB, string NameOfB);

    private Task<Portfolio> PortfolioAsync() => app.AsSystemAsync(async (_, db) =>
    {
        var unitA = await db.Companies.SingleAsync(c => c.Name == "重庆山城物业服务有限公司");
        var unitB = await db.Companies.SingleAsync(c => c.Name == "重庆嘉陵物业管理有限公司");
        var ofA = await db.Elevators.OrderBy(e => e.Id).FirstAsync(e => e.UserUnitId == unitA.Id);
        var ofB = await db.Elevators.OrderBy(e => e.Id).FirstAsync(e => e.UserUnitId == unitB.Id);
        return new Portfolio(unitA.Id, unitB.Id, ofA.Id, ofB.Id, ofB.Name);
    });

    private async Task<T> AsCompanyAsync<T>(int companyId, CompanyKind kind, Region? region, Func<ElevatorArchives, Task<T>> work, string[] permissions)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.SetUser(TestPrincipal.For(1, "test", companyId, kind, region, permissions), "127.0.0.1");
        return await work(scope.ServiceProvider.GetRequiredService<ElevatorArchives>());
    }

    /// <summary>The elevator's stored archive with a new name: a valid change in every other respect.</summary>
    private Task<ElevatorArchive> ArchiveAsync(int elevatorId, string name) =>
        app.AsSystemAsync(async (_, db) => ElevatorArchive.Of(await db.Elevators.AsNoTracking().SingleAsync(e => e.Id == elevatorId)) with { Name = name });

    private async Task<T> AsCompanyAsync<T>(int companyId, CompanyKind kind, Region? region, Func<ElevatorService, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var actor = scope.ServiceProvider.GetRequiredService<CurrentActor>();
        actor.SetUser(TestPrincipal.For(companyId, kind, region), "127.0.0.1");
        return await work(scope.ServiceProvider.GetRequiredService<ElevatorService>());
    }

    [Fact]
    public async Task UserUnitListsOnlyItsOwnElevatorsThroughTheService()
    {
        var p = await PortfolioAsync();

        var listed = await AsCompanyAsync(p.UserUnitA, CompanyKind.UserUnit, null, s => s.ListAsync(null, default));

        var expected = await app.AsSystemAsync((_, db) => db.Elevators.CountAsync(e => e.UserUnitId == p.UserUnitA));
        Assert.Equal(expected, listed.Count);
        Assert.DoesNotContain(listed, e => e.Id == p.ElevatorOfB);
        Assert.Contains(listed, e => e.Id == p.ElevatorOfA);
    }

    [Fact]
    public async Task UserUnitCannotOpenOrChangeAnotherCompanysElevatorThroughTheService()
    {
        var p = await PortfolioAsync();

        var open = await Assert.ThrowsAsync<DomainException>(() =>
            AsCompanyAsync(p.UserUnitA, CompanyKind.UserUnit, null, s => s.GetAsync(p.ElevatorOfB, default)));
        var change = await Assert.ThrowsAsync<DomainException>(() =>
            AsCompanyAsync(p.UserUnitA, CompanyKind.UserUnit, null, async s =>
            {
                await s.UpdateAsync(p.ElevatorOfB, await ArchiveAsync(p.ElevatorOfB, "被篡改"), default);
                return true;
            }, [Permissions.ArchiveElevatorsEdit]));

        Assert.Equal(DomainErrorKind.NotFound, open.Kind);
        Assert.Equal(DomainErrorKind.NotFound, change.Kind);
        var stored = await app.AsSystemAsync((_, db) => db.Elevators.SingleAsync(e => e.Id == p.ElevatorOfB));
        Assert.Equal(p.NameOfB, stored.Name);
    }

    [Fact]
    public async Task AnonymousActorSeesNoElevators()
    {
        await using var scope = app.Services.CreateAsyncScope();

        var listed = await scope.ServiceProvider.GetRequiredService<ElevatorService>().ListAsync(null, default);

        Assert.Empty(listed);
    }

    [Fact]
    public async Task UserUnitCannotListOpenOrChangeAnotherCompanysElevatorOverHttp()
    {
        var p = await PortfolioAsync();
        var client = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        var list = (await client.GetFromJsonAsync<PagedList<ElevatorSummary>>("/api/v1/elevators?pageSize=100"))!.Items;
        var open = await client.GetAsync($"/api/v1/elevators/{p.ElevatorOfB}");
        var openOwn = await client.GetAsync($"/api/v1/elevators/{p.ElevatorOfA}");

        Assert.NotNull(list);
        Assert.NotEmpty(list);
        Assert.DoesNotContain(list, e => e.Id == p.ElevatorOfB);
        Assert.Equal(HttpStatusCode.NotFound, open.StatusCode);
        Assert.Equal("elevator.not_found", (await open.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.OK, openOwn.StatusCode);
    }

    [Fact]
    public async Task MaintenanceCompanyCannotChangeAnElevatorItDoesNotMaintainOverHttp()
    {
        var target = await app.AsSystemAsync((_, db) => db.Elevators
            .Where(e => e.MaintenanceCompany!.Name == "重庆两江电梯维保有限公司")
            .Select(e => new { e.Id, e.Name })
            .FirstAsync());
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var change = await client.PutAsJsonAsync($"/api/v1/elevators/{target.Id}", await ArchiveAsync(target.Id, "别家的电梯"));

        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        var stored = await app.AsSystemAsync((_, db) => db.Elevators.SingleAsync(e => e.Id == target.Id));
        Assert.Equal(target.Name, stored.Name);
    }

    [Fact]
    public async Task SupervisorSeesExactlyTheElevatorsOfItsDistrict()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.Supervisor, DemoAccounts.Password);

        var list = (await client.GetFromJsonAsync<PagedList<ElevatorSummary>>("/api/v1/elevators?pageSize=100"))!.Items;

        var expected = await app.AsSystemAsync((_, db) => db.Elevators.CountAsync(e => e.Community!.Region.District == "渝北区"));
        Assert.NotNull(list);
        Assert.Equal(expected, list.Count);
        Assert.All(list, e => Assert.Equal("渝北区", e.Region.District));
    }

    [Fact]
    public async Task PlatformAdministratorSeesAllElevators()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        var list = (await client.GetFromJsonAsync<PagedList<ElevatorSummary>>("/api/v1/elevators?pageSize=100"))!.Items;

        Assert.Equal(DemoSeeder.ElevatorCount, list!.Count);
    }

    [Fact]
    public async Task OwnElevatorCanBeChangedAndBadFieldsAreRefusedWithoutChangingAnything()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var mine = await app.AsSystemAsync((_, db) => db.Elevators.FirstAsync(e => e.MaintenanceCompany!.Name == "重庆渝安电梯工程有限公司"));

        var bad = await client.PutAsJsonAsync($"/api/v1/elevators/{mine.Id}", await ArchiveAsync(mine.Id, "") with { Floors = 0 });
        var problem = await bad.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        var unchanged = await app.AsSystemAsync((_, db) => db.Elevators.SingleAsync(e => e.Id == mine.Id));
        var good = await client.PutAsJsonAsync($"/api/v1/elevators/{mine.Id}", await ArchiveAsync(mine.Id, "新名称 1号梯"));
        var changed = await app.AsSystemAsync((_, db) => db.Elevators.SingleAsync(e => e.Id == mine.Id));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Name", problem!.Errors.Keys);
        Assert.Contains("Floors", problem.Errors.Keys);
        Assert.Equal(mine.Name, unchanged.Name);
        Assert.Equal(HttpStatusCode.NoContent, good.StatusCode);
        Assert.Equal("新名称 1号梯", changed.Name);
    }

    [Fact]
    public async Task RoleWithoutEditPermissionCannotChangeEvenItsOwnElevator()
    {
        var p = await PortfolioAsync();
        var client = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        var change = await client.PutAsJsonAsync($"/api/v1/elevators/{p.ElevatorOfA}", await ArchiveAsync(p.ElevatorOfA, "物业改名"));

        Assert.Equal(HttpStatusCode.Forbidden, change.StatusCode);
    }
}
