using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TiLianBang.Core.Devices;

/// <summary>
/// Hashing of device secrets in Mosquitto's own password-file format (<c>$7$</c>: PBKDF2-SHA512,
/// <c>$7$iterations$base64 salt$base64 hash</c>), so that an exported password file works in an external Mosquitto
/// unchanged. Secrets are random and long (not people's passwords), so few iterations are enough and keep CONNECT
/// cheap when thousands of collectors reconnect at once. Hashes of older installations (<c>s1$salt$sha256</c>) still
/// verify; Mosquitto cannot read them, so such a collector needs a new secret before it can use an external broker.
/// </summary>
public static class DeviceSecret
{
    /// <summary>mosquitto_passwd's own default: a collector's CONNECT costs tens of microseconds, not milliseconds.</summary>
    public const int Iterations = 101;

    private const string Pbkdf2Prefix = "$7$";
    private const string LegacyVersion = "s1";
    private const int SaltBytes = 12;
    private const int HashBytes = 64;

    // A hash with absurd iterations (a hand-edited row) must not let one CONNECT burn a core.
    private const int MaxIterations = 100_000;

    public static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Pbkdf2Prefix}{Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether Mosquitto can check this hash in its password file (false for the old <c>s1</c> format).</summary>
    public static bool IsMosquittoCompatible(string storedHash) => storedHash.StartsWith(Pbkdf2Prefix, StringComparison.Ordinal);

    public static bool Verify(string storedHash, string secret)
    {
        try
        {
            return IsMosquittoCompatible(storedHash) ? VerifyPbkdf2(storedHash, secret) : VerifyLegacy(storedHash, secret);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static bool VerifyPbkdf2(string storedHash, string secret)
    {
        var parts = storedHash[Pbkdf2Prefix.Length..].Split('$');
        if (parts.Length != 3
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations)
            || iterations is < 1 or > MaxIterations)
        {
            return false;
        }
        var salt = Convert.FromBase64String(parts[1]);
        var expected = Convert.FromBase64String(parts[2]);
        if (expected.Length == 0)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, iterations, HashAlgorithmName.SHA512, expected.Length);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static bool VerifyLegacy(string storedHash, string secret)
    {
        var parts = storedHash.Split('$');
        if (parts.Length != 3 || parts[0] != LegacyVersion)
        {
            return false;
        }
        var salt = Convert.FromBase64String(parts[1]);
        var expected = Convert.FromBase64String(parts[2]);
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return CryptographicOperations.FixedTimeEquals(expected, SHA256.HashData(input));
    }
}
