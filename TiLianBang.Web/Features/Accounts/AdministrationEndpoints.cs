using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Organizations;
using TiLianBang.Web.Shared;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// 人员管理 and 角色权限 over HTTP (SYS-5, SYS-6): the same services as the pages, so the company and escalation
/// rules hold for every client. Refusals are problem details with a stable code (DomainExceptionHandler).
/// </summary>
public static class AdministrationEndpoints
{
    public static WebApplication MapAdministrationEndpoints(this WebApplication app)
    {
        var accounts = app.MapGroup("/api/v1/accounts").WithTags("Accounts").DisableAntiforgery().RequireAuthorization(Permissions.SystemAccounts);
        accounts.MapGet("/", SearchAccountsAsync).Describe("人员列表", "Search accounts");
        accounts.MapGet("/export", ExportAccountsAsync).Describe("导出人员", "Export accounts");
        accounts.MapGet("/{id:int}", GetAccountAsync).Describe("人员详情", "One account");
        accounts.MapPost("/", CreateAccountAsync).Describe("新增人员", "Create an account");
        accounts.MapPut("/{id:int}", UpdateAccountAsync).Describe("修改人员", "Update an account");
        accounts.MapPost("/{id:int}/disable", (int id, AccountAdministration admin, CancellationToken ct) => SetEnabledAsync(id, false, admin, ct))
            .Describe("停用账号", "Disable an account");
        accounts.MapPost("/{id:int}/enable", (int id, AccountAdministration admin, CancellationToken ct) => SetEnabledAsync(id, true, admin, ct))
            .Describe("启用账号", "Enable an account");
        accounts.MapPost("/{id:int}/unlock", UnlockAsync).Describe("解除锁定", "Unlock an account");
        accounts.MapPost("/{id:int}/reset-password", ResetPasswordAsync).Describe("重置密码", "Reset an account's password");
        accounts.MapDelete("/{id:int}/wechat", UnbindWeChatAsync).Describe("解除微信绑定", "Unbind an account's WeChat");

        var roles = app.MapGroup("/api/v1/roles").WithTags("Accounts").DisableAntiforgery().RequireAuthorization(Permissions.SystemRoles);
        roles.MapGet("/", ListRolesAsync).Describe("角色列表", "List roles");
        roles.MapGet("/{id:int}", GetRoleAsync).Describe("角色详情", "One role");
        roles.MapPost("/", CreateRoleAsync).Describe("新增角色", "Create a role");
        roles.MapPut("/{id:int}", UpdateRoleAsync).Describe("修改角色", "Update a role");
        roles.MapDelete("/{id:int}", DeleteRoleAsync).Describe("删除角色", "Delete a role");
        roles.MapGet("/permissions", PermissionTree).Describe("权限树（按单位类型）", "The permission tree (per company kind)");
        return app;
    }

    private static async Task<Ok<PagedList<AccountView>>> SearchAccountsAsync(
        AccountAdministration admin, [AsParameters] AccountQuery query, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        var result = await admin.SearchAsync(query.ToSearch(), paging.Page, paging.PageSize, cancellationToken);
        return TypedResults.Ok(new PagedList<AccountView>(result.Items, result.Total, paging));
    }

