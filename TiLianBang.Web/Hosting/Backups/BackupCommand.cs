using Microsoft.Extensions.Logging.Console;

namespace TiLianBang.Web.Hosting.Backups;

/// <summary>
/// <c>TiLianBang.Web backup --to DIR</c> and <c>TiLianBang.Web restore --from DIR</c>, run from the program folder.
/// They read the configuration exactly as the service does (appsettings.json, appsettings.{Environment}.json,
/// environment variables, further <c>--Key value</c> arguments) to find the data folder and the database.
/// Exit codes: 0 done, 1 failed (the message says why), 2 wrong usage.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var (verb, option) = args[0] == "backup" ? ("backup", "--to") : ("restore", "--from");
        var at = Array.IndexOf(args, option);
        if (at < 1 || at + 1 >= args.Length || string.IsNullOrWhiteSpace(args[at + 1]))
        {
            await Console.Error.WriteLineAsync($"Usage: TiLianBang.Web {verb} {option} DIR   (run it from the program folder; see docs/operations.md)");
            return 2;
        }
        var directory = args[at + 1];
        string[] configurationArgs = [.. args[1..at], .. args[(at + 2)..]];

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = configurationArgs, ContentRootPath = ContentRoot() });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(AppPaths.Of(builder));
        builder.Services.AddSingleton(new BackupLayout(builder.Configuration, AppPaths.Of(builder)));
        builder.Services.AddSingleton<BackupWriter>();
        builder.Services.AddSingleton<BackupRestorer>();
        await using var services = builder.Services.BuildServiceProvider();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        try
        {
            if (verb == "backup")
            {
                var result = await services.GetRequiredService<BackupWriter>().CreateAsync(directory, stop.Token);
                Console.WriteLine($"Backup written to {result.Folder} ({result.Manifest.Files.Count} files, {result.TotalBytes} bytes).");
            }
            else
            {
                var aside = await services.GetRequiredService<BackupRestorer>().RestoreAsync(directory, stop.Token);
                Console.WriteLine($"Restored from {Path.GetFullPath(directory)}. The replaced data is in {aside}; delete it once the service runs well. Start the service now.");
            }
            return 0;
        }
        catch (BackupException e)
        {
            await Console.Error.WriteLineAsync($"{verb} failed: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// The program folder, as for the service (a Windows service starts in System32, which holds no appsettings);
    /// the current folder when it holds the configuration (<c>dotnet run</c> from the project).
    /// </summary>
    private static string ContentRoot() =>
        File.Exists(Path.Combine(Environment.CurrentDirectory, "appsettings.json")) ? Environment.CurrentDirectory : AppContext.BaseDirectory;
}
