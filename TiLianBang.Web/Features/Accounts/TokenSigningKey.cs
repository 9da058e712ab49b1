using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// The key that signs bearer tokens. A configured key wins; otherwise one is generated on first start and kept
/// in the data folder, so tokens survive a restart and every install has its own key.
/// </summary>
public static class TokenSigningKey
{
    public static SymmetricSecurityKey Load(TokenOptions options, AppPaths paths)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Convert.FromBase64String(options.SigningKey);
            if (configured.Length < 32)
            {
                throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes (base64).");
            }
            return new SymmetricSecurityKey(configured);
        }
        var file = paths.TokenSigningKeyFile;
        if (!File.Exists(file))
        {
            // Whoever reads this file can mint a token for any account: the service account only.
            KeyFiles.CreateNew(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)));
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
