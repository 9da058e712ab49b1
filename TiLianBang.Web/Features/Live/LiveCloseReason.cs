using System.Net.WebSockets;

namespace TiLianBang.Web.Features.Live;

/// <summary>Why the server closed a live socket: a close status and a machine-readable reason (the close frame's description).</summary>
public sealed record LiveCloseReason(WebSocketCloseStatus Status, string Reason)
{
    /// <summary>The first frame of a socket opened without an Authorization header was not an <c>auth</c> frame.</summary>
    public static readonly LiveCloseReason AuthRequired = new(WebSocketCloseStatus.PolicyViolation, "auth_required");
    public static readonly LiveCloseReason AuthTimeout = new(WebSocketCloseStatus.PolicyViolation, "auth_timeout");
    public static readonly LiveCloseReason AuthInvalid = new(WebSocketCloseStatus.PolicyViolation, "auth_invalid");
    public static readonly LiveCloseReason TokenExpired = new(WebSocketCloseStatus.PolicyViolation, "token_expired");
    /// <summary>The account was disabled or locked, its password, role or permissions changed.</summary>
    public static readonly LiveCloseReason SessionEnded = new(WebSocketCloseStatus.PolicyViolation, "session_ended");
    /// <summary>The account opened more sockets than allowed: its oldest is closed.</summary>
    public static readonly LiveCloseReason Replaced = new(WebSocketCloseStatus.PolicyViolation, "replaced_by_newer_socket");
    public static readonly LiveCloseReason TooSlow = new(WebSocketCloseStatus.PolicyViolation, "too_slow");
    public static readonly LiveCloseReason FrameTooLarge = new(WebSocketCloseStatus.MessageTooBig, "frame_too_large");
    public static readonly LiveCloseReason ServerStopping = new(WebSocketCloseStatus.EndpointUnavailable, "server_stopping");
    public static readonly LiveCloseReason Normal = new(WebSocketCloseStatus.NormalClosure, "");
}
