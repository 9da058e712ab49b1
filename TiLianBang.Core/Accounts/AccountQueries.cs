using TiLianBang.Core.Data;

namespace TiLianBang.Core.Accounts;

/// <summary>Who in a company holds a permission (workers of a maintainer, its reviewers …), as one query shape.</summary>
public static class AccountQueries
{
    public static IQueryable<Account> WithPermission(this TiLianBangDbContext db, int? companyId, string permission) =>
        db.Users.Where(u => u.CompanyId == companyId && db.Roles.Any(r => r.Id == u.RoleId && r.Permissions.Contains(permission)));
}
