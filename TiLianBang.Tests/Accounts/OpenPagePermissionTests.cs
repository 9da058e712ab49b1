using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Accounts;

/// <summary>
/// An open page holds the principal it connected with. When its role's permissions change, the page's periodic
/// re-check gives it the new ones (menu and actions follow); a disabled account's page is signed out instead.
/// </summary>
public sealed class OpenPagePermissionTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public async Task ARoleChangeReachesAnOpenPageAndDisablingSignsItOut()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "open-page", "Open-page-pass-1", mustChangePassword: false);
        var (accountId, roleId) = await app.AsSystemAsync(async (_, db) =>
        {
            var account = await db.Users.SingleAsync(u => u.UserName == "open-page");
            var role = new Role { Name = "值守", CompanyId = account.CompanyId, Permissions = [Permissions.MonitorArea] };
            db.Roles.Add(role);
            await db.SaveChangesAsync();
            account.RoleId = role.Id;
            await db.SaveChangesAsync();
            return (account.Id, role.Id);
        });
        await using var circuit = app.Services.CreateAsyncScope();
        var provider = (AccountRevalidatingStateProvider)circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var opened = await app.AsSystemAsync(async (services, _) =>
            await services.GetRequiredService<IUserClaimsPrincipalFactory<Account>>().CreateAsync(
                await services.GetRequiredService<UserManager<Account>>().FindByIdAsync(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? throw new InvalidOperationException()));
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(opened)));
        Assert.False(opened.HasClaim(AccountClaimTypes.Permission, Permissions.SystemLogs));

        await app.AsSystemAsync(async (services, _) =>
            await services.GetRequiredService<RoleAdministration>().SaveAsync(roleId,
                new RoleInput { Name = "值守", CompanyId = opened.FindFirst(AccountClaimTypes.CompanyId) is { } c ? int.Parse(c.Value, System.Globalization.CultureInfo.InvariantCulture) : 0, Permissions = [Permissions.MonitorArea, Permissions.SystemLogs] },
                CancellationToken.None));

        Assert.True(await provider.RevalidateAsync(await provider.GetAuthenticationStateAsync(), CancellationToken.None));
        var now = (await provider.GetAuthenticationStateAsync()).User;
        Assert.True(now.HasClaim(AccountClaimTypes.Permission, Permissions.SystemLogs));
        Assert.Equal(accountId.ToString(System.Globalization.CultureInfo.InvariantCulture), now.FindFirst(AccountClaimTypes.AccountId)?.Value);

        await app.AsSystemAsync(async (services, _) =>
        {
            await services.GetRequiredService<AccountAdministration>().SetEnabledAsync(accountId, false, CancellationToken.None);
            return 0;
        });

        Assert.False(await provider.RevalidateAsync(await provider.GetAuthenticationStateAsync(), CancellationToken.None));
    }
}
