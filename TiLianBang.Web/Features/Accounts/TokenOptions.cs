namespace TiLianBang.Web.Features.Accounts;

/// <summary>Configuration section <c>Auth</c>: bearer tokens for the mini-program API.</summary>
public sealed class TokenOptions
{
    public const string Issuer = "TiLianBang";
    public const string Audience = "TiLianBang.Api";

    /// <summary>Base64 HMAC key of at least 32 bytes. When empty, one is generated and kept in the data folder.</summary>
    public string? SigningKey { get; set; }
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(12);
}
