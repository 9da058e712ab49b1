namespace TiLianBang.Core.Auditing;

/// <summary>
/// Columns whose value is a credential or lets someone act as its owner (password hashes, stamps, tokens, device
/// secrets, the QR code's token). Their names are never written to an operation log row nor shown from older
/// rows: a log reader must not learn even which secret changed beyond "credentials".
/// </summary>
public static class AuditSecrets
{
    /// <summary>The pseudo field written instead of the secret ones, so the row still says that credentials changed.</summary>
    public const string Credentials = "Credentials";

    // The model's secret columns as of writing; the name fragments below catch ones added later.
    private static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        "Account.PasswordHash", "Account.SecurityStamp", "Account.ConcurrencyStamp",
        "Device.SecretHash",
        "Elevator.PublicToken",
        "IdentityUserToken.Value", "IdentityUserLogin.ProviderKey",
    };

    private static readonly string[] Fragments = ["Password", "Secret", "Token", "Stamp", "Hash", "ApiKey", "PrivateKey", "ProviderKey", "Credential"];

    // Names that match a fragment but hold no secret.
    private static readonly HashSet<string> NotSecret = new(StringComparer.OrdinalIgnoreCase) { "MustChangePassword", Credentials };

    public static bool IsSecret(string entity, string property) =>
        Known.Contains($"{entity}.{property}")
        || (!NotSecret.Contains(property) && Fragments.Any(f => property.Contains(f, StringComparison.OrdinalIgnoreCase)));
}
