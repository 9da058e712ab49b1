namespace TiLianBang.Web.Features.Live;

/// <summary>Configuration section <c>Live</c>: the mini-program's live socket (<c>/api/v1/live</c>).</summary>
public sealed class LiveOptions
{
    /// <summary>
    /// Open sockets one account may hold. The next one closes the account's oldest (one socket per page view: a
    /// page that forgot to close its socket must not lock the person out of the page they look at now).
    /// </summary>
    public int MaxSocketsPerAccount { get; set; } = 5;

    /// <summary>Subscriptions one socket may hold (a page shows one elevator, or the counts, or one device).</summary>
    public int MaxSubscriptionsPerSocket { get; set; } = 8;

    /// <summary>A client frame larger than this closes the socket (1009): no legitimate frame comes near it.</summary>
    public int MaxFrameBytes { get; set; } = 16 * 1024;

    /// <summary>Frames waiting for a slow client; beyond this the socket is closed (state frames replace their own pending one).</summary>
    public int SendQueueCapacity { get; set; } = 64;

    /// <summary>How long a socket opened without an Authorization header waits for its <c>auth</c> frame.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a socket checks that its token still speaks for its account (besides at once on a change made here).</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The coalescing period of status-count frames: at most one per socket in this time.</summary>
    public TimeSpan StatusCountsInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the set of elevators a scope sees is reused before it is read again (new or rebound elevators).</summary>
    public TimeSpan ScopeRefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
