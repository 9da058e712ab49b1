namespace TiLianBang.Web.Hosting.Backups;

public static class BackupsExtensions
{
    /// <summary>
    /// Backup services, and the running service's hold on <c>tilianbang.lock</c>, taken while the host is built so
    /// that a restore cannot start under a node that is still starting.
    /// </summary>
    public static WebApplicationBuilder AddTiLianBangBackups(this WebApplicationBuilder builder)
    {
        var paths = AppPaths.Of(builder);
        var held = InstallationLock.HoldShared(paths.DataDirectory);
        // Made by a factory and resolved as a hosted service at start, so the container releases it when the host
        // is disposed (several hosts in one process, in tests).
        builder.Services.AddSingleton(_ => held);
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InstallationLock>());
        builder.Services.AddSingleton(sp => new BackupLayout(builder.Configuration, paths));
        builder.Services.AddSingleton<BackupWriter>();
        builder.Services.AddSingleton<BackupRestorer>();
        builder.Services.AddTransient<DailyBackupJob>();
        return builder;
    }
}
