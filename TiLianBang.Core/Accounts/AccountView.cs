using TiLianBang.Core.Organizations;

namespace TiLianBang.Core.Accounts;

/// <summary>One account as 人员管理 lists and opens it.</summary>
public sealed record AccountView
{
    public int Id { get; init; }
    public required string UserName { get; init; }
    public required string DisplayName { get; init; }
    public string? Phone { get; init; }
    public int CompanyId { get; init; }
    public required string CompanyName { get; init; }
    public CompanyKind CompanyKind { get; init; }
    public int RoleId { get; init; }
    public required string RoleName { get; init; }
    public string? Job { get; init; }
    public bool Enabled { get; init; }
    /// <summary>Locked by repeated wrong passwords (from some address), until it expires or is unlocked.</summary>
    public bool Locked { get; init; }
    public bool WeChatBound { get; init; }
    public DateTime? WeChatBoundAtUtc { get; init; }
    public string? CertificateNumber { get; init; }
    public string? CertificateCategory { get; init; }
    public DateOnly? CertificateExpiresOn { get; init; }
    public bool CertificateExpired { get; init; }
    public bool MustChangePassword { get; init; }
    public DateTime? LastSignInAtUtc { get; init; }
    public DateTime CreatedAtUtc { get; init; }
    /// <summary>Whether the caller may change this account (same company, no permission the caller lacks).</summary>
    public bool Manageable { get; init; }
}

/// <summary>Filters of 人员管理: text matches name, user name or mobile.</summary>
public sealed record AccountSearch(string? Text = null, int? CompanyId = null, int? RoleId = null, bool? Enabled = null, bool? CertificateExpired = null,
    int? CertificateExpiresWithinDays = null);

/// <summary>What an administrator enters for an account.</summary>
public sealed record AccountInput
{
    public string UserName { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string? Phone { get; init; }
    public int CompanyId { get; init; }
    public int RoleId { get; init; }
    public string? Job { get; init; }
    public string? CertificateNumber { get; init; }
    public string? CertificateCategory { get; init; }
    public DateOnly? CertificateExpiresOn { get; init; }
}

/// <summary>A one-time password just set: shown once to the administrator, never stored in clear.</summary>
public sealed record IssuedPassword(int AccountId, string UserName, string Password);

public sealed record CompanyOption(int Id, string Name, CompanyKind Kind);

public sealed record RoleOption(int Id, string Name);
