using Microsoft.Extensions.Options;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// The authenticated live sockets of this process by account: enforces the per-account limit and tells an
/// account's sockets to check their session again when the account changes here (disabled, password, role).
/// </summary>
public sealed class LiveSessionRegistry : IDisposable
{
    private readonly Dictionary<int, List<LiveSession>> _byAccount = [];
    private readonly IOptions<LiveOptions> _options;
    private readonly AccountSessionCheck _sessions;

    public LiveSessionRegistry(IOptions<LiveOptions> options, AccountSessionCheck sessions)
    {
        _options = options;
        _sessions = sessions;
        _sessions.Changed += AccountChanged;
    }

    public int Count
    {
        get
        {
            lock (_byAccount)
            {
                return _byAccount.Values.Sum(l => l.Count);
            }
        }
    }

    /// <summary>Adds <paramref name="session"/>; the account's oldest sockets beyond the limit are returned, to be closed.</summary>
    internal IReadOnlyList<LiveSession> Add(int accountId, LiveSession session)
    {
        lock (_byAccount)
        {
            if (!_byAccount.TryGetValue(accountId, out var list))
            {
                _byAccount[accountId] = list = [];
            }
            list.Add(session);
            var excess = list.Count - Math.Max(1, _options.Value.MaxSocketsPerAccount);
            if (excess <= 0)
            {
                return [];
            }
            var oldest = list.GetRange(0, excess);
            list.RemoveRange(0, excess);
            return oldest;
        }
    }

    internal void Remove(int accountId, LiveSession session)
    {
        lock (_byAccount)
        {
            if (_byAccount.TryGetValue(accountId, out var list) && list.Remove(session) && list.Count == 0)
            {
                _byAccount.Remove(accountId);
            }
        }
    }

    private void AccountChanged(int? accountId)
    {
        List<LiveSession> affected;
        lock (_byAccount)
        {
            affected = accountId is { } id
                ? _byAccount.TryGetValue(id, out var list) ? [.. list] : []
                : [.. _byAccount.Values.SelectMany(l => l)];
        }
        foreach (var session in affected)
        {
            session.CheckSessionSoon();
        }
    }

    public void Dispose() => _sessions.Changed -= AccountChanged;
}
