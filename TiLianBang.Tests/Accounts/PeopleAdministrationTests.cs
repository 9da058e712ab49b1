using TiLianBang.Core.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Organizations;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Tests.Api;

namespace TiLianBang.Tests.Accounts;

/// <summary>
/// 人员管理 and 角色权限 through HTTP as a company's administrator would try to overstep them: another company's
/// accounts and roles, permissions the caller lacks or the company kind may not have. Every refusal leaves the
/// data as it was.
/// </summary>
public sealed class PeopleAdministrationTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private const string Password = DemoAccounts.Password;

    [Fact]
    public async Task ACompanyAdministratorSeesAndChangesOnlyItsOwnCompanysAccounts()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var (companyA, companyB) = await CompaniesAsync();
        var otherManager = await AccountIdAsync(DemoAccounts.OtherMaintenanceManager);
        var otherRole = await RoleIdAsync(companyB, "维保工");
        var before = await SnapshotAsync();

        var list = await client.GetFromJsonAsync<PagedList<AccountView>>("/api/v1/accounts?pageSize=100", ApiJson.Options);
        Assert.NotEmpty(list!.Items);
        Assert.All(list.Items, a => Assert.Equal(companyA, a.CompanyId));
        var filtered = await client.GetFromJsonAsync<PagedList<AccountView>>($"/api/v1/accounts?companyId={companyB}", ApiJson.Options);
        Assert.Empty(filtered!.Items);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/accounts/{otherManager}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/accounts/{otherManager}",
            new AccountInput { UserName = "taken-over", DisplayName = "x", CompanyId = companyB, RoleId = otherRole })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/accounts/{otherManager}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/v1/accounts/{otherManager}/reset-password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/accounts/{otherManager}/wechat")).StatusCode);
        var created = await client.PostAsJsonAsync("/api/v1/accounts",
            new AccountInput { UserName = "planted", DisplayName = "植入", CompanyId = companyB, RoleId = otherRole });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        Assert.Contains("CompanyId", await created.Content.ReadAsStringAsync());
        var export = await client.GetStringAsync("/api/v1/accounts/export?format=csv");
        Assert.Contains(DemoAccounts.MaintenanceWorker, export);
        Assert.DoesNotContain(DemoAccounts.OtherMaintenanceManager, export);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ACompanyAdministratorSeesAndChangesOnlyItsOwnCompanysRoles()
    {
        var client = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var (companyA, companyB) = await CompaniesAsync();
        var otherRole = await RoleIdAsync(companyB, "维保工");
        var before = await SnapshotAsync();

        var roles = (await client.GetFromJsonAsync<PagedList<RoleView>>("/api/v1/roles?pageSize=100", ApiJson.Options))!.Items;
        Assert.All(roles!, r => Assert.Equal(companyA, r.CompanyId));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/roles/{otherRole}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PutAsJsonAsync($"/api/v1/roles/{otherRole}",
            new RoleInput { Name = "维保工", CompanyId = companyB, Permissions = [Permissions.MonitorArea] })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync($"/api/v1/roles/{otherRole}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/v1/roles",
            new RoleInput { Name = "植入角色", CompanyId = companyB, Permissions = [Permissions.MonitorArea] })).StatusCode);

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task NobodyGrantsAPermissionTheyLackNorOneTheCompanyKindMayNotHave()
    {
        var (companyA, _) = await CompaniesAsync();
        // An HR clerk of 渝安: may manage people and roles, but sees only 区域监控 otherwise.
        var hrRole = await AsSystemRoleAsync(companyA, "人事专员", [Permissions.SystemAccounts, Permissions.SystemRoles, Permissions.MonitorArea]);
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "hr-clerk", "Hr-clerk-pass-1", mustChangePassword: false);
        await SetRoleAsync("hr-clerk", hrRole);
        var hr = await app.CreateApiClientAsync("hr-clerk", "Hr-clerk-pass-1");
        var managerRole = await RoleIdAsync(companyA, "维保经理");
        var manager = await AccountIdAsync(DemoAccounts.MaintenanceManager);
        var before = await SnapshotAsync();

        // A new role with a permission the clerk lacks.
        var escalated = await hr.PostAsJsonAsync("/api/v1/roles",
            new RoleInput { Name = "越权角色", CompanyId = companyA, Permissions = [Permissions.MonitorArea, Permissions.RepairAlarm] });
        Assert.Equal(HttpStatusCode.BadRequest, escalated.StatusCode);
        Assert.Contains("故障接警", await escalated.Content.ReadAsStringAsync());
        // Its own role, widened.
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.PutAsJsonAsync($"/api/v1/roles/{hrRole}", new RoleInput
        {
            Name = "人事专员", CompanyId = companyA,
            Permissions = [Permissions.SystemAccounts, Permissions.SystemRoles, Permissions.MonitorArea, Permissions.SystemLogs],
        })).StatusCode);
        // The manager's role, narrowed (taking away what the clerk does not hold is as much beyond it).
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.PutAsJsonAsync($"/api/v1/roles/{managerRole}",
            new RoleInput { Name = "维保经理", CompanyId = companyA, Permissions = [Permissions.MonitorArea] })).StatusCode);
        // A new account with the manager's role, and itself promoted.
        var promoted = await hr.PostAsJsonAsync("/api/v1/accounts",
            new AccountInput { UserName = "hr-friend", DisplayName = "朋友", CompanyId = companyA, RoleId = managerRole });
        Assert.Equal(HttpStatusCode.BadRequest, promoted.StatusCode);
        Assert.Contains("RoleId", await promoted.Content.ReadAsStringAsync());
        var self = await AccountIdAsync("hr-clerk");
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PutAsJsonAsync($"/api/v1/accounts/{self}",
            new AccountInput { UserName = "hr-clerk", DisplayName = "人事", CompanyId = companyA, RoleId = managerRole })).StatusCode);
        // Taking over the manager by resetting the password, or silencing them.
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsync($"/api/v1/accounts/{manager}/reset-password", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await hr.PostAsync($"/api/v1/accounts/{manager}/disable", null)).StatusCode);
        // The company's kind: a maintenance company never holds the platform's tables, whoever asks.
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var platformTable = await weibao.PostAsJsonAsync("/api/v1/roles",
            new RoleInput { Name = "故障代码员", CompanyId = companyA, Permissions = [Permissions.SystemFaultCodes] });
        Assert.Equal(HttpStatusCode.BadRequest, platformTable.StatusCode);
        var admin = await app.CreateApiClientAsync(DemoAccounts.PlatformAdmin, Password);
        var userUnit = await app.AsSystemAsync((_, db) => db.Companies.Where(c => c.Kind == CompanyKind.UserUnit).Select(c => c.Id).FirstAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/roles",
            new RoleInput { Name = "物业计划员", CompanyId = userUnit, Permissions = [Permissions.MaintenancePlanEntry] })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/v1/roles",
            new RoleInput { Name = "未知权限", CompanyId = userUnit, Permissions = ["everything.please"] })).StatusCode);

        Assert.Equal(before, await SnapshotAsync());

        // Within what it holds, the clerk does its job.
        var allowed = await hr.PostAsJsonAsync("/api/v1/roles",
            new RoleInput { Name = "值班员", CompanyId = companyA, Permissions = [Permissions.MonitorArea] });
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
        var role = await allowed.Content.ReadFromJsonAsync<RoleView>(ApiJson.Options);
        var account = await hr.PostAsJsonAsync("/api/v1/accounts",
            new AccountInput { UserName = "duty-1", DisplayName = "值班一", Phone = "13900001111", CompanyId = companyA, RoleId = role!.Id, Job = "调度" });
        Assert.Equal(HttpStatusCode.Created, account.StatusCode);
    }

    [Fact]
    public async Task APermissionStoredBeyondTheCompanyKindGrantsNothing()
    {
        // A role edited in the database (or left from an older version) with the platform's fault-code table.
        var (companyA, _) = await CompaniesAsync();
        var role = await AsSystemRoleAsync(companyA, "旧角色", [Permissions.MonitorArea, Permissions.SystemFaultCodes]);
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "old-role", "Old-role-pass-1", mustChangePassword: false);
        await SetRoleAsync("old-role", role);
        var browser = await app.CreateSignedInClientAsync("old-role", "Old-role-pass-1");

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/monitor/area")).StatusCode);
        var faultCodes = await browser.GetAsync("/system/fault-codes");
        Assert.Equal(HttpStatusCode.Redirect, faultCodes.StatusCode);
        Assert.Contains("/account/denied", faultCodes.Headers.Location!.ToString());
    }

    [Fact]
    public async Task ADisabledAccountsTokenIsRefusedOnTheNextRequestAndEnablingDoesNotRevive()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "to-disable", "Disable-pass-1", mustChangePassword: false);
        var worker = await app.CreateApiClientAsync("to-disable", "Disable-pass-1");
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/api/v1/repairs")).StatusCode);
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var id = await AccountIdAsync("to-disable");

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/accounts/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/api/v1/repairs")).StatusCode);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("to-disable", "Disable-pass-1"));
        Assert.Equal(HttpStatusCode.Forbidden, signIn.StatusCode);
        var view = await manager.GetFromJsonAsync<AccountView>($"/api/v1/accounts/{id}", ApiJson.Options);
        Assert.False(view!.Enabled);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/accounts/{id}/enable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await worker.GetAsync("/api/v1/repairs")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await app.CreateApiClientAsync("to-disable", "Disable-pass-1")).GetAsync("/api/v1/repairs")).StatusCode);
        var self = await AccountIdAsync(DemoAccounts.MaintenanceManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostAsync($"/api/v1/accounts/{self}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task ARoleChangeReachesAnAccountThatIsSignedIn()
    {
        var (companyA, _) = await CompaniesAsync();
        var role = await AsSystemRoleAsync(companyA, "巡查员", [Permissions.MonitorArea]);
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "patrol", "Patrol-pass-1", mustChangePassword: false);
        await SetRoleAsync("patrol", role);
        var browser = await app.CreateSignedInClientAsync("patrol", "Patrol-pass-1");
        var token = await app.CreateApiClientAsync("patrol", "Patrol-pass-1");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/system/logs")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await token.GetAsync("/api/v1/elevators")).StatusCode);
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);

        var changed = await manager.PutAsJsonAsync($"/api/v1/roles/{role}",
            new RoleInput { Name = "巡查员", CompanyId = companyA, Permissions = [Permissions.MonitorArea, Permissions.SystemLogs] });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // The token was issued for the old permissions: refused at once, a new sign-in gets the new ones.
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/elevators")).StatusCode);
        // The staff cookie is rebuilt from the database once the validation interval has passed.
        app.Clock.Advance(AccountSessionCheck.CacheTime + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/system/logs")).StatusCode);
    }

    [Fact]
    public async Task AResetPasswordIsShownOnceMustBeChangedAndEndsTheOldSignIns()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "forgetful", "Forgetful-pass-1", mustChangePassword: false);
        var old = await app.CreateApiClientAsync("forgetful", "Forgetful-pass-1");
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var id = await AccountIdAsync("forgetful");

        var reset = await manager.PostAsync($"/api/v1/accounts/{id}/reset-password", null);
        var issued = await reset.Content.ReadFromJsonAsync<IssuedPassword>(ApiJson.Options);

        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/repairs")).StatusCode);
        var signIn = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("forgetful", issued!.Password));
        Assert.True((await signIn.Content.ReadFromJsonAsync<TokenResponse>(ApiJson.Options))!.MustChangePassword);
        var logged = await app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.Target == $"Account#{id}").Select(l => l.Action).ToListAsync());
        Assert.Contains(Core.Auditing.OperationAction.PasswordReset, logged);
        var stored = await app.AsSystemAsync((_, db) => db.OperationLogs.Where(l => l.Target == $"Account#{id}").Select(l => l.Summary ?? "").ToListAsync());
        Assert.DoesNotContain(stored, s => s.Contains(issued.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARoleInUseCannotBeDeletedAndSaysHowManyHoldIt()
    {
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var (companyA, _) = await CompaniesAsync();
        var workers = await RoleIdAsync(companyA, "维保工");
        var holders = await app.AsSystemAsync((_, db) => db.Users.CountAsync(u => u.RoleId == workers));

        var refused = await manager.DeleteAsync($"/api/v1/roles/{workers}");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"{holders} 个账号", await refused.Content.ReadAsStringAsync());
        var spare = await manager.PostAsJsonAsync("/api/v1/roles", new RoleInput { Name = "临时", CompanyId = companyA, Permissions = [Permissions.MonitorArea] });
        var spareId = (await spare.Content.ReadFromJsonAsync<RoleView>(ApiJson.Options))!.Id;
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/v1/roles/{spareId}")).StatusCode);
        Assert.False(await app.AsSystemAsync((_, db) => db.Roles.AnyAsync(r => r.Id == spareId)));
    }

    [Fact]
    public async Task AnAccountLockedByWrongPasswordsCanBeUnlocked()
    {
        await app.CreateAccountLikeAsync(DemoAccounts.MaintenanceWorker, "locked-out", "Locked-pass-1", mustChangePassword: false);
        var anonymous = app.CreateClient();
        for (var i = 0; i < AccountsServiceCollectionExtensions.MaxFailedSignIns; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("locked-out", "wrong-guess"));
        }
        Assert.Equal((HttpStatusCode)423, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("locked-out", "Locked-pass-1"))).StatusCode);
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var id = await AccountIdAsync("locked-out");
        Assert.True((await manager.GetFromJsonAsync<AccountView>($"/api/v1/accounts/{id}", ApiJson.Options))!.Locked);

        Assert.Equal(HttpStatusCode.NoContent, (await manager.PostAsync($"/api/v1/accounts/{id}/unlock", null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("locked-out", "Locked-pass-1"))).StatusCode);
    }

    [Fact]
    public async Task AccountInputIsValidatedFieldByField()
    {
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var (companyA, _) = await CompaniesAsync();
        var workers = await RoleIdAsync(companyA, "维保工");
        var takenPhone = DemoStaff.DemoAccountPhones[DemoAccounts.MaintenanceWorker];
        var before = await SnapshotAsync();

        var response = await manager.PostAsJsonAsync("/api/v1/accounts", new AccountInput
        {
            UserName = DemoAccounts.MaintenanceWorker.ToUpperInvariant(), DisplayName = "", Phone = "12345", CompanyId = companyA, RoleId = workers,
            CertificateExpiresOn = new DateOnly(2027, 1, 1),
        });
        var body = await response.Content.ReadAsStringAsync();
        var duplicatePhone = await manager.PostAsJsonAsync("/api/v1/accounts",
            new AccountInput { UserName = "new-phone", DisplayName = "新人", Phone = takenPhone, CompanyId = companyA, RoleId = workers });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        foreach (var field in new[] { "UserName", "DisplayName", "Phone", "CertificateNumber" })
        {
            Assert.Contains($"\"{field}\"", body);
        }
        Assert.Equal(HttpStatusCode.BadRequest, duplicatePhone.StatusCode);
        Assert.Contains("已被其他账号使用", await duplicatePhone.Content.ReadAsStringAsync());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task ThePermissionTreeSaysWhatTheCallerMayTick()
    {
        var weibao = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, Password);
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, Password);

        var tree = await weibao.GetFromJsonAsync<List<PermissionGroupView>>("/api/v1/roles/permissions?kind=MaintenanceCompany", ApiJson.Options);
        Assert.NotNull(tree);
        var nodes = tree.SelectMany(g => g.Items).SelectMany(n => n.Actions.Prepend(n)).ToDictionary(n => n.Permission);

        Assert.Equal(PermissionCatalog.Groups.Select(g => g.Title), tree.Select(g => g.Title));
        Assert.True(nodes[Permissions.RepairAlarm].Grantable);
        Assert.False(nodes[Permissions.SystemFaultCodes].Grantable);
        Assert.False(nodes[Permissions.SystemFaultCodes].AllowedForKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await worker.GetAsync("/api/v1/roles/permissions?kind=MaintenanceCompany")).StatusCode);
    }

    [Fact]
    public void EveryPermissionIsInTheCatalogueOnceAndInTheMenusOrder()
    {
        var entries = PermissionCatalog.Groups.SelectMany(g => g.Entries).SelectMany(e => e.Actions.Prepend(e)).Select(e => e.Permission).ToList();
        Assert.Equal(entries.Count, entries.Distinct().Count());
        Assert.Equal(Permissions.All.Order(), entries.Order());
        var menu = Web.Shared.NavigationTree.Items.Select(i => i.Permission).Distinct().ToList();
        Assert.Equal(menu, entries.Where(menu.Contains).ToList());
        Assert.All(Enum.GetValues<CompanyKind>(), kind => Assert.Contains(Permissions.SystemAccounts, PermissionCatalog.AllowedFor(kind)));
        Assert.DoesNotContain(Permissions.SystemFaultCodes, PermissionCatalog.AllowedFor(CompanyKind.MaintenanceCompany));
        Assert.DoesNotContain(Permissions.MaintenancePlanEntry, PermissionCatalog.AllowedFor(CompanyKind.UserUnit));
    }

    private Task<(int A, int B)> CompaniesAsync() => app.AsSystemAsync(async (_, db) =>
        (await db.Companies.Where(c => c.Name == DemoStaff.MaintenanceA).Select(c => c.Id).SingleAsync(),
         await db.Companies.Where(c => c.Name == DemoStaff.MaintenanceB).Select(c => c.Id).SingleAsync()));

    private Task<int> AccountIdAsync(string userName) =>
        app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private Task<int> RoleIdAsync(int companyId, string name) =>
        app.AsSystemAsync((_, db) => db.Roles.Where(r => r.CompanyId == companyId && r.Name == name).Select(r => r.Id).SingleAsync());

    private Task<int> SetRoleAsync(string userName, int roleId) => app.AsSystemAsync(async (_, db) =>
    {
        (await db.Users.SingleAsync(u => u.UserName == userName)).RoleId = roleId;
        return await db.SaveChangesAsync();
    });

    private Task<int> AsSystemRoleAsync(int companyId, string name, string[] permissions) => app.AsSystemAsync(async (_, db) =>
    {
        var role = new Role { Name = name, CompanyId = companyId, Permissions = [.. permissions] };
        db.Roles.Add(role);
        await db.SaveChangesAsync();
        return role.Id;
    });

    /// <summary>Everything an overstepping request could have changed: accounts (with their role, state, stamp) and roles.</summary>
    private Task<string> SnapshotAsync() => app.AsSystemAsync(async (_, db) =>
    {
        var accounts = await db.Users.AsNoTracking().OrderBy(u => u.Id)
            .Select(u => $"{u.Id}:{u.UserName}:{u.DisplayName}:{u.PhoneNumber}:{u.CompanyId}:{u.RoleId}:{u.LockoutEnd}:{u.SecurityStamp}:{u.PasswordHash}:{u.WeChatOpenId}")
            .ToListAsync();
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        return string.Join("\n", accounts.Concat(roles.Select(r => $"{r.Id}:{r.CompanyId}:{r.Name}:{string.Join(",", r.Permissions)}")));
    });
}
