namespace TiLianBang.Core.Notifications;

/// <summary>Configuration section <c>Sms</c>: one HTTP SMS gateway, configured by key.</summary>
public sealed class SmsOptions
{
    /// <summary>The gateway's send URL; empty turns SMS off.</summary>
    public string? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    /// <summary>短信签名, e.g. 【梯连帮】.</summary>
    public string SignName { get; set; } = "梯连帮";
}
