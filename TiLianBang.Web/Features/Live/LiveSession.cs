using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// One live socket. Three loops: receive (client frames, one at a time), send (the only writer: frames from the
/// bounded queue, then the close frame) and watch (the auth deadline, the token's expiry, the account's session).
/// Whoever decides to close asks the send loop to; the session ends once the close handshake is done, the
/// connection breaks, or a guard gives up on an unresponsive client.
/// </summary>
public sealed partial class LiveSession : IDisposable
{
    /// <summary>
    /// How long a closing socket waits for its client (the close handshake, a send stuck on a full TCP window).
    /// Real time, not the TimeProvider: it bounds network I/O, not a rule of the product.
    /// </summary>
    private static readonly TimeSpan CloseGuard = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly LiveSessionServices _services;
    private readonly LiveSendQueue _queue;
    private readonly LiveSubscriptions _subscriptions;
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _closeGuard = new();
    private readonly TaskCompletionSource _authenticated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _checkSoon = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LiveIdentity? _identity;
    private readonly CultureInfo? _requestedCulture;
    // The language of fault names in state frames; read by the send loop, set once authenticated (before any state is queued).
    private volatile CultureInfo _culture = CultureInfo.GetCultureInfo(AccountLanguages.Chinese);

    private LiveSession(WebSocket socket, string? remoteAddress, CultureInfo? culture, LiveSessionServices services)
    {
        _socket = socket;
        _requestedCulture = culture;
        RemoteAddress = remoteAddress;
        _services = services;
        _queue = new LiveSendQueue(Math.Max(8, services.Options.Value.SendQueueCapacity));
        _subscriptions = new LiveSubscriptions(this, services);
        _closeGuard.Token.Register(static s => ((WebSocket)s!).Abort(), socket);
    }

    internal string? RemoteAddress { get; }

    /// <summary>Serves an accepted socket until it closes; <paramref name="identity"/> is null when the token is to come in the first frame.</summary>
    public static async Task RunAsync(WebSocket socket, LiveIdentity? identity, string? remoteAddress, CultureInfo? culture, LiveSessionServices services)
    {
        using var session = new LiveSession(socket, remoteAddress, culture, services);
        await session.RunAsync(identity);
    }

    private async Task RunAsync(LiveIdentity? identity)
    {
        using var stopping = _services.Lifetime.ApplicationStopping.Register(() => Close(LiveCloseReason.ServerStopping));
        if (identity is not null)
        {
            Authenticated(identity);
        }
        var sending = SendLoopAsync();
        var watching = WatchLoopAsync(_stop.Token);
        try
        {
            await ReceiveLoopAsync();
        }
        catch (Exception e) when (IsDisconnect(e))
        {
        }
        finally
        {
            Close(LiveCloseReason.Normal);
            await sending;
            await _stop.CancelAsync();
            await watching;
            _subscriptions.Dispose();
            if (_identity is { } ended)
            {
                _services.Registry.Remove(ended.AccountId, this);
            }
            LogDisconnected(_services.Logger, _identity?.AccountId, _queue.CloseReason?.Reason ?? "");
        }
    }

    public void Dispose()
    {
        _subscriptions.Dispose();
        _closeGuard.Dispose();
        _stop.Dispose();
    }

    /// <summary>Queues a frame; a client that does not keep up is closed.</summary>
    internal void Send(LiveServerFrame frame)
    {
        if (!_queue.TryEnqueue(frame))
        {
            Close(LiveCloseReason.TooSlow);
        }
    }

    /// <summary>Queues a state frame that replaces the pending one of the same subscription (latest state wins).</summary>
    internal void SendLatest(string key, LiveServerFrame frame)
    {
        if (!_queue.TryEnqueueLatest(key, frame))
        {
            Close(LiveCloseReason.TooSlow);
        }
    }

    internal void Close(LiveCloseReason reason)
    {
        if (!_queue.Close(reason))
        {
            return;
        }
        try
        {
            _closeGuard.CancelAfter(CloseGuard);
        }
        catch (ObjectDisposedException)
        {
            // The session has ended already.
        }
    }

    /// <summary>The account changed in this process: check the session now rather than at the next interval.</summary>
    internal void CheckSessionSoon() => Volatile.Read(ref _checkSoon).TrySetResult();

