using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using TiLianBang.Core.Cluster;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// The key that signs bearer tokens. A configured key wins; otherwise one is generated on first start and kept
/// in the data folder — or, when several nodes share the database (Cluster:Enabled), in the database, so a token
/// one node minted is good on every other — so tokens survive a restart and every install has its own key.
/// </summary>
public static class TokenSigningKey
{
    private const int Length = 64;

    public static SymmetricSecurityKey Load(TokenOptions options, AppPaths paths, ClusterOptions cluster, SharedKeys shared)
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
        if (cluster.Enabled)
        {
            return new SymmetricSecurityKey(shared.GetOrCreate(SharedKeys.TokenSigningKey, Length));
        }
        var file = paths.TokenSigningKeyFile;
        if (!File.Exists(file))
        {
            // Whoever reads this file can mint a token for any account: the service account only.
            KeyFiles.CreateNew(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(Length)));
        }
        return new SymmetricSecurityKey(Convert.FromBase64String(File.ReadAllText(file).Trim()));
    }
}
