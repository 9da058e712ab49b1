using System.Text;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.ExternalBroker;

/// <summary>What <see cref="MosquittoExport"/> wrote, and which collectors it had to leave out.</summary>
public sealed record MosquittoExportResult(int Collectors, IReadOnlyList<string> NeedNewSecret);

/// <summary>
/// Mosquitto's password file and ACL file for every registered collector and the platform's account, so that an
/// external Mosquitto enforces the embedded broker's rules (<see cref="DeviceAcl"/>). Secrets are not known, only
/// their hashes, which are already in Mosquitto's <c>$7$</c> format; a collector whose hash is of the old format
/// cannot be exported and is listed instead (it needs a new secret first).
/// </summary>
public sealed class MosquittoExport(TiLianBangDbContext db)
{
    public const string PasswordFileName = "passwd";
    public const string AclFileName = "acl";
    public const string NeedNewSecretFileName = "needs-new-secret.txt";

    /// <summary>Writes the files into <paramref name="directory"/> (created if missing), replacing older ones.</summary>
    /// <remarks>The caller's scope decides which collectors it sees; the command line acts as the platform itself.</remarks>
    public async Task<MosquittoExportResult> WriteAsync(string directory, ExternalBrokerOptions broker, CancellationToken cancellationToken)
    {
        var platformUser = broker.UserName ?? "";
        var platformPassword = broker.Password ?? "";
        if (!IsUsableUserName(platformUser))
        {
            throw new InvalidOperationException(
                $"Mqtt:External:UserName '{platformUser}' cannot be a Mosquitto user: it must be non-empty and hold no ':', '#', '+', '/' or white space.");
        }
        if (string.IsNullOrEmpty(platformPassword))
        {
            throw new InvalidOperationException("Mqtt:External:Password is empty; the platform's account needs a password.");
        }
        var devices = await db.Devices.AsNoTracking()
            .OrderBy(d => d.DeviceId)
            .Select(d => new { d.DeviceId, d.SecretHash })
            .ToListAsync(cancellationToken);
        var exported = devices.Where(d => DeviceSecret.IsMosquittoCompatible(d.SecretHash)).ToList();
        var stale = devices.Where(d => !DeviceSecret.IsMosquittoCompatible(d.SecretHash)).Select(d => d.DeviceId).ToList();
        if (exported.Any(d => d.DeviceId == platformUser))
        {
            throw new InvalidOperationException($"Mqtt:External:UserName '{platformUser}' is also a collector's id; choose another name.");
        }

        var passwords = new StringBuilder();
        passwords.Append(platformUser).Append(':').Append(DeviceSecret.Hash(platformPassword)).Append('\n');
        foreach (var device in exported)
        {
            passwords.Append(device.DeviceId).Append(':').Append(device.SecretHash).Append('\n');
        }

        var acl = new StringBuilder();
        acl.Append("# TiLianBang: written by `TiLianBang.Web mosquitto-export`; export again after registering collectors.\n");
        acl.Append("# The platform reads every collector's messages (also through $share/<group>/...) and sends commands.\n");
        acl.Append("user ").Append(platformUser).Append('\n');
        acl.Append("topic read ").Append(DeviceTopic.Prefix).Append("#\n");
        acl.Append("topic write ").Append(DeviceTopic.Prefix).Append("+/").Append(CommandSegment).Append('\n');
        // The nodes of one installation tell each other live states, command replies and repair orders there.
        acl.Append("topic readwrite ").Append(broker.ClusterTopic.TrimEnd('/')).Append("/#\n");
        foreach (var device in exported)
        {
            acl.Append('\n').Append("user ").Append(device.DeviceId).Append('\n');
            foreach (var kind in DeviceAcl.PublishedKinds)
            {
                acl.Append("topic write ").Append(DeviceTopic.For(device.DeviceId, kind)).Append('\n');
            }
            acl.Append("topic read ").Append(DeviceTopic.For(device.DeviceId, TopicKind.Command)).Append('\n');
        }

        Directory.CreateDirectory(directory);
        await WriteFileAsync(Path.Combine(directory, PasswordFileName), passwords.ToString(), cancellationToken);
        await WriteFileAsync(Path.Combine(directory, AclFileName), acl.ToString(), cancellationToken);
        var staleFile = Path.Combine(directory, NeedNewSecretFileName);
        if (stale.Count > 0)
        {
            await WriteFileAsync(staleFile, string.Join('\n', stale) + "\n", cancellationToken);
        }
        else
        {
            File.Delete(staleFile);
        }
        return new MosquittoExportResult(exported.Count, stale);
    }

    private static readonly string CommandSegment = DeviceTopic.For("xxxx", TopicKind.Command).Split('/')[^1];

    private static bool IsUsableUserName(string name) =>
        name.Length > 0 && !name.Any(c => c is ':' or '#' or '+' or '/' || char.IsWhiteSpace(c) || char.IsControl(c));

    /// <summary>Hashes are credentials: readable by the owner and its group (the broker's), nobody else.</summary>
    private static async Task WriteFileAsync(string path, string text, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        }
        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            await writer.WriteAsync(text.AsMemory(), cancellationToken);
        }
        File.Move(temporary, path, overwrite: true);
    }
}
