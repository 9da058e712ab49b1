using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Hosting;

/// <summary>
/// Every answer — pages, the public QR page, static files, the API, errors — tells the browser not to sniff
/// types, not to leak the address elsewhere and not to be framed by other sites; none names the server.
/// Served by Kestrel, as in production, so the Server header is the real one.
/// </summary>
public sealed class SecurityHeadersTests : IAsyncLifetime, IDisposable
{
    private readonly TiLianBangAppFactory _app = new();
    private HttpClient _client = default!;

    public Task InitializeAsync()
    {
        _app.UseKestrel(0);
        _app.StartServer();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal);
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(address) };
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Theory]
    [InlineData("/account/signin", HttpStatusCode.OK)]
    [InlineData("/monitor/area", HttpStatusCode.Redirect)]
    [InlineData("/app.css", HttpStatusCode.OK)]
    [InlineData("/favicon.svg", HttpStatusCode.OK)]
    [InlineData("/api/v1/elevators", HttpStatusCode.Unauthorized)]
    [InlineData("/health", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    [InlineData("/account/language?culture=xx", HttpStatusCode.BadRequest)]
    public async Task EveryAnswerCarriesTheSecurityHeaders(string path, HttpStatusCode expected)
    {
        var response = await _client.GetAsync(path);

        Assert.Equal(expected, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task ThePublicElevatorPageCarriesTheSecurityHeaders()
    {
        var token = await _app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.Number == "CQ0001").Select(e => e.PublicToken).SingleAsync());

        var response = await _client.GetAsync($"/e/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("CQ0001", await response.Content.ReadAsStringAsync());
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task AnUnhandledErrorCarriesTheSecurityHeaders()
    {
        // A malformed JSON body makes the API fail before any handler runs.
        var response = await _client.PostAsync("/api/v1/auth/token", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("frame-ancestors 'self'", Single(response, "Content-Security-Policy"));
        Assert.Equal("SAMEORIGIN", Single(response, "X-Frame-Options"));
        Assert.False(response.Headers.Contains("Server"), "Server: " + string.Join(", ", response.Headers.Server));
    }

    private static string? Single(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
