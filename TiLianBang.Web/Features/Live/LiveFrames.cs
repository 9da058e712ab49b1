using System.Globalization;
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

/// <summary>
/// An elevator's state: the snapshot on subscribe, then every change. <see cref="State"/> (null while it was never
/// heard from) is what is queued; the client gets it as <see cref="LiveElevatorStates"/> renders it.
/// </summary>
public sealed record LiveElevatorStateFrame(int ElevatorId, ElevatorLiveState? State) : LiveServerFrame
{
    public const string FrameType = "elevatorState";

    public override string Type => FrameType;
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

/// <summary>
/// The JSON of frames: camelCase, enums as names, times ISO 8601 with offset, Chinese unescaped — written as the
/// HTTP API writes it, so a state frame's <c>live</c> is byte for byte the REST detail's.
/// </summary>
public static class LiveFrames
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = new Microsoft.AspNetCore.Http.Json.JsonOptions().SerializerOptions.Encoder,
    };

    public static LiveClientFrame? Parse(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize<LiveClientFrame>(utf8, Json);

    public static byte[] Render(LiveServerFrame frame, LiveElevatorStates states, CultureInfo culture) => frame is LiveElevatorStateFrame elevator
        ? states.Render(elevator, culture)
        : JsonSerializer.SerializeToUtf8Bytes(frame, frame.GetType(), Json);
}
