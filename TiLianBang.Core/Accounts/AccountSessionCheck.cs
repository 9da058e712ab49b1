using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Whether a signed-in principal (a bearer token or the staff cookie) still speaks for its account: the same
/// security stamp (Identity renews it on a password change or reset), not locked or disabled, the same role and
/// company and — for tokens, which cannot be refreshed — exactly the permissions the role grants now.
/// The account's state is cached for <see cref="CacheTime"/>, so a request costs no database round trip;
/// a change saved through EF Core in this process evicts it at once (<see cref="AccountChangeInterceptor"/>),
/// a change made elsewhere (another process, a database tool) is seen within the cache time.
/// </summary>
public sealed class AccountSessionCheck(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan CacheTime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, Cached> _cache = new();
    // Bumped on every eviction: a read that began before an eviction must not put its (possibly old) state back.
    private long _generation;

    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, bool requireSamePermissions, CancellationToken cancellationToken)
    {
        if (!int.TryParse(principal.FindFirstValue(AccountClaimTypes.AccountId), CultureInfo.InvariantCulture, out var accountId))
        {
            return false;
        }
        var state = await StateOfAsync(accountId, cancellationToken);
        return state is not null
            && principal.FindFirstValue(AccountClaimTypes.SecurityStamp) == state.StampHash
            && !(state.LockoutEnd > clock.GetUtcNow())
            && principal.FindFirstValue(AccountClaimTypes.RoleId) == state.RoleId.ToString(CultureInfo.InvariantCulture)
            && principal.FindFirstValue(AccountClaimTypes.CompanyId) == state.CompanyId.ToString(CultureInfo.InvariantCulture)
            && (!requireSamePermissions
                || principal.FindAll(AccountClaimTypes.Permission).Select(c => c.Value).ToHashSet(StringComparer.Ordinal).SetEquals(state.Permissions));
    }

    /// <summary>
    /// Raised after an account's committed change was noticed (its id), or a role's (null: any account may be
    /// affected), so that long-lived sessions (live sockets) check again at once. Handlers run on the saving
    /// thread: they must be quick.
    /// </summary>
    public event Action<int?>? Changed;

    public void Forget(int accountId)
    {
        Interlocked.Increment(ref _generation);
        _cache.TryRemove(accountId, out _);
        Changed?.Invoke(accountId);
    }

    /// <summary>After a role changed: any number of accounts may hold it.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
        Changed?.Invoke(null);
    }

    /// <summary>
    /// What a principal carries instead of the security stamp itself: Identity derives other codes (e.g. TOTP
    /// for e-mail and phone confirmation) from the stamp, and a token's payload is readable by whoever holds it.
    /// </summary>
    public static string StampHash(string? securityStamp) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(securityStamp ?? "")));

    private async Task<AccountState?> StateOfAsync(int accountId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(accountId, out var cached) && now - cached.ReadAt < CacheTime)
        {
            return cached.State;
        }
        var generation = Interlocked.Read(ref _generation);
        var state = await ReadAsync(accountId, cancellationToken);
        if (Interlocked.Read(ref _generation) == generation)
        {
            _cache[accountId] = new Cached(state, now);
        }
        return state;
    }

    private async Task<AccountState?> ReadAsync(int accountId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var account = await db.Users.AsNoTracking()
            .Where(u => u.Id == accountId)
            .Select(u => new { u.SecurityStamp, u.RoleId, u.CompanyId, u.LockoutEnd })
            .SingleOrDefaultAsync(cancellationToken);
        if (account is null)
        {
            return null;
        }
        var permissions = await db.Roles.AsNoTracking()
            .Where(r => r.Id == account.RoleId)
            .Select(r => r.Permissions)
            .SingleAsync(cancellationToken);
        var kind = await db.Companies.AsNoTracking()
            .Where(c => c.Id == account.CompanyId)
            .Select(c => c.Kind)
            .SingleAsync(cancellationToken);
        return new AccountState(
            StampHash(account.SecurityStamp), account.RoleId, account.CompanyId, account.LockoutEnd,
            PermissionCatalog.EffectiveFor(kind, permissions).ToHashSet(StringComparer.Ordinal));
    }

    private sealed record AccountState(string StampHash, int RoleId, int CompanyId, DateTimeOffset? LockoutEnd, HashSet<string> Permissions);

    private sealed record Cached(AccountState? State, DateTimeOffset ReadAt);
}
