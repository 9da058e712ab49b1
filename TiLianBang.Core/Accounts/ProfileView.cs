using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>人员档案: the signed-in person as they see themselves (API-10, the web profile page).</summary>
public sealed record ProfileView
{
    public int Id { get; init; }
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public string? Phone { get; init; }
    public int CompanyId { get; init; }
    public required string CompanyName { get; init; }
    public CompanyKind CompanyKind { get; init; }
    public required string RoleName { get; init; }
    public string? Job { get; init; }
    public required string Language { get; init; }
    /// <summary>Null for someone without an operator certificate.</summary>
    public CertificateView? Certificate { get; init; }
    /// <summary>The stored avatar's file name (changes with every upload, so it also tells caches apart); null without one.</summary>
    public string? AvatarFile { get; init; }
    public bool WeChatBound { get; init; }
    public DateTime? LastSignInAtUtc { get; init; }
    public required IReadOnlyList<string> Permissions { get; init; }
}

/// <summary>特种设备作业人员证 as shown to its holder; <see cref="Expired"/> is decided on the platform's local date.</summary>
public sealed record CertificateView(string? Number, string? Category, DateOnly? ExpiresOn, bool Expired);
