using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Accounts;

/// <summary>
/// Failed sign-ins are throttled per client address (web form and token endpoint alike), lock-out counts per
/// account and address so nobody can lock the administrator out from elsewhere, and an unknown user name is
/// answered exactly like a wrong password.
/// </summary>
public sealed class SignInThrottleTests(SignInThrottleTests.Fixture app) : IClassFixture<SignInThrottleTests.Fixture>
{
    /// <summary>The app with its password hasher watched: which stored hash each password check was made against.</summary>
    public sealed class Fixture : TiLianBangAppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                var configured = services.Last(d => d.ServiceType == typeof(IPasswordHasher<Account>));
                services.AddSingleton(sp => new CountingHasher((IPasswordHasher<Account>)ActivatorUtilities.CreateInstance(sp, configured.ImplementationType!)));
                services.AddSingleton<IPasswordHasher<Account>>(sp => sp.GetRequiredService<CountingHasher>());
            });
        }

        public sealed class CountingHasher(IPasswordHasher<Account> inner) : IPasswordHasher<Account>
        {
            public System.Collections.Concurrent.ConcurrentQueue<string> Checked { get; } = new();

            public string HashPassword(Account user, string password) => inner.HashPassword(user, password);

            public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
            {
                Checked.Enqueue(hashedPassword);
                return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
        }
    }

    [Fact]
    public async Task ManyFailedSignInsFromOneAddressAreAnsweredWith429AndRetryAfter()
    {
        var attacker = app.CreateClient().From("203.0.113.10");
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress; i++)
        {
            // A different name each time: the per-address limit must hold however the guesses are spread.
            await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("guess-" + i, "wrong-pass-" + i));
        }

        var refused = await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.Supervisor, DemoAccounts.Password));
        var elsewhere = await app.CreateClient().From("198.51.100.7")
            .PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.Supervisor, DemoAccounts.Password));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("signin.throttled", (await refused.Content.ReadFromJsonAsync<ProblemDetails>())!.Extensions["code"]!.ToString());
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), SignInThrottle.AddressWindow);
        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);

        app.Clock.Advance(retryAfter.Value + TimeSpan.FromSeconds(1));
        var later = await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.Supervisor, DemoAccounts.Password));
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }

    [Fact]
    public async Task TheWebFormAndTheTokenEndpointShareTheLimitAndTheFormSaysSoInChinese()
    {
        var api = app.CreateClient().From("203.0.113.20");
        var browser = app.CreateBrowserlikeClient().From("203.0.113.20");
        for (var i = 0; i < SignInThrottle.MaxFailuresPerAddress / 2; i++)
        {
            await api.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("web-guess-" + i, "wrong-pass-" + i));
            await SignInForm.PostAsync(browser, "web-guess-" + i, "wrong-pass-" + i);
        }

        var refused = await SignInForm.PostAsync(browser, DemoAccounts.UserUnitManager, DemoAccounts.Password);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter?.Delta);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("登录尝试过于频繁", page);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/monitor/area")).StatusCode);
    }

    [Fact]
    public async Task AnOutsiderCannotLockTheAdministratorOut()
    {
        var attacker = app.CreateClient().From("203.0.113.30");
        for (var i = 0; i < AccountsServiceCollectionExtensions.MaxFailedSignIns + 2; i++)
        {
            await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.PlatformAdmin, "wrong-pass-" + i));
        }
        var attackerAgain = await attacker.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.PlatformAdmin, DemoAccounts.Password));

        var office = await app.CreateClient().From("192.0.2.44")
            .PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.PlatformAdmin, DemoAccounts.Password));
        var officeBrowser = app.CreateBrowserlikeClient().From("192.0.2.44");
        var officeForm = await SignInForm.PostAsync(officeBrowser, DemoAccounts.PlatformAdmin, DemoAccounts.Password);

        // The guessing address is locked out of this account (even with the right password) …
        Assert.Equal((HttpStatusCode)423, attackerAgain.StatusCode);
        // … the administrator, elsewhere, is not.
        Assert.Equal(HttpStatusCode.OK, office.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, officeForm.StatusCode);
    }

    [Fact]
    public async Task AnUnknownUserNameIsAnsweredLikeAWrongPassword()
    {
        var known = app.CreateClient().From("203.0.113.40");
        var unknown = app.CreateClient().From("203.0.113.41");
        var answers = new List<(HttpStatusCode Status, string? Title, string? Code)>[] { [], [] };
        for (var i = 0; i < AccountsServiceCollectionExtensions.MaxFailedSignIns + 1; i++)
        {
            answers[0].Add(await AnswerAsync(await known.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(DemoAccounts.Supervisor, "wrong-pass-" + i))));
            answers[1].Add(await AnswerAsync(await unknown.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("nobody-by-this-name", "wrong-pass-" + i))));
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(HttpStatusCode.Unauthorized, answers[0][0].Status);
        Assert.Equal((HttpStatusCode)423, answers[0][^1].Status);
    }

    [Fact]
    public async Task AnUnknownUserNameCostsTheSamePasswordHashingAsAWrongPassword()
    {
        // Each attempt from its own address, so no limit cuts the work short.
        var known = await HashingOfSignInAsync("198.18.0.1", DemoAccounts.ManufacturerManager);
        var unknown = await HashingOfSignInAsync("198.18.1.1", "no-such-account");

        // Hashing the password is what an answer costs: one check each, against a hash of the same format, pseudo-random
        // function, iteration count and salt size (the header of ASP.NET Core Identity's v3 format), so neither the
        // answer nor its time tells whether the account exists.
        var knownHash = Assert.Single(known);
        var unknownHash = Assert.Single(unknown);
        Assert.Equal(Header(knownHash), Header(unknownHash));
        Assert.Equal(Convert.FromBase64String(knownHash).Length, Convert.FromBase64String(unknownHash).Length);
        Assert.NotEqual(knownHash, unknownHash);
    }

    /// <summary>The hashes a failed sign-in checked the password against.</summary>
    private async Task<List<string>> HashingOfSignInAsync(string address, string userName)
    {
        var hasher = app.Services.GetRequiredService<Fixture.CountingHasher>();
        var before = hasher.Checked.Count;
        var response = await app.CreateClient().From(address).PostAsJsonAsync("/api/v1/auth/token", new TokenRequest(userName, "wrong-pass-1"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return hasher.Checked.Skip(before).ToList();
    }

    /// <summary>Format marker, PRF, iteration count, salt length: the first 13 bytes of a v3 hash.</summary>
    private static string Header(string hash) => Convert.ToHexString(Convert.FromBase64String(hash).AsSpan(0, 13));

    private static async Task<(HttpStatusCode, string?, string?)> AnswerAsync(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        return (response.StatusCode, problem?.Title, problem?.Extensions.TryGetValue("code", out var code) == true ? code?.ToString() : null);
    }
}
