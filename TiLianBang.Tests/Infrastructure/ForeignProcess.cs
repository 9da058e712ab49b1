using System.Diagnostics;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>Runs a program we did not write (mosquitto_pub, mosquitto_sub) and collects what it printed.</summary>
public static class ForeignProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        return Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
    }

    public static async Task<Result> WaitAsync(Process process)
    {
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return new Result(process.ExitCode, await output, await error);
        }
    }

    public static Task<Result> RunAsync(string program, params string[] arguments) => WaitAsync(Start(program, arguments));
}
