using TiLianBang.Core.Monitoring;
using TiLianBang.Web.Components;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Web.Features.Devices;
using TiLianBang.Web.Features.Elevators;
using TiLianBang.Web.Features.FaultCodes;
using TiLianBang.Web.Features.Health;
using TiLianBang.Web.Features.Home;
using TiLianBang.Web.Features.Live;
using TiLianBang.Web.Features.Maintenance;
using TiLianBang.Web.Features.MobileApp;
using TiLianBang.Web.Features.Monitoring;
using TiLianBang.Web.Features.Notifications;
using TiLianBang.Web.Features.Organizations;
using TiLianBang.Web.Features.Repairs;
using TiLianBang.Web.Features.Specifications;
using TiLianBang.Web.Features.Statistics;
using TiLianBang.Web.Features.Video;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Hosting.OpenApi;
using TiLianBang.Web.Mqtt;
using TiLianBang.Web.Simulation;

if (args is ["simulate", ..])
{
    return await SimulateCommand.RunAsync(args[1..]);
}
if (args is ["backup" or "restore", ..]) return await TiLianBang.Web.Hosting.Backups.BackupCommand.RunAsync(args);
if (args is ["device-secret", var demoDevice])
{
    return SimulateCommand.PrintDemoSecret(demoDevice);
}
if (args is ["mosquitto-export", ..]) return await MosquittoExportCommand.RunAsync(args[1..]);

var builder = WebApplication.CreateBuilder(args);

builder.AddTiLianBangHosting();
builder.AddTiLianBangStorage();
builder.AddTiLianBangAccounts();
builder.AddTiLianBangMqtt();
builder.AddTiLianBangBrokerHooks();
builder.AddTiLianBangBackgroundJobs();
builder.Services.AddTiLianBangUi();
builder.Services.AddTiLianBangElevatorsWeb();
builder.Services.AddTiLianBangOrganizationsWeb(builder.Configuration);
builder.Services.AddTiLianBangLive(builder.Configuration);
builder.Services.AddTiLianBangMonitoring();
builder.Services.AddTiLianBangVideoWeb(builder.Configuration);

var app = builder.Build();

app.UseTiLianBangPipeline();
app.MapTiLianBangHealth();
app.MapTiLianBangApiReference();
app.MapAccountEndpoints();
app.MapProfileEndpoints();
app.MapAdministrationEndpoints();
app.MapAuthEndpoints();
app.MapElevatorEndpoints();
app.MapDeviceEndpoints();
app.MapBrokerHookEndpoints();
app.MapRepairEndpoints();
app.MapMaintenanceEndpoints();
app.MapOrganizationEndpoints();
app.MapLiveEndpoints();
app.MapMonitoringEndpoints();
app.MapElevatorHealthEndpoints();
app.MapHomeEndpoints();
app.MapMobileAppEndpoints();
app.MapFaultCodeEndpoints();
app.MapSpecificationEndpoints();
app.MapMessageEndpoints();
app.MapAboutEndpoints();
app.MapStatisticsEndpoints();
app.MapVideoEndpoints();
app.UseTiLianBangBackgroundJobs();
app.MapTiLianBangMqtt();
app.MapTiLianBangUi();

await app.InitializeTiLianBangAsync();
await app.RunAsync();
return 0;

/// <summary>Entry point; public so that tests can host the real application.</summary>
public partial class Program;
