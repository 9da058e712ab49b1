using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Configuration;
using TiLianBang.Core.Data;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Tests.Localization;
using TiLianBang.Web.Hosting;
using TiLianBang.Web.Hosting.Backups;

namespace TiLianBang.Tests.Hosting;

/// <summary>
/// Every file of <c>appsettings.samples/</c> is explained in its README, and each one whose outside parts can run here
/// starts the real application as its own process: the sample's keys as they are, only the machine's parts (folders,
/// ports, the certificate) replaced by the test's. Every HTTP(S) endpoint answers <c>/health</c> and every MQTT(S)
/// port answers a CONNECT.
/// </summary>
public sealed class AppSettingsSampleTests
{
    private const string PfxPassword = "sample-pfx-password";

    private static string Samples => Path.Combine(SourceLiterals.RepositoryRoot, "appsettings.samples");

    [Theory]
    [InlineData("single-box-sqlite.json")]
    [InlineData("tls.json")]
    // external-mosquitto.json, external-emqx.json and two-nodes.json need their broker (and SQL Server): one line each here
    // once the test starts them, with Mqtt:External:Host/Port pointed at the test's broker through ReplaceMachineParts.
    public async Task TheSampleStartsTheApplication(string sample)
    {
        var folder = Directory.CreateTempSubdirectory("tlb-sample-").FullName;
        var pfx = Path.Combine(folder, "server.pfx");
        var thumbprint = CreateCertificate(pfx);
        try
        {
            var settings = ReplaceMachineParts(Flatten(sample), folder, pfx);
            await using var app = await AppProcess.StartAsync(Path.Combine(folder, "data"), settings);

            var endpoints = settings.Where(s => s.Key.StartsWith("Kestrel:Endpoints:", StringComparison.Ordinal) && s.Key.EndsWith(":Url", StringComparison.Ordinal))
                .Select(s => s.Value).DefaultIfEmpty($"http://127.0.0.1:{app.HttpPort}").ToList();
            foreach (var endpoint in endpoints)
            {
                using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint };
                using var client = new HttpClient(handler) { BaseAddress = new Uri(endpoint) };
                var health = await client.GetAsync("/health");
                Assert.True(health.StatusCode == HttpStatusCode.OK, $"{endpoint}/health: {health.StatusCode}\n{app.Output}");
            }
            Assert.Equal(0x20, await ConnackTypeAsync(app.MqttPort, null));
            if (settings.TryGetValue("Mqtt:TlsPort", out var tlsPort))
            {
                Assert.Equal(0x20, await ConnackTypeAsync(int.Parse(tlsPort, System.Globalization.CultureInfo.InvariantCulture), thumbprint));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    [Fact]
    public void TheSqlServerSampleNamesTheSqlServerProviderAndHasNoDailyFileBackup()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Samples, "sqlserver.json")).Build();

        var database = configuration.GetSection("Database").Get<DatabaseOptions>();
        var connection = new SqlConnectionStringBuilder(configuration.GetConnectionString("TiLianBang"));
        var layout = new BackupLayout(configuration, new AppPaths(
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["App:DataDirectory"] = Path.GetTempPath() }).Build(),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() }));

        Assert.Equal(DatabaseProvider.SqlServer, database!.Provider);
        Assert.Equal("sql01", connection.DataSource);
        Assert.Equal("TiLianBang", connection.InitialCatalog);
        Assert.False(layout.DailyBackupEnabled);
    }

    [Fact]
    public void EverySampleIsValidJsonAndExplainedInTheReadme()
    {
        var readme = File.ReadAllText(Path.Combine(Samples, "README.md"));
        var samples = Directory.GetFiles(Samples, "*.json").Select(Path.GetFileName).ToList();

        Assert.Superset(new HashSet<string?> { "single-box-sqlite.json", "sqlserver.json", "tls.json", "external-emqx.json", "external-mosquitto.json", "two-nodes.json" },
            samples.ToHashSet());
        Assert.All(samples, s =>
        {
            using var _ = JsonDocument.Parse(File.ReadAllText(Path.Combine(Samples, s!)));
            Assert.Contains($"`{s}`", readme, StringComparison.Ordinal);
        });
    }

    /// <summary>The sample's keys as configuration paths (<c>Mqtt:External:Host</c>), as the app reads them.</summary>
    private static Dictionary<string, string> Flatten(string sample) =>
        new ConfigurationBuilder().AddJsonFile(Path.Combine(Samples, sample)).Build()
            .AsEnumerable().Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!);

    /// <summary>
    /// What belongs to the machine the sample was written for: folders go into the test's, listening addresses onto
    /// free loopback ports, certificates become the test's self-signed one. AppProcess supplies Urls and Mqtt:Port.
    /// </summary>
    private static Dictionary<string, string> ReplaceMachineParts(Dictionary<string, string> sample, string folder, string pfx)
    {
        var settings = new Dictionary<string, string>();
        foreach (var (key, value) in sample)
        {
            if (key is "Urls" or "Mqtt:Port")
            {
                continue;
            }
            settings[key] = key switch
            {
                "App:DataDirectory" => Path.Combine(folder, "data"),
                "Backup:Directory" => Path.Combine(folder, "backups"),
                "App:PublicBaseUrl" => "http://127.0.0.1",
                "Mqtt:TlsPort" => FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                "Mqtt:CertificatePath" => pfx,
                "Mqtt:CertificatePassword" => PfxPassword,
                _ when key.StartsWith("Kestrel:Endpoints:", StringComparison.Ordinal) && key.EndsWith(":Url", StringComparison.Ordinal)
                    => $"{new Uri(value.Replace("0.0.0.0", "localhost", StringComparison.Ordinal)).Scheme}://127.0.0.1:{FreePort()}",
                _ when key.StartsWith("Kestrel:Endpoints:", StringComparison.Ordinal) && key.EndsWith(":Certificate:Path", StringComparison.Ordinal) => pfx,
                _ when key.StartsWith("Kestrel:Endpoints:", StringComparison.Ordinal) && key.EndsWith(":Certificate:Password", StringComparison.Ordinal) => PfxPassword,
                _ => value,
            };
        }
        return settings;
    }

    /// <summary>Sends a CONNECT with credentials no collector has (over TLS when a thumbprint is given) and returns the answer's packet type.</summary>
    private static async Task<int> ConnackTypeAsync(int port, string? thumbprint)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        Stream stream = tcp.GetStream();
        if (thumbprint is not null)
        {
            var ssl = new SslStream(stream, false, (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint);
            await ssl.AuthenticateAsClientAsync("localhost");
            stream = ssl;
        }
        await using (stream)
        {
            await stream.WriteAsync(RawMqttConnection.Connect("sample-probe", "no-such-device", "wrong", 4));
            var answer = new byte[1];
            await stream.ReadExactlyAsync(answer).AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            return answer[0] & 0xF0;
        }
    }

    private static string CreateCertificate(string pfx)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pfx, PfxPassword));
        return certificate.Thumbprint;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
