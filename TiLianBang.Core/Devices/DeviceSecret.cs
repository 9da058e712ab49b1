using System.Security.Cryptography;
using System.Text;

namespace TiLianBang.Core.Devices;

/// <summary>
/// Hashing of device secrets. Secrets are random and long (not people's passwords), so one salted SHA-256 is
/// enough and keeps CONNECT cheap when thousands of collectors reconnect at once.
/// </summary>
public static class DeviceSecret
{
    private const string Version = "s1";

    public static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return $"{Version}${Convert.ToBase64String(salt)}${Convert.ToBase64String(Digest(salt, secret))}";
    }

    public static bool Verify(string storedHash, string secret)
    {
        var parts = storedHash.Split('$');
        if (parts.Length != 3 || parts[0] != Version)
        {
            return false;
        }
        var salt = Convert.FromBase64String(parts[1]);
        var expected = Convert.FromBase64String(parts[2]);
        return CryptographicOperations.FixedTimeEquals(expected, Digest(salt, secret));
    }

    private static byte[] Digest(byte[] salt, string secret)
    {
        var secretBytes = Encoding.UTF8.GetBytes(secret);
        var input = new byte[salt.Length + secretBytes.Length];
        salt.CopyTo(input, 0);
        secretBytes.CopyTo(input, salt.Length);
        return SHA256.HashData(input);
    }
}
