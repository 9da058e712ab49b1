using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Accounts;

/// <summary>
/// A bearer token (and the staff cookie) dies with what it was issued for: the password, an unlocked account,
/// the role and its permissions. Changes in this process take effect at once; changes made elsewhere (another
/// process, a database tool) within the short cache time.
/// </summary>
public sealed class TokenRevocationTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string Password = "Initial-pass-1";
    private const string ApiPath = "/api/v1/elevators";

    [Fact]
    public async Task TokenStopsWorkingWhenThePasswordChanges()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-password", Password, mustChangePassword: false);
        var client = await app.CreateApiClientAsync("rev-password", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);

        var changed = await client.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest(Password, "Chosen-pass-2"));

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiPath)).StatusCode);
        var fresh = await app.CreateApiClientAsync("rev-password", "Chosen-pass-2");
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync(ApiPath)).StatusCode);
    }

    [Fact]
    public async Task TokenCarriesAHashOfTheSecurityStampNotTheStampItself()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-stamp", Password, mustChangePassword: false);
        var client = await app.CreateApiClientAsync("rev-stamp", Password);

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(client.DefaultRequestHeaders.Authorization!.Parameter);
        var stamp = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.Id == account.Id).Select(u => u.SecurityStamp).SingleAsync());

        // Identity derives other codes from the stamp (e-mail and phone TOTP); a token's payload is readable.
        Assert.DoesNotContain(token.Claims, c => c.Value == stamp);
        Assert.Equal(AccountSessionCheck.StampHash(stamp), token.GetClaim(AccountClaimTypes.SecurityStamp).Value);
    }

    [Fact]
    public async Task TokenStopsWorkingWhenThePasswordIsReset()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-reset", Password, mustChangePassword: false);
        var client = await app.CreateApiClientAsync("rev-reset", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);

        await ChangeAccountAsync(account.Id, async (users, a) =>
            await users.ResetPasswordAsync(a, await users.GeneratePasswordResetTokenAsync(a), "Reset-pass-3"));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiPath)).StatusCode);
    }

    [Fact]
    public async Task TokenStopsWorkingWhenTheAccountIsLocked()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-locked", Password, mustChangePassword: false);
        var client = await app.CreateApiClientAsync("rev-locked", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);

        await ChangeAccountAsync(account.Id, (users, a) => users.SetLockoutEndDateAsync(a, app.Clock.GetUtcNow().AddDays(1)));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiPath)).StatusCode);
    }

    [Fact]
    public async Task TokenStopsWorkingWhenTheRoleChanges()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-role", Password, mustChangePassword: false);
        var client = await app.CreateApiClientAsync("rev-role", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);
        var workerRole = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceWorker).Select(u => u.RoleId).SingleAsync());

        await ChangeAccountAsync(account.Id, (users, a) =>
        {
            a.RoleId = workerRole;
            return users.UpdateAsync(a);
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiPath)).StatusCode);
    }

    [Fact]
    public async Task TokenStopsWorkingWhenItsRoleLosesAPermission()
    {
        var roleId = await app.AsSystemAsync(async (_, db) =>
        {
            var template = await db.Users.Where(u => u.UserName == DemoAccounts.MaintenanceManager)
                .Select(u => db.Roles.Single(r => r.Id == u.RoleId)).AsNoTracking().SingleAsync();
            var role = new Role { Name = "撤权测试", CompanyId = template.CompanyId, Permissions = [.. template.Permissions] };
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            return role.Id;
        });
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-permission", Password, mustChangePassword: false);
        await ChangeAccountAsync(account.Id, (users, a) =>
        {
            a.RoleId = roleId;
            return users.UpdateAsync(a);
        });
        var client = await app.CreateApiClientAsync("rev-permission", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/repairs")).StatusCode);

        await app.AsSystemAsync(async (_, db) =>
        {
            var role = await db.Roles.SingleAsync(r => r.Id == roleId);
            role.Permissions = [.. role.Permissions.Where(p => p != Permissions.ArchiveElevatorsView)];
            return await db.SaveChangesAsync();
        });

        // The token listed a permission the role no longer grants: it is refused outright, not just for that permission.
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/repairs")).StatusCode);
    }

    [Fact]
    public async Task AChangeMadeOutsideThisProcessIsNoticedWithinThirtySeconds()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-outside", Password, mustChangePassword: false);
        var client = await app.CreateApiClientAsync("rev-outside", Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);

        // A bulk update bypasses the change tracker, as another process or a database tool would.
        await app.AsSystemAsync((_, db) => db.Users.Where(u => u.Id == account.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.SecurityStamp, Guid.NewGuid().ToString("N"))));

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(ApiPath)).StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(ApiPath)).StatusCode);
    }

    [Fact]
    public async Task StaffCookieEndsWhenThePasswordChangesElsewhere()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-cookie", Password, mustChangePassword: false);
        var browser = await app.CreateSignedInClientAsync("rev-cookie", Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/monitor/area")).StatusCode);
        var phone = await app.CreateApiClientAsync("rev-cookie", Password);

        (await phone.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest(Password, "Chosen-pass-2"))).EnsureSuccessStatusCode();

        var after = await browser.GetAsync("/monitor/area");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.RedirectPath());
    }

    [Fact]
    public async Task StaffCookieEndsWhenTheAccountIsLocked()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-cookie-lock", Password, mustChangePassword: false);
        var browser = await app.CreateSignedInClientAsync("rev-cookie-lock", Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/monitor/area")).StatusCode);

        await ChangeAccountAsync(account.Id, (users, a) => users.SetLockoutEndDateAsync(a, DateTimeOffset.MaxValue));

        var after = await browser.GetAsync("/monitor/area");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/signin", after.RedirectPath());
    }

    [Fact]
    public async Task ALockedAccountCannotSignInEvenWithTheRightPassword()
    {
        var account = await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, "rev-disabled", Password, mustChangePassword: false);
        await ChangeAccountAsync(account.Id, (users, a) => users.SetLockoutEndDateAsync(a, DateTimeOffset.MaxValue));

        var token = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("rev-disabled", Password));
        var wrong = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("rev-disabled", "Wrong-pass-9"));

        Assert.Equal(HttpStatusCode.Forbidden, token.StatusCode);
        // Only someone who knows the password learns that the account is disabled.
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
    }

    /// <summary>Changes an account the way an administration page would: through Identity's UserManager.</summary>
    private Task<IdentityResult> ChangeAccountAsync(int accountId, Func<UserManager<Account>, Account, Task<IdentityResult>> change) =>
        app.AsSystemAsync(async (services, _) =>
        {
            var users = services.GetRequiredService<UserManager<Account>>();
            var account = await users.FindByIdAsync(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var result = await change(users, account!);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            return result;
        });
}
