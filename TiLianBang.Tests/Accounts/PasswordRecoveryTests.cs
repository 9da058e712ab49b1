using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Auditing;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Accounts;

namespace TiLianBang.Tests.Accounts;

/// <summary>密码找回: a code by SMS, limited per mobile and per address, short-lived, five tries; nobody learns whether a mobile is known.</summary>
public sealed class PasswordRecoveryTests(RemoteBackedApp fixture) : IClassFixture<RemoteBackedApp>
{
    private const string NewPassword = "Recovered-pass-7";
    private readonly TiLianBangAppFactory _app = fixture.App;

    private Task<HttpResponseMessage> RequestCodeAsync(string phone, string address) =>
        _app.CreateClient().From(address).PostAsJsonAsync("/api/v1/auth/recovery/code", new RecoveryCodeRequest(phone));

    private Task<HttpResponseMessage> ResetAsync(string phone, string code, string address, string password = NewPassword) =>
        _app.CreateClient().From(address).PostAsJsonAsync("/api/v1/auth/recovery/reset", new RecoveryResetRequest(phone, code, password));

    private static string WrongCode(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ACodeBySmsSetsANewPasswordAndEndsTheOldTokens()
    {
        var account = await fixture.NewAccountAsync("rec-happy", "19900000001");
        await _app.AsSystemAsync((_, db) => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.MustChangePassword, true)));
        var before = _app.CreateClient();
        var old = await (await before.PostAsJsonAsync("/api/v1/auth/token", new TokenRequest("rec-happy", RemoteBackedApp.Password))).Content.ReadFromJsonAsync<TokenResponse>();
        before.DefaultRequestHeaders.Authorization = new("Bearer", old!.AccessToken);
        Assert.Equal(HttpStatusCode.NoContent, (await before.PostAsJsonAsync("/api/v1/me/password", new ChangePasswordRequest(RemoteBackedApp.Password, "Interim-pass-2"))).StatusCode);
        var signedIn = await _app.CreateApiClientAsync("rec-happy", "Interim-pass-2");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/api/v1/elevators")).StatusCode);

