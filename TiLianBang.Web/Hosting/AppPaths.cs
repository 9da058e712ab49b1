namespace TiLianBang.Web.Hosting;

/// <summary>
/// Where the installation keeps its files (SQLite database, logs, keys): <c>App:DataDirectory</c>, by default a
/// <c>data</c> folder beside the content root, created on first start.
/// </summary>
public sealed class AppPaths
{
    public AppPaths(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["App:DataDirectory"];
        DataDirectory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "data")
            : Path.Combine(environment.ContentRootPath, configured));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    /// <summary>The installation's paths, worked out once per host builder.</summary>
    public static AppPaths Of(WebApplicationBuilder builder)
    {
        if (builder.Host.Properties.TryGetValue(typeof(AppPaths), out var known) && known is AppPaths paths)
        {
            return paths;
        }
        paths = new AppPaths(builder.Configuration, builder.Environment);
        builder.Host.Properties[typeof(AppPaths)] = paths;
        return paths;
    }
    public string LogDirectory => Path.Combine(DataDirectory, "logs");
    public string DataProtectionKeyDirectory => Path.Combine(DataDirectory, "keys");
    public string TokenSigningKeyFile => Path.Combine(DataDirectory, "token-signing.key");
    public string SqliteDatabase => Path.Combine(DataDirectory, "tilianbang.db");
}
