using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// Every permission string is also a policy name, so a page says <c>[Authorize(Policy = Permissions.MonitorArea)]</c>
/// and an endpoint <c>.RequireAuthorization(Permissions.MonitorArea)</c> without registering each one.
/// </summary>
internal sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName) =>
        Permissions.IsKnown(policyName)
            ? new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireClaim(AccountClaimTypes.Permission, policyName)
                .Build()
            : await base.GetPolicyAsync(policyName);
}
