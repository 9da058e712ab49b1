using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.ExternalBroker;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Devices;

/// <summary>
/// <c>TiLianBang.Web mosquitto-export --to DIR [--Key=Value …]</c>: writes Mosquitto's <c>passwd</c> and <c>acl</c>
/// files for every registered collector and the platform account (<c>Mqtt:External:UserName</c>/<c>Password</c>),
/// from the installation's configuration and database. Collectors whose secret hash Mosquitto cannot read are
/// listed in <c>needs-new-secret.txt</c> and on the console.
/// </summary>
public static class MosquittoExportCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;
        var to = Array.IndexOf(args, "--to");
        if (to < 0 || to + 1 >= args.Length)
        {
            await errors.WriteLineAsync("usage: TiLianBang.Web mosquitto-export --to DIR");
            return 2;
        }
        var directory = Path.GetFullPath(args[to + 1]);
        // The rest are configuration overrides, as for the server itself (--ConnectionStrings:TiLianBang=…).
        var configuration = args.Where((_, i) => i != to && i != to + 1).ToArray();

        var builder = WebApplication.CreateBuilder(configuration);
        builder.Services.AddSingleton(AppPaths.Of(builder));
        builder.AddTiLianBangStorage();
        var external = builder.Configuration.GetSection(ExternalBrokerOptions.Section).Get<ExternalBrokerOptions>() ?? new ExternalBrokerOptions();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("system:mosquitto-export");
        var export = ActivatorUtilities.CreateInstance<MosquittoExport>(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>());
        MosquittoExportResult result;
        try
        {
            result = await export.WriteAsync(directory, external, CancellationToken.None);
        }
        catch (InvalidOperationException e)
        {
            await errors.WriteLineAsync(e.Message);
            return 1;
        }
        await output.WriteLineAsync(
            $"Wrote {Path.Combine(directory, MosquittoExport.PasswordFileName)} and {Path.Combine(directory, MosquittoExport.AclFileName)}: " +
            $"{result.Collectors} collectors and the platform account '{external.UserName}'.");
        if (result.NeedNewSecret.Count > 0)
        {
            await output.WriteLineAsync(
                $"{result.NeedNewSecret.Count} collectors have a secret hash of an older version that Mosquitto cannot read and were left out " +
                $"(listed in {Path.Combine(directory, MosquittoExport.NeedNewSecretFileName)}); give each a new secret " +
                "(POST /api/v1/devices/{id}/secret) and export again: " + string.Join(", ", result.NeedNewSecret.Take(20)) +
                (result.NeedNewSecret.Count > 20 ? ", …" : ""));
        }
        return 0;
    }
}