    private static async Task<FileContentHttpResult> ExportAccountsAsync(
        AccountAdministration admin, TimeProvider clock, [AsParameters] AccountQuery query, string? format, CancellationToken cancellationToken)
    {
        var rows = await admin.ListAsync(query.ToSearch(), cancellationToken);
        return await SpreadsheetDownload.FileAsync("人员", format, clock, (stream, kind) => Spreadsheet.WriteAsync(stream,
            rows.Select(a => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                ["用户名"] = a.UserName, ["姓名"] = a.DisplayName, ["手机号"] = a.Phone, ["单位"] = a.CompanyName, ["角色"] = a.RoleName,
                ["岗位"] = a.Job, ["状态"] = a.Enabled ? "启用" : "停用", ["微信"] = a.WeChatBound ? "已绑定" : "未绑定",
                ["操作人员证编号"] = a.CertificateNumber, ["作业项目"] = a.CertificateCategory,
                ["证书有效期至"] = a.CertificateExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                ["证书已过期"] = a.CertificateExpired ? "是" : "",
                ["最后登录"] = a.LastSignInAtUtc is { } at ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), clock.LocalTimeZone) : null,
            }), kind, cancellationToken));
    }

    private static async Task<Ok<AccountView>> GetAccountAsync(int id, AccountAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.GetAsync(id, cancellationToken));

    private static async Task<Created<IssuedPassword>> CreateAccountAsync(AccountInput input, AccountAdministration admin, CancellationToken cancellationToken)
    {
        var issued = await admin.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/v1/accounts/{issued.AccountId}", issued);
    }

    private static async Task<NoContent> UpdateAccountAsync(int id, AccountInput input, AccountAdministration admin, CancellationToken cancellationToken)
    {
        await admin.UpdateAsync(id, input, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> SetEnabledAsync(int id, bool enabled, AccountAdministration admin, CancellationToken cancellationToken)
    {
        await admin.SetEnabledAsync(id, enabled, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> UnlockAsync(int id, AccountAdministration admin, CancellationToken cancellationToken)
    {
        await admin.UnlockAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IssuedPassword>> ResetPasswordAsync(int id, AccountAdministration admin, CancellationToken cancellationToken) =>
        TypedResults.Ok(await admin.ResetPasswordAsync(id, cancellationToken));

    private static async Task<NoContent> UnbindWeChatAsync(int id, AccountAdministration admin, CancellationToken cancellationToken)
    {
        await admin.UnbindWeChatAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<PagedList<RoleView>>> ListRolesAsync(
        RoleAdministration roles, int? companyId, string? text, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var paging = Paging.From(page, pageSize);
        return TypedResults.Ok((await roles.ListAsync(companyId, text, cancellationToken)).ToPagedList(paging));
    }

    private static async Task<Ok<RoleView>> GetRoleAsync(int id, RoleAdministration roles, CancellationToken cancellationToken) =>
        TypedResults.Ok(await roles.GetAsync(id, cancellationToken));

    private static async Task<Created<RoleView>> CreateRoleAsync(RoleInput input, RoleAdministration roles, CancellationToken cancellationToken)
    {
        var role = await roles.SaveAsync(null, input, cancellationToken);
        return TypedResults.Created($"/api/v1/roles/{role.Id}", await roles.GetAsync(role.Id, cancellationToken));
    }

    private static async Task<Ok<RoleView>> UpdateRoleAsync(int id, RoleInput input, RoleAdministration roles, CancellationToken cancellationToken)
    {
        await roles.SaveAsync(id, input, cancellationToken);
        return TypedResults.Ok(await roles.GetAsync(id, cancellationToken));
    }

    private static async Task<NoContent> DeleteRoleAsync(int id, RoleAdministration roles, CancellationToken cancellationToken)
    {
        await roles.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The permission tree for a role of a company of this kind, each node saying whether the caller may tick it.</summary>
    private static Ok<IReadOnlyList<PermissionGroupView>> PermissionTree(RoleAdministration roles, CompanyKind kind)
    {
        var grantable = roles.Grantable(kind);
        PermissionNodeView Node(PermissionEntry e) => new(e.Permission, e.Title, grantable.Contains(e.Permission),
            e.Kinds.Contains(kind), [.. e.Actions.Select(Node)]);
        IReadOnlyList<PermissionGroupView> tree = [.. PermissionCatalog.Groups.Select(g => new PermissionGroupView(g.Title, [.. g.Entries.Select(Node)]))];
        return TypedResults.Ok(tree);
    }
}


public sealed record PermissionGroupView(string Title, IReadOnlyList<PermissionNodeView> Items);

/// <summary><see cref="Grantable"/>: the caller holds it and the company kind may have it; <see cref="AllowedForKind"/>: the kind may have it at all.</summary>
public sealed record PermissionNodeView(string Permission, string Title, bool Grantable, bool AllowedForKind, IReadOnlyList<PermissionNodeView> Actions);
