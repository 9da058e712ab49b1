using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Monitoring;

namespace TiLianBang.Web.Features.Live;

/// <summary>What a client sends: <c>{"type":"auth"|"subscribe"|"unsubscribe"|"ping", ...}</c>.</summary>
public sealed record LiveClientFrame(string? Type, string? Token, string? Topic, int? ElevatorId, string? DeviceId);

/// <summary>What the server sends; <see cref="Type"/> tells the client which.</summary>
public abstract record LiveServerFrame
{
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }
}

/// <summary>The socket is authenticated and takes subscriptions.</summary>
public sealed record LiveReadyFrame(int AccountId, DateTimeOffset ExpiresAt, int MaxSubscriptions) : LiveServerFrame
{
    public override string Type => "ready";
}

/// <summary>An elevator's state: the snapshot on subscribe, then every change. <see cref="State"/> is null while it was never heard from.</summary>
public sealed record LiveElevatorStateFrame(int ElevatorId, ElevatorLiveState? State) : LiveServerFrame
{
    public override string Type => "elevatorState";
}

public sealed record LiveStatusCountsFrame(StatusCounts Counts, DateTimeOffset At) : LiveServerFrame
{
    public override string Type => "statusCounts";
}

/// <summary>A device's messages, oldest first: its recent ones on subscribe, then each as the pipeline takes or rejects it.</summary>
public sealed record LiveDeviceMessagesFrame(string DeviceId, IReadOnlyList<LiveDeviceMessage> Messages) : LiveServerFrame
{
    public override string Type => "deviceMessages";
}

public sealed record LiveDeviceMessage(DateTimeOffset At, string Topic, string Payload, bool Accepted, string? Rejection)
{
    public static LiveDeviceMessage From(RawMessage m) => new(m.At, m.Topic, m.Payload, m.Rejection is null, m.Rejection);
}

public sealed record LiveUnsubscribedFrame(string Topic, int? ElevatorId, string? DeviceId) : LiveServerFrame
{
    public override string Type => "unsubscribed";
}

public sealed record LivePongFrame : LiveServerFrame
{
    public override string Type => "pong";
}

/// <summary>A frame the server could not act on; the socket stays open. <see cref="Code"/> is stable, <see cref="Message"/> for developers.</summary>
public sealed record LiveErrorFrame(string Code, string Message) : LiveServerFrame
{
    public override string Type => "error";
}

/// <summary>Error codes of <see cref="LiveErrorFrame"/>.</summary>
public static class LiveErrorCodes
{
    public const string BadFrame = "bad_frame";
    public const string UnknownType = "unknown_type";
    public const string BadSubscription = "bad_subscription";
    /// <summary>Unknown, or outside the caller's scope: the same answer, so ids of other companies reveal nothing.</summary>
    public const string NotFound = "not_found";
    public const string Forbidden = "forbidden";
    public const string TooManySubscriptions = "too_many_subscriptions";
    public const string AlreadyAuthenticated = "already_authenticated";
}

/// <summary>The JSON of frames: camelCase, enums as names, times ISO 8601 with offset (like the rest of the API).</summary>
public static class LiveFrames
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    // Every socket watching an elevator sends the same snapshot: it is rendered once, kept as long as the snapshot lives.
    private static readonly ConditionalWeakTable<ElevatorLiveState, byte[]> RenderedStates = [];

    public static LiveClientFrame? Parse(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<LiveClientFrame>(utf8, Json);

    public static byte[] Render(LiveServerFrame frame)
    {
        if (frame is not LiveElevatorStateFrame { State: { } state } elevator)
        {
            return JsonSerializer.SerializeToUtf8Bytes(frame, frame.GetType(), Json);
        }
        var rendered = RenderedStates.GetValue(state, static s => JsonSerializer.SerializeToUtf8Bytes(LiveElevatorState.From(s), Json));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(rendered.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", elevator.Type);
            writer.WriteNumber("elevatorId", elevator.ElevatorId);
            writer.WritePropertyName("state");
            writer.WriteRawValue(rendered, skipInputValidation: true);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
