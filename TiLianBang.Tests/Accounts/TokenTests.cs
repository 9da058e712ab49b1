using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Accounts;

/// <summary>Bearer tokens for the mini-program: issued for the right password, refused after expiry.</summary>
public sealed class TokenTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task TokenOpensTheApiUntilItExpires()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/elevators")).StatusCode);

        app.Clock.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/elevators")).StatusCode);
    }

    [Fact]
    public async Task WrongPasswordGetsNoTokenAndAProblem()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.Supervisor, "wrong-password-9"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("account.wrong_credentials", problem!.Extensions["code"]!.ToString());
    }

    [Fact]
    public async Task EmptyCredentialsAreABadRequest()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("", ""));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ApiWithoutTokenIsUnauthorizedNotRedirected()
    {
        var response = await app.CreateBrowserlikeClient().GetAsync("/api/v1/elevators");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FirstSignInThroughTheApiMustChangeThePasswordFirst()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.UserUnitManager, "apinewbie", "Initial-pass-1", mustChangePassword: true);
        var client = app.CreateClient();
        var issued = await (await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("apinewbie", "Initial-pass-1")))
            .Content.ReadFromJsonAsync<TokenResponse>();
        Assert.True(issued!.MustChangePassword);
        client.DefaultRequestHeaders.Authorization = new("Bearer", issued.AccessToken);

        var blocked = await client.GetAsync("/api/v1/elevators");
        var changed = await client.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest("Initial-pass-1", "Chosen-pass-2"));

        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        Assert.Equal("password.change_required", (await blocked.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var fresh = await app.CreateApiClientAsync("apinewbie", "Chosen-pass-2");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/elevators")).StatusCode);
    }

    [Fact]
    public async Task PasswordChangeWithWrongCurrentPasswordIsRefused()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "apichanger", "Initial-pass-1", mustChangePassword: false);
        var client = await app.CreateApiClientAsync("apichanger", "Initial-pass-1");

        var response = await client.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest("not-current-1", "Chosen-pass-2"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("password.PasswordMismatch", (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        await app.CreateApiClientAsync("apichanger", "Initial-pass-1");
    }

    [Fact]
    public async Task ApiRefusesAStateChangeCarryingOnlyTheStaffCookie()
    {
        var elevator = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.MaintenanceCompany!.Name == "重庆渝安电梯工程有限公司").OrderBy(e => e.Id).Select(e => new { e.Id, e.PublicToken }).FirstAsync());
        var browser = await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var report = new RepairReportRequest(elevator.Id, "跨站伪造的报修", false);

        // What a page of another site can make the browser send: the cookie, no token — a plain form post
        // (renew the QR code) or a script's request.
        var forgedForm = await browser.PostAsync($"/api/v1/elevators/{elevator.Id}/public-token", new FormUrlEncodedContent([]));
        var forgedJson = await browser.PostAsJsonAsync("/api/v1/repairs", report);

        Assert.Equal(HttpStatusCode.Unauthorized, forgedForm.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, forgedJson.StatusCode);
        Assert.Equal(elevator.PublicToken, await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevator.Id).Select(e => e.PublicToken).SingleAsync()));
        Assert.False(await app.AsSystemAsync((_, db) => db.RepairOrders.AnyAsync(o => o.Description == "跨站伪造的报修")));

        var phone = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.NoContent, (await phone.PostAsync($"/api/v1/elevators/{elevator.Id}/public-token", null)).StatusCode);
        Assert.NotEqual(elevator.PublicToken, await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Id == elevator.Id).Select(e => e.PublicToken).SingleAsync()));
    }

    [Fact]
    public async Task StaffPagesStillDownloadFromTheApiWithTheCookie()
    {
        var browser = await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);

        var export = await browser.GetAsync("/api/v1/elevators/export?format=csv");

        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
    }
}
