using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Recording;
using TiLianBang.Web.Features.Accounts;
using TiLianBang.Web.Mqtt;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// The real application on a real SQLite file in a temporary data folder, seeded with the demo data, with the
/// clock under the test's control. One per test class.
/// </summary>
public class TiLianBangAppFactory : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataDirectory;

    public TiLianBangAppFactory() : this(null)
    {
    }

    /// <summary>With a data folder of the caller's, which outlives the app (e.g. to inspect it after shutdown).</summary>
    internal TiLianBangAppFactory(string? dataDirectory)
    {
        _ownsDataDirectory = dataDirectory is null;
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("tlb-test-").FullName;
    }

    public string DataDirectory { get; }

    /// <summary>Extra configuration for this app (set before first use), e.g. a stand-in remote API's address.</summary>
    public Dictionary<string, string> Settings { get; } = [];

    /// <summary>Starts at the real time, so the data looks as it would today; tests move it forward.</summary>
    public FakeTimeProvider Clock
    {
        get;
        init
        {
            field = value;
            _clockGiven = true;
        }
    } = new(DateTimeOffset.UtcNow);

    private bool _clockGiven;

    /// <summary>Whether this kind of app may start on a copy of the demo template (it changes nothing the seed makes).</summary>
    protected virtual bool StartsFromTemplate => GetType() == typeof(TiLianBangAppFactory);

    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (StartsFromTemplate && _ownsDataDirectory && !_clockGiven && Settings.Count == 0)
        {
            DemoDatabaseTemplate.CopyTo(DataDirectory, Clock.GetUtcNow());
        }
        return base.CreateHost(builder);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("App:DataDirectory", DataDirectory);
        builder.UseSetting("Demo:Enabled", "true");
        // Every test app has its own broker on a port the OS picks; DeviceBroker.Port tells which.
        builder.UseSetting("Mqtt:Port", "0");
        // Tests drive their own collectors; demo traffic would make their assertions race.
        builder.UseSetting("Demo:SimulatedElevators", "0");
        // Tests reach no map tile server; the location picker works on a blank map.
        builder.UseSetting("Maps:TileUrl", "");
        // Every client of a test signs in from the same address; the rate limit has its own test.
        builder.UseSetting("RateLimits:AnonymousPerMinute", "100000");
        builder.UseSetting("RateLimits:LiveConnectsPerMinute", "100000");
        // Tests publish faster than a collector may; the device budget has its own tests (DeviceOverloadTests).
        builder.UseSetting("Mqtt:DeviceBudget:MessagesPerSecond", "0");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, TestPeerAddress>();
        });
    }

    /// <summary>The TCP port this app's broker listens on (the OS picked it).</summary>
    public int MqttPort => Services.GetRequiredService<DeviceBroker>().Port;

    /// <summary>Waits until every device record queued so far is in the database.</summary>
    public Task FlushDeviceRecordsAsync() => Services.GetRequiredService<DeviceRecordBuffer>().FlushAsync(CancellationToken.None);

    /// <summary>A client that keeps cookies and shows redirects instead of following them.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public async Task<HttpClient> CreateSignedInClientAsync(string userName, string password)
    {
        var client = CreateBrowserlikeClient();
        var response = await SignInForm.PostAsync(client, userName, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in of {userName} failed: {response.StatusCode}");
        }
        return client;
    }

    public async Task<HttpClient> CreateApiClientAsync(string userName, string password)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, password));
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>Runs <paramref name="work"/> in a DI scope acting as the platform itself (sees everything).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, TiLianBangDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetSystem("test");
        return await work(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<TiLianBangDbContext>());
    }

    /// <summary>A DI scope acting as the given (demo) account would after signing in.</summary>
    public async Task<AsyncServiceScope> ScopeAsAsync(string userName)
    {
        var (account, company, permissions) = await AsSystemAsync(async (_, db) =>
        {
            var account = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == userName);
            var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == account.CompanyId);
            var permissions = await db.Roles.AsNoTracking().Where(r => r.Id == account.RoleId).Select(r => r.Permissions).SingleAsync();
            return (account, company, permissions);
        });
        var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().SetUser(
            TestPrincipal.For(account.Id, account.UserName!, company.Id, company.Kind, company.Region, [.. PermissionCatalog.EffectiveFor(company.Kind, permissions)]), "127.0.0.1");
        return scope;
    }

    /// <summary>Adds an account in the given demo account's company and role.</summary>
    public Task<Account> CreateAccountLikeAsync(string demoUserName, string newUserName, string password, bool mustChangePassword) =>
        AsSystemAsync(async (services, db) =>
        {
            var users = services.GetRequiredService<UserManager<Account>>();
            var template = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == demoUserName);
            var account = new Account
            {
                UserName = newUserName,
                DisplayName = newUserName,
                CompanyId = template.CompanyId,
                RoleId = template.RoleId,
                MustChangePassword = mustChangePassword,
                CreatedAtUtc = Clock.GetUtcNow().UtcDateTime,
            };
            var result = await users.CreateAsync(account, password);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            return account;
        });

    /// <summary>
    /// A host stopping with the MQTT broker's sockets still closing can meet an already-disposed object (seen once in
    /// a class fixture's cleanup after all its tests passed); that says nothing about the tests, so it must not fail the run.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        try
        {
            await base.DisposeAsync();
        }
        catch (ObjectDisposedException)
        {
        }
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDataDirectory)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A log file may still be held open for a moment; the OS cleans temp folders.
            }
        }
    }
}
