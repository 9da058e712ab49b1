using System.Net;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Maintenance;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Tests.Repairs;

public sealed class BackgroundJobsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    [Fact]
    public void TheEscalationPassIsAMinutelyRecurringJob()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();

        var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == BackgroundJobsExtensions.EscalationJobId);

        Assert.Equal(Cron.Minutely(), job.Cron);
    }

    [Fact]
    public void MaintenanceGenerationRunsHourlyAndExpiryWarningsDaily()
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs();

        var generation = Assert.Single(jobs, j => j.Id == BackgroundJobsExtensions.MaintenanceGenerationJobId);
        var warnings = Assert.Single(jobs, j => j.Id == BackgroundJobsExtensions.ExpiryWarningsJobId);

        Assert.Equal(Cron.Hourly(), generation.Cron);
        Assert.Equal(nameof(MaintenanceJobs.GenerateOrdersAsync), generation.Job.Method.Name);
        Assert.Equal(Cron.Daily(6), warnings.Cron);
        Assert.Equal(nameof(MaintenanceJobs.SendExpiryWarningsAsync), warnings.Job.Method.Name);
    }

    [Fact]
    public async Task TheDashboardIsForAdministratorsOnly()
    {
        var anonymous = await app.CreateBrowserlikeClient().GetAsync("/hangfire");
        var worker = await (await app.CreateSignedInClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password)).GetAsync("/hangfire");
        var admin = await (await app.CreateSignedInClientAsync(DemoAccounts.PlatformAdmin, DemoAccounts.Password)).GetAsync("/hangfire");

        Assert.StartsWith("/account/signin", anonymous.RedirectPath());
        Assert.StartsWith("/account/denied", worker.RedirectPath());
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("Hangfire", await admin.Content.ReadAsStringAsync());
    }
}
