using TiLianBang.Core.Common;
using System.Net;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.FaultCodes;
using static TiLianBang.Tests.Api.HomeApiChecks;

namespace TiLianBang.Tests.Api;

/// <summary>API-8 故障代码: the codes with their advice, searchable and paged, for anyone signed in.</summary>
public sealed class FaultCodeApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task EveryCodeIsListedInOrderWithItsAdvicePageByPage()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var expected = await app.AsSystemAsync((_, db) => db.FaultCodes.OrderBy(c => c.Code).Select(c => new { c.Code, c.Advice }).ToListAsync());

        var listed = new List<FaultCodeResponse>();
        PagedList<FaultCodeResponse> page;
        var n = 1;
        do
        {
            page = await ApiJson.OkAsync<PagedList<FaultCodeResponse>>(await client.GetAsync($"/api/v1/fault-codes?page={n++}&pageSize=9"));
            listed.AddRange(page.Items);
        }
        while (page.Items.Count == 9);

        Assert.Equal(expected.Select(c => c.Code), listed.Select(c => c.Code));
        Assert.Equal(expected.Count, page.Total);
        Assert.Equal(expected.Select(c => c.Advice), listed.Select(c => c.Advice));
        Assert.Contains(listed, c => c.Advice is not null);
    }

    [Fact]
    public async Task SearchFindsByNameOrCode()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var trapped = await app.AsSystemAsync((_, db) => db.FaultCodes.Where(c => c.PassengersTrapped).OrderBy(c => c.Code).FirstAsync());

        var byCode = await ApiJson.OkAsync<PagedList<FaultCodeResponse>>(await client.GetAsync($"/api/v1/fault-codes?search={trapped.Code}"));
        var byName = await ApiJson.OkAsync<PagedList<FaultCodeResponse>>(await client.GetAsync($"/api/v1/fault-codes?search={Uri.EscapeDataString(trapped.Name)}"));
        var nothing = await ApiJson.OkAsync<PagedList<FaultCodeResponse>>(await client.GetAsync("/api/v1/fault-codes?search=没有这样的故障"));

        Assert.Contains(byCode.Items, c => c.Code == trapped.Code && c.PassengersTrapped);
        Assert.Contains(byName.Items, c => c.Code == trapped.Code);
        Assert.All(byName.Items, c => Assert.Contains(trapped.Name, c.Name, StringComparison.Ordinal));
        Assert.Equal(0, nothing.Total);
        Assert.Equal(0, (await ApiJson.OkAsync<PagedList<FaultCodeResponse>>(await client.GetAsync($"/api/v1/fault-codes?search={new string('码', 500)}"))).Total);
    }

    [Fact]
    public async Task TheListIsPagedAndNeedsAToken()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

        await PagingIsBoundedAsync(client, "/api/v1/fault-codes");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/fault-codes")).StatusCode);
    }
}
