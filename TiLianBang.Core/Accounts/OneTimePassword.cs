using System.Security.Cryptography;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// A password an administrator hands over once (new account, reset, first administrator): random, without
/// look-alike characters (0/O, 1/l/I) since it is read off a screen and typed on a phone, and always meeting the
/// password policy (a digit, enough distinct characters).
/// </summary>
public static class OneTimePassword
{
    private const string Letters = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Digits = "23456789";

    public static string New()
    {
        while (true)
        {
            var password = RandomNumberGenerator.GetString(Letters, 3) + RandomNumberGenerator.GetString(Letters + Digits, 6) + RandomNumberGenerator.GetString(Digits, 3);
            if (password.Distinct().Count() >= 6)
            {
                return password;
            }
        }
    }
}