    private void Authenticated(LiveIdentity identity)
    {
        _identity = identity;
        _culture = _requestedCulture
            ?? (identity.Principal.FindFirst(AccountClaimTypes.Language)?.Value is { } language && AccountLanguages.IsSupported(language)
                ? CultureInfo.GetCultureInfo(language)
                : _culture);
        foreach (var older in _services.Registry.Add(identity.AccountId, this))
        {
            older.Close(LiveCloseReason.Replaced);
        }
        Send(new LiveReadyFrame(identity.AccountId, identity.ExpiresAt, _services.Options.Value.MaxSubscriptionsPerSocket));
        _authenticated.TrySetResult();
        LogConnected(_services.Logger, identity.AccountId, RemoteAddress);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            while (true)
            {
                var (frame, close) = await _queue.NextAsync(_stop.Token);
                if (close is not null)
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                    {
                        await _socket.CloseOutputAsync(close.Status, close.Reason, _stop.Token);
                    }
                    return;
                }
                await _socket.SendAsync(LiveFrames.Render(frame!, _services.ElevatorStates, _culture), WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
            }
        }
        catch (Exception e) when (IsDisconnect(e))
        {
            // A broken connection: make sure the receive loop ends too.
            _socket.Abort();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var limit = Math.Max(1024, _services.Options.Value.MaxFrameBytes);
        var buffer = new byte[limit];
        while (true)
        {
            var count = 0;
            var tooLarge = false;
            ValueWebSocketReceiveResult result;
            do
            {
                if (count == buffer.Length)
                {
                    // Read on, discarding, until the client answers the close.
                    tooLarge = true;
                    count = 0;
                    Close(LiveCloseReason.FrameTooLarge);
                }
                result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Close(LiveCloseReason.Normal);
                    return;
                }
                count += result.Count;
            }
            while (!result.EndOfMessage);

            if (tooLarge || _queue.CloseReason is not null)
            {
                continue;
            }
            if (result.MessageType != WebSocketMessageType.Text)
            {
                Send(new LiveErrorFrame(LiveErrorCodes.BadFrame, "Frames are JSON text."));
                continue;
            }
            await HandleAsync(buffer.AsMemory(0, count));
        }
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> utf8)
    {
        LiveClientFrame? frame;
        try
        {
            frame = LiveFrames.Parse(utf8.Span);
        }
        catch (JsonException)
        {
            frame = null;
        }
        if (_identity is not { } identity)
        {
            await AuthenticateAsync(frame);
            return;
        }
        if (frame?.Type is null)
        {
            Send(new LiveErrorFrame(LiveErrorCodes.BadFrame, "A frame is a JSON object with a \"type\"."));
            return;
        }
        try
        {
            switch (frame.Type)
            {
                case "subscribe":
                    await _subscriptions.SubscribeAsync(frame, identity, _stop.Token);
                    break;
                case "unsubscribe":
                    _subscriptions.Unsubscribe(frame);
                    break;
                case "ping":
                    Send(new LivePongFrame());
                    break;
                case "auth":
                    Send(new LiveErrorFrame(LiveErrorCodes.AlreadyAuthenticated, "This socket is authenticated already."));
                    break;
                default:
                    Send(new LiveErrorFrame(LiveErrorCodes.UnknownType, "Known types: subscribe, unsubscribe, ping."));
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFrameFailed(_services.Logger, e, identity.AccountId, frame.Type);
            Send(new LiveErrorFrame("internal_error", "The server could not handle this frame."));
        }
    }

    private async Task AuthenticateAsync(LiveClientFrame? frame)
    {
        if (frame is not { Type: "auth", Token: { Length: > 0 } token })
        {
            Close(LiveCloseReason.AuthRequired);
            return;
        }
        var identity = await _services.Authenticator.FromTokenAsync(token, _stop.Token);
        if (identity is null)
        {
            Close(LiveCloseReason.AuthInvalid);
            return;
        }
        Authenticated(identity);
    }

    private async Task WatchLoopAsync(CancellationToken cancellationToken)
    {
        var clock = _services.Clock;
        var options = _services.Options.Value;
        try
        {
            if (!_authenticated.Task.IsCompleted)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                await Task.WhenAny(_authenticated.Task, Task.Delay(options.AuthTimeout, clock, deadline.Token));
                await deadline.CancelAsync();
                if (!_authenticated.Task.IsCompleted)
                {
                    if (!cancellationToken.IsCancellationRequested)
                    {
                        Close(LiveCloseReason.AuthTimeout);
                    }
                    return;
                }
            }
            var identity = _identity!;
            while (!cancellationToken.IsCancellationRequested)
            {
                var now = clock.GetUtcNow();
                if (now >= identity.ExpiresAt)
                {
                    Close(LiveCloseReason.TokenExpired);
                    return;
                }
                var checkSoon = Volatile.Read(ref _checkSoon);
                var wait = identity.ExpiresAt - now < options.SessionCheckInterval ? identity.ExpiresAt - now : options.SessionCheckInterval;
                using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
                {
                    await Task.WhenAny(checkSoon.Task, Task.Delay(wait, clock, waiting.Token));
                    await waiting.CancelAsync();
                }
                if (checkSoon.Task.IsCompleted)
                {
                    // Renewed before checking: a change after this point asks for another check.
                    Interlocked.CompareExchange(ref _checkSoon, new(TaskCreationOptions.RunContinuationsAsynchronously), checkSoon);
                }
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                if (clock.GetUtcNow() >= identity.ExpiresAt)
                {
                    Close(LiveCloseReason.TokenExpired);
                    return;
                }
                if (!await _services.Sessions.IsCurrentAsync(identity.Principal, requireSamePermissions: true, cancellationToken))
                {
                    Close(LiveCloseReason.SessionEnded);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // Without its watch a socket could outlive its token: close it, the client reconnects.
            LogWatchFailed(_services.Logger, e, _identity?.AccountId);
            Close(LiveCloseReason.SessionEnded);
        }
    }

    private static bool IsDisconnect(Exception e) =>
        e is WebSocketException or OperationCanceledException or ConnectionAbortedException or IOException or ObjectDisposedException;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live socket of account {AccountId} connected from {RemoteAddress}")]
    private static partial void LogConnected(ILogger logger, int accountId, string? remoteAddress);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Live socket of account {AccountId} disconnected ({Reason})")]
    private static partial void LogDisconnected(ILogger logger, int? accountId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live frame of account {AccountId} ({Type}) failed")]
    private static partial void LogFrameFailed(ILogger logger, Exception exception, int accountId, string type);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The session watch of a live socket (account {AccountId}) failed")]
    private static partial void LogWatchFailed(ILogger logger, Exception exception, int? accountId);
}
