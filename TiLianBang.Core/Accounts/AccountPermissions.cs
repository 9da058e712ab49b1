namespace TiLianBang.Core.Accounts;

/// <summary>The permissions an actor holds, as the administration services compare them.</summary>
internal static class AccountPermissions
{
    public static HashSet<string> Of(CurrentActor actor) =>
        // A system job (no account, sees everything) acts for the platform itself.
        actor.AccountId is null && actor.Scope.SeesAll
            ? Permissions.All.ToHashSet(StringComparer.Ordinal)
            : actor.Principal.FindAll(AccountClaimTypes.Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
}
