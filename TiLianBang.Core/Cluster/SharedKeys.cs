using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Cluster;

/// <summary>
/// Random keys kept in the database for every node (<see cref="ClusterOptions.Enabled"/>). Two nodes starting
/// together may both generate one; the primary key lets only the first in, and the other reads and uses that one.
/// </summary>
public sealed class SharedKeys(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const string TokenSigningKey = "token-signing";

    /// <summary>The key's bytes, created with <paramref name="length"/> random bytes by the first node that asks.</summary>
    public byte[] GetOrCreate(string name, int length)
    {
        if (Read(name) is { } existing)
        {
            return existing;
        }
        using (var scope = scopes.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:keys");
            var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
            db.Set<SharedKey>().Add(new SharedKey
            {
                Name = name,
                Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(length)),
                CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            });
            try
            {
                db.SaveChanges();
            }
            catch (DbUpdateException)
            {
                // Another node stored its key first: that one is everybody's (read below).
            }
        }
        return Read(name) ?? throw new InvalidOperationException($"Shared key {name} could not be stored or read.");
    }

    private byte[]? Read(string name)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:keys");
        var db = scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>();
        var value = db.Set<SharedKey>().AsNoTracking().Where(k => k.Name == name).Select(k => k.Value).SingleOrDefault();
        return value is null ? null : Convert.FromBase64String(value);
    }
}
