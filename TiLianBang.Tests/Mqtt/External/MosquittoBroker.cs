using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.ExternalBroker;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Mqtt.External;

/// <summary>
/// Debian's mosquitto as the installation's external broker, started by the test on a free loopback port with a
/// password file and an ACL file: devices only in their own topics, the platform account on tlb/# and the cluster topic.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    public const string PlatformUser = "tilianbang";
    public const string PlatformPassword = "platform-secret-7";

    private readonly Process _process;

    private MosquittoBroker(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public static async Task<MosquittoBroker> StartAsync(IServiceProvider services)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("tlb-mosquitto-").FullName;
        await WriteCredentialFilesAsync(directory, services);
        var port = FreePort();
        var config = Path.Combine(directory, "mosquitto.conf");
        await File.WriteAllTextAsync(config, $"""
            per_listener_settings false
            listener {port.ToString(CultureInfo.InvariantCulture)} 127.0.0.1
            allow_anonymous false
            password_file {Path.Combine(directory, "passwd")}
            acl_file {Path.Combine(directory, "acl")}
            persistence false
            user {Environment.UserName}
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            log_type information

            """);
        // Debian puts the broker in /usr/sbin, which is not on every user's PATH.
        var program = File.Exists("/usr/sbin/mosquitto") ? "/usr/sbin/mosquitto" : "mosquitto";
        var process = ForeignProcess.Start(program, "-c", config);
        var broker = new MosquittoBroker(process, port, directory);
        // mosquitto says "running" once its listener is open. (Started as root it would otherwise switch to the
        // mosquitto user, who cannot read the test's files.)
        var ready = Task.Run(async () =>
        {
            // stderr: unbuffered, so the line arrives when it is written.
            while (await process.StandardError.ReadLineAsync() is { } line)
            {
                if (line.Contains(" running", StringComparison.Ordinal))
                {
                    return true;
                }
            }
            return false;
        });
        if (!await ready.WaitAsync(TimeSpan.FromSeconds(10)))
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
            var error = await process.StandardOutput.ReadToEndAsync();
            await broker.DisposeAsync();
            throw new InvalidOperationException($"mosquitto did not start: {error}");
        }
        // Keep draining its output so that it never blocks on a full pipe.
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return broker;
    }

    /// <summary>
    /// The password and ACL files the broker checks, written by the platform's own export (the code behind the
    /// <c>mosquitto-export</c> verb) from the installation's database, as an administrator would.
    /// </summary>
    private static async Task WriteCredentialFilesAsync(string directory, IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:mosquitto-export");
        var export = ActivatorUtilities.CreateInstance<MosquittoExport>(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>());
        var result = await export.WriteAsync(directory, new ExternalBrokerOptions { UserName = PlatformUser, Password = PlatformPassword }, CancellationToken.None);
        Assert.Empty(result.NeedNewSecret);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
