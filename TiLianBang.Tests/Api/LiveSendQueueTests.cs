using TiLianBang.Web.Features.Live;

namespace TiLianBang.Tests.Api;

/// <summary>A live socket's send queue: publishers never wait; state frames keep only the latest; a backlog is refused.</summary>
public sealed class LiveSendQueueTests
{
    [Fact]
    public async Task AStateFrameReplacesThePendingOneOfTheSameSubscriptionInItsPlace()
    {
        var queue = new LiveSendQueue(capacity: 4);

        Assert.True(queue.TryEnqueueLatest("elevator:1", new LiveElevatorStateFrame(1, null)));
        Assert.True(queue.TryEnqueue(new LivePongFrame()));
        Assert.True(queue.TryEnqueueLatest("elevator:1", new LiveErrorFrame("newest", "")));

        Assert.Equal(new LiveErrorFrame("newest", ""), (await queue.NextAsync(CancellationToken.None)).Frame);
        Assert.IsType<LivePongFrame>((await queue.NextAsync(CancellationToken.None)).Frame);
        // Sent: the next state of that subscription queues again.
        Assert.True(queue.TryEnqueueLatest("elevator:1", new LiveElevatorStateFrame(1, null)));
        Assert.IsType<LiveElevatorStateFrame>((await queue.NextAsync(CancellationToken.None)).Frame);
    }

    [Fact]
    public void ABacklogBeyondTheCapacityIsRefusedButStateFramesStillMerge()
    {
        var queue = new LiveSendQueue(capacity: 2);
        Assert.True(queue.TryEnqueueLatest("elevator:1", new LiveElevatorStateFrame(1, null)));
        Assert.True(queue.TryEnqueue(new LivePongFrame()));

        Assert.False(queue.TryEnqueue(new LivePongFrame()));
        Assert.False(queue.TryEnqueueLatest("elevator:2", new LiveElevatorStateFrame(2, null)));
        Assert.True(queue.TryEnqueueLatest("elevator:1", new LiveElevatorStateFrame(1, null)));
    }

    [Fact]
    public async Task ClosingComesBeforeWhatIsStillQueuedAndTheFirstReasonWins()
    {
        var queue = new LiveSendQueue(capacity: 4);
        queue.TryEnqueue(new LivePongFrame());

        Assert.True(queue.Close(LiveCloseReason.TokenExpired));
        Assert.False(queue.Close(LiveCloseReason.TooSlow));

        var (frame, close) = await queue.NextAsync(CancellationToken.None);
        Assert.Null(frame);
        Assert.Equal(LiveCloseReason.TokenExpired, close);
        Assert.False(queue.TryEnqueue(new LivePongFrame()));
    }

    [Fact]
    public async Task TheSenderWaitsUntilAFrameIsQueued()
    {
        var queue = new LiveSendQueue(capacity: 4);
        var next = queue.NextAsync(CancellationToken.None);
        Assert.False(next.IsCompleted);

        queue.TryEnqueue(new LivePongFrame());

        Assert.IsType<LivePongFrame>((await next.WaitAsync(TimeSpan.FromSeconds(10))).Frame);
    }
}