        var requested = await RequestCodeAsync("19900000001", "10.30.0.1");
        var code = await fixture.SmsCodeAsync("19900000001");
        var reset = await ResetAsync("19900000001", code!, "10.30.0.1");

        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        Assert.Matches(@"^\d{6}$", code);
        Assert.Contains("验证码", fixture.SmsMessagesTo("19900000001").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await signedIn.GetAsync("/api/v1/elevators")).StatusCode);
        var fresh = await _app.CreateApiClientAsync("rec-happy", NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/api/v1/elevators")).StatusCode);
        var stored = await fixture.AccountAsync(account.Id);
        Assert.False(stored.MustChangePassword);
        var row = await _app.AsSystemAsync((_, db) => db.VerificationCodes.AsNoTracking().SingleAsync(c => c.Phone == "19900000001"));
        Assert.Equal(account.Id, row.AccountId);
        Assert.NotEqual(code, row.CodeHash);
        Assert.Equal(64, row.CodeHash!.Length);
        Assert.NotNull(row.UsedAtUtc);
        Assert.True(await _app.AsSystemAsync((_, db) => db.OperationLogs.AnyAsync(l => l.AccountId == account.Id && l.Action == OperationAction.PasswordRecovered)));
        var reused = await ResetAsync("19900000001", code!, "10.30.0.1", "Another-pass-8");
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Equal("recovery.invalid_code", await RemoteBackedApp.CodeOfAsync(reused));
    }

    [Fact]
    public async Task AMobileGetsOneCodeAMinuteAndFiveADay()
    {
        await fixture.NewAccountAsync("rec-phone-limit", "19900000002");
        var answers = new List<HttpStatusCode>();
        // A new address each time: only the mobile's limit is at work here.
        answers.Add((await RequestCodeAsync("19900000002", "10.31.0.1")).StatusCode);
        var tooSoon = await RequestCodeAsync("19900000002", "10.31.0.2");
        for (var i = 3; i <= 6; i++)
        {
            _app.Clock.Advance(PasswordRecovery.MinInterval);
            answers.Add((await RequestCodeAsync("19900000002", $"10.31.0.{i}")).StatusCode);
        }
        _app.Clock.Advance(PasswordRecovery.MinInterval);
        var sixth = await RequestCodeAsync("19900000002", "10.31.0.7");

        Assert.Equal((HttpStatusCode)429, tooSoon.StatusCode);
        Assert.Equal("recovery.too_many_requests", await RemoteBackedApp.CodeOfAsync(tooSoon));
        Assert.Equal(TimeSpan.FromSeconds(60), tooSoon.Headers.RetryAfter?.Delta);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        Assert.Equal((HttpStatusCode)429, sixth.StatusCode);
        // The first of the five was 5 minutes ago: a day after it there is room for one more.
        Assert.Equal(PasswordRecovery.Day - TimeSpan.FromMinutes(5), sixth.Headers.RetryAfter?.Delta);

        _app.Clock.Advance(PasswordRecovery.Day - TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.Accepted, (await RequestCodeAsync("19900000002", "10.31.0.8")).StatusCode);
    }

    [Fact]
    public async Task AnAddressGetsOneCodeAMinuteAndFiveADayWhateverTheMobile()
    {
        await fixture.NewAccountAsync("rec-address-limit", "19900000003");
        var answers = new List<HttpStatusCode> { (await RequestCodeAsync("19900000003", "10.32.0.1")).StatusCode };
        var tooSoon = await RequestCodeAsync("19900001001", "10.32.0.1");
        for (var i = 2; i <= 5; i++)
        {
            _app.Clock.Advance(PasswordRecovery.MinInterval);
            answers.Add((await RequestCodeAsync($"1990000100{i}", "10.32.0.1")).StatusCode);
        }
        _app.Clock.Advance(PasswordRecovery.MinInterval);
        var sixth = await RequestCodeAsync("19900001009", "10.32.0.1");
        var elsewhere = await RequestCodeAsync("19900001009", "10.32.0.2");

        Assert.Equal((HttpStatusCode)429, tooSoon.StatusCode);
        Assert.NotNull(tooSoon.Headers.RetryAfter);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        Assert.Equal((HttpStatusCode)429, sixth.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, elsewhere.StatusCode);
    }

    [Fact]
    public async Task ACodeExpiresAfterFiveMinutes()
    {
        await fixture.NewAccountAsync("rec-expiry", "19900000004");
        await RequestCodeAsync("19900000004", "10.33.0.1");
        var code = await fixture.SmsCodeAsync("19900000004");

        _app.Clock.Advance(PasswordRecovery.CodeLifetime);
        var response = await ResetAsync("19900000004", code!, "10.33.0.1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("recovery.invalid_code", await RemoteBackedApp.CodeOfAsync(response));
        await _app.CreateApiClientAsync("rec-expiry", RemoteBackedApp.Password);
    }

    [Fact]
    public async Task FiveWrongCodesKillTheCodeEvenForTheRightValue()
    {
        await fixture.NewAccountAsync("rec-tries", "19900000005");
        await RequestCodeAsync("19900000005", "10.34.0.1");
        var code = await fixture.SmsCodeAsync("19900000005");

        var wrong = new List<HttpResponseMessage>();
        for (var i = 0; i < PasswordRecovery.MaxAttempts; i++)
        {
            wrong.Add(await ResetAsync("19900000005", WrongCode(code!), "10.34.0.1"));
        }
        var right = await ResetAsync("19900000005", code!, "10.34.0.1");

        Assert.All(wrong, w => Assert.Equal(HttpStatusCode.BadRequest, w.StatusCode));
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Equal("recovery.invalid_code", await RemoteBackedApp.CodeOfAsync(right));
        await _app.CreateApiClientAsync("rec-tries", RemoteBackedApp.Password);
    }

    [Fact]
    public async Task AnUnknownMobileGetsExactlyTheAnswerOfAKnownOne()
    {
        await fixture.NewAccountAsync("rec-known", "19900000006");

        var known = await RequestCodeAsync("19900000006", "10.35.0.1");
        var unknown = await RequestCodeAsync("19900009999", "10.35.0.2");

        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(await known.Content.ReadAsStringAsync(), await unknown.Content.ReadAsStringAsync());
        Assert.Equal(Headers(known), Headers(unknown));
        Assert.NotNull(await fixture.SmsCodeAsync("19900000006"));
        Assert.Empty(fixture.SmsMessagesTo("19900009999"));

        // Both are limited alike too, and a reset for the unknown mobile fails like a wrong code.
        var knownAgain = await RequestCodeAsync("19900000006", "10.35.0.3");
        var unknownAgain = await RequestCodeAsync("19900009999", "10.35.0.4");
        Assert.Equal((HttpStatusCode)429, knownAgain.StatusCode);
        Assert.Equal(knownAgain.StatusCode, unknownAgain.StatusCode);
        Assert.Equal(knownAgain.Headers.RetryAfter, unknownAgain.Headers.RetryAfter);
        Assert.Equal(await RemoteBackedApp.CodeOfAsync(knownAgain), await RemoteBackedApp.CodeOfAsync(unknownAgain));
        var unknownReset = await ResetAsync("19900009999", "123456", "10.35.0.2");
        Assert.Equal(HttpStatusCode.BadRequest, unknownReset.StatusCode);
        Assert.Equal("recovery.invalid_code", await RemoteBackedApp.CodeOfAsync(unknownReset));
    }

    [Fact]
    public async Task AWeakNewPasswordIsRefusedByThePolicyWithoutSpendingTheCode()
    {
        await fixture.NewAccountAsync("rec-weak", "19900000007");
        await RequestCodeAsync("19900000007", "10.36.0.1");
        var code = await fixture.SmsCodeAsync("19900000007");

        var weak = await ResetAsync("19900000007", code!, "10.36.0.1", password: "abc");
        var strong = await ResetAsync("19900000007", code!, "10.36.0.1");

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal("password.PasswordTooShort", await RemoteBackedApp.CodeOfAsync(weak));
        Assert.Equal(HttpStatusCode.NoContent, strong.StatusCode);
        await _app.CreateApiClientAsync("rec-weak", NewPassword);
    }

    [Fact]
    public async Task AMalformedMobileIsABadRequest()
    {
        var response = await RequestCodeAsync("12345", "10.37.0.1");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("recovery.invalid_phone", await RemoteBackedApp.CodeOfAsync(response));
    }

    private static string Headers(HttpResponseMessage response) => string.Join("\n",
        response.Headers.Concat(response.Content.Headers)
            .Where(h => h.Key != "Date")
            .OrderBy(h => h.Key, StringComparer.Ordinal)
            .Select(h => h.Key + ": " + string.Join(",", h.Value)));
}
