using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// The real application as its own operating-system process on a data folder of the test's, so that a test can kill
/// it outright (SIGKILL: no shutdown, no draining) and start it again on the same database.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, int mqttPort, int httpPort)
    {
        _process = process;
        MqttPort = mqttPort;
        HttpPort = httpPort;
    }

    public int MqttPort { get; }
    public int HttpPort { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>What the process printed (for failure messages).</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Starts the built TiLianBang.Web with demo data, no simulated traffic, and waits until it has started.</summary>
    public static async Task<AppProcess> StartAsync(string dataDirectory, IDictionary<string, string>? settings = null)
    {
        var binaries = AppContext.BaseDirectory;
        var (mqttPort, httpPort) = (FreePort(), FreePort());
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(binaries, "TiLianBang.Web.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}";
        info.Environment["App__DataDirectory"] = dataDirectory;
        info.Environment["Demo__Enabled"] = "true";
        info.Environment["Demo__SimulatedElevators"] = "0";
        info.Environment["Mqtt__Port"] = mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Mqtt__WebSocketPath"] = "";
        info.Environment["Serilog__MinimumLevel__Default"] = "Information";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var app = new AppProcess(process, mqttPort, httpPort);
        process.OutputDataReceived += (_, e) => app.Print(e.Data);
        process.ErrorDataReceived += (_, e) => app.Print(e.Data);
        process.Exited += (_, _) => app._ready.TrySetException(new InvalidOperationException("TiLianBang.Web exited before it was ready:\n" + app.Output));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app._ready.Task.WaitAsync(TimeSpan.FromSeconds(90));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    /// <summary>SIGKILL: the process ends at once, as in a power cut of the process (the OS keeps what was written).</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM: a normal shutdown, as a service manager stops it.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Print(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        // Every hosted service has started (a stop request before that would abort the start, not stop the host).
        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
