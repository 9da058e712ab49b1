namespace TiLianBang.Web.Hosting.Backups;

/// <summary>
/// <c>tilianbang.lock</c> in the data folder tells a restore whether a service still runs on it: every running node
/// holds it shared for its whole life, a restore needs it exclusively. The operating system drops the lock when the
/// process ends, also when it is killed, so a crash never leaves a stale lock (unlike a PID file or a port check,
/// which says nothing about a node that is still starting).
/// </summary>
public sealed class InstallationLock : IHostedService, IDisposable
{
    public const string FileName = "tilianbang.lock";

    private readonly FileStream _file;

    private InstallationLock(FileStream file) => _file = file;

    /// <summary>The running service's hold; several nodes on one data folder may each hold it.</summary>
    public static InstallationLock HoldShared(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, FileName);
        try
        {
            // Read access: a shared lock needs no write (on Linux it is a flock LOCK_SH, which also works on network shares).
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
            {
            }
            return new InstallationLock(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }
        catch (IOException e)
        {
            throw new InvalidOperationException(
                $"A restore holds {path}: start TiLianBang again when it has finished.", e);
        }
    }

    /// <summary>The restore's hold, or null when a service (or another restore) runs on the data folder.</summary>
    public static InstallationLock? TryHoldExclusive(string dataDirectory)
    {
        try
        {
            return new InstallationLock(new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _file.Dispose();
}
