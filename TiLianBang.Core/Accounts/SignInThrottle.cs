using System.Net;
using System.Net.Sockets;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// Failed sign-ins, counted in memory per client address and per (user name, client address) — for the web
/// form and the token endpoint alike.
/// <list type="bullet">
/// <item>An address with <see cref="MaxFailuresPerAddress"/> failures within <see cref="AddressWindow"/> may not
/// try any account until the oldest of them is that old (password guessing across accounts).</item>
/// <item>A user name with <see cref="AccountsServiceCollectionExtensions.MaxFailedSignIns"/> failures from one
/// address is locked for that address for <see cref="AccountsServiceCollectionExtensions.LockoutDuration"/>
/// (SYS-8). The lock is per address so that nobody can lock the administrator out from elsewhere; unknown user
/// names are counted the same way, so a lock-out does not reveal that an account exists.</item>
/// </list>
/// The counts start afresh when the process restarts, which an attacker cannot cause from outside.
/// The built-in ASP.NET Core rate limiter does not fit: it limits requests, not failures, and reads the real
/// clock instead of the <see cref="TimeProvider"/>.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailuresPerAddress = 20;
    public static readonly TimeSpan AddressWindow = TimeSpan.FromMinutes(15);

    /// <summary>Above this many tracked keys, expired ones are swept (bounds memory under a spray of addresses).</summary>
    private const int SweepThreshold = 10_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);
    /// <summary>Identity's longest user name; longer input is not a name and need not be kept whole.</summary>
    private const int MaxNameKeyLength = 256;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Queue<DateTimeOffset>> _addresses = [];
    private readonly Dictionary<(string UserName, string Address), NameFailures> _names = [];
    private DateTimeOffset _nextSweep;

    /// <summary>Why a sign-in from this address for this name is not even tried now, or null when it may be.</summary>
    public SignInBlock? Check(string userName, string? ipAddress)
    {
        var now = clock.GetUtcNow();
        var address = AddressKey(ipAddress);
        lock (_gate)
        {
            return AddressBlock(address, now) ?? NameBlock((NameKey(userName), address), now);
        }
    }

    /// <summary>Counts a failed sign-in; returns the block it brought about, if any.</summary>
    public SignInBlock? RecordFailure(string userName, string? ipAddress)
    {
        var now = clock.GetUtcNow();
        var address = AddressKey(ipAddress);
        var key = (NameKey(userName), address);
        lock (_gate)
        {
            if (_addresses.Count + _names.Count > SweepThreshold && now >= _nextSweep)
            {
                Sweep(now);
                _nextSweep = now + SweepInterval;
            }
            if (!_addresses.TryGetValue(address, out var failures))
            {
                _addresses[address] = failures = new Queue<DateTimeOffset>();
            }
            Expire(failures, now);
            failures.Enqueue(now);

            if (!_names.TryGetValue(key, out var name) || now - name.LastFailure >= AccountsServiceCollectionExtensions.LockoutDuration)
            {
                _names[key] = name = new NameFailures();
            }
            name.Count++;
            name.LastFailure = now;
            if (name.Count >= AccountsServiceCollectionExtensions.MaxFailedSignIns)
            {
                name.LockedUntil = now + AccountsServiceCollectionExtensions.LockoutDuration;
                name.Count = 0;
            }
            return NameBlock(key, now) ?? AddressBlock(address, now);
        }
    }

    /// <summary>The right password from this address: its earlier failures for this name no longer count.</summary>
    public void RecordSuccess(string userName, string? ipAddress)
    {
        lock (_gate)
        {
            _names.Remove((NameKey(userName), AddressKey(ipAddress)));
        }
    }

    /// <summary>解除锁定: an administrator lifts this name's locks from every address.</summary>
    public void Release(string userName)
    {
        var name = NameKey(userName);
        lock (_gate)
        {
            _names.Keys.Where(k => k.UserName == name).ToList().ForEach(k => _names.Remove(k));
        }
    }

    /// <summary>Whether this name is locked from some address now (shown as 已锁定 in 人员管理).</summary>
    public bool IsLocked(string userName)
    {
        var name = NameKey(userName);
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            return _names.Any(p => p.Key.UserName == name && p.Value.LockedUntil > now);
        }
    }

    private SignInBlock? AddressBlock(string address, DateTimeOffset now)
    {
        if (!_addresses.TryGetValue(address, out var failures))
        {
            return null;
        }
        Expire(failures, now);
        return failures.Count >= MaxFailuresPerAddress
            ? new SignInBlock(SignInBlockKind.AddressThrottled, failures.Peek() + AddressWindow)
            : null;
    }

    private SignInBlock? NameBlock((string, string) key, DateTimeOffset now) =>
        _names.TryGetValue(key, out var name) && name.LockedUntil > now
            ? new SignInBlock(SignInBlockKind.LockedOut, name.LockedUntil.Value)
            : null;

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.TryPeek(out var oldest) && now - oldest >= AddressWindow)
        {
            failures.Dequeue();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (address, failures) in _addresses.ToList())
        {
            Expire(failures, now);
            if (failures.Count == 0)
            {
                _addresses.Remove(address);
            }
        }
        foreach (var (key, name) in _names.ToList())
        {
            if (!(name.LockedUntil > now) && now - name.LastFailure >= AccountsServiceCollectionExtensions.LockoutDuration)
            {
                _names.Remove(key);
            }
        }
    }

    private static string NameKey(string userName)
    {
        var name = userName.Trim();
        return (name.Length > MaxNameKeyLength ? name[..MaxNameKeyLength] : name).ToUpperInvariant();
    }

    /// <summary>
    /// The client as far as throttling goes: an IPv4 address, or an IPv6 /64 network — one subscriber usually
    /// holds a whole /64 and could otherwise take a fresh address for every guess.
    /// </summary>
    internal static string AddressKey(string? ipAddress)
    {
        if (!IPAddress.TryParse(ipAddress, out var address))
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private sealed class NameFailures
    {
        public int Count { get; set; }
        public DateTimeOffset LastFailure { get; set; }
        public DateTimeOffset? LockedUntil { get; set; }
    }
}
