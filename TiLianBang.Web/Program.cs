using TiLianBang.Web.Components;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Web.Features.Elevators;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Mqtt;

var builder = WebApplication.CreateBuilder(args);

builder.AddTiLianBangHosting();
builder.AddTiLianBangStorage();
builder.AddTiLianBangAccounts();
builder.AddTiLianBangMqtt();
builder.Services.AddTiLianBangUi();

var app = builder.Build();

app.UseTiLianBangPipeline();
app.MapTiLianBangHealth();
app.MapAccountEndpoints();
app.MapElevatorEndpoints();
app.MapTiLianBangMqtt();
app.MapTiLianBangUi();

await app.InitializeTiLianBangAsync();
await app.RunAsync();

/// <summary>Entry point; public so that tests can host the real application.</summary>
public partial class Program;
