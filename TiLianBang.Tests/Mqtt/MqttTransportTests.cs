using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Mqtt;

/// <summary>DEV-1: besides plain TCP, collectors may use TLS with the configured PFX, or WebSocket on the web port.</summary>
public sealed class MqttTransportTests : IAsyncLifetime, IDisposable
{
    private readonly TiLianBangAppFactory _factory = new();
    private readonly string _pfx = Path.Combine(Path.GetTempPath(), $"tlb-mqtt-{Guid.NewGuid():N}.pfx");
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = default!;

    public Task InitializeAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(_pfx, certificate.Export(X509ContentType.Pfx, "pfx-password"));
        _app = _factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Mqtt:TlsPort", "0");
            b.UseSetting("Mqtt:CertificatePath", _pfx);
            b.UseSetting("Mqtt:CertificatePassword", "pfx-password");
        });
        _app.UseKestrel(0);
        _app.StartServer();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _app.Dispose();
        _factory.Dispose();
        File.Delete(_pfx);
    }

    private Task<DemoCollector> CollectorAsync(int index) => DemoCollector.OfElevatorAsync(_app.Services, index);

    [Fact]
    public async Task ACollectorConnectsOverTls()
    {
        var broker = _app.Services.GetRequiredService<DeviceBroker>();
        var collector = await CollectorAsync(33);
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", broker.TlsPort!.Value)
            .WithTlsOptions(o => o.UseTls().WithCertificateValidationHandler(_ => true))
            .WithClientId(collector.DeviceId)
            .WithCredentials(collector.DeviceId, collector.Secret)
            .Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        var ack = await client.PublishAsync(collector.Topic("state"), """{"mode":1,"run":0,"dir":0,"floor":1,"door":2}""");
        Assert.True(ack.IsSuccess);
    }

    [Fact]
    public async Task ACollectorConnectsOverWebSocketOnTheWebPort()
    {
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var collector = await CollectorAsync(34);
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithWebSocketServer(o => o.WithUri(address.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/mqtt"))
            .WithClientId(collector.DeviceId)
            .WithCredentials(collector.DeviceId, collector.Secret)
            .Build());

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        var refused = new MqttClientFactory().CreateMqttClient();
        var wrong = await refused.ConnectAsync(new MqttClientOptionsBuilder()
            .WithWebSocketServer(o => o.WithUri(address.Replace("http://", "ws://", StringComparison.Ordinal).TrimEnd('/') + "/mqtt"))
            .WithClientId(collector.DeviceId + "x")
            .WithCredentials(collector.DeviceId + "x", collector.Secret)
            .Build());
        refused.Dispose();
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong.ResultCode);
    }
}
