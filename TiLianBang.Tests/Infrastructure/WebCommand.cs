using System.Diagnostics;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// A command-line verb of the built TiLianBang.Web (<c>backup</c>, <c>restore</c>, ...) run as an administrator runs
/// it: its own process, from the program folder, with the service's configuration plus the given environment.
/// </summary>
public static class WebCommand
{
    public sealed record Outcome(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    public static async Task<Outcome> RunAsync(IDictionary<string, string> settings, params string[] args)
    {
        var binaries = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = binaries,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("exec");
        info.ArgumentList.Add(Path.Combine(binaries, "TiLianBang.Web.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return new Outcome(process.ExitCode, await output, await error);
    }
}
