using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Idempotency;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Hosting.Idempotency;

namespace TiLianBang.Tests.Api;

/// <summary>
/// Idempotency-Key: the mini-program's outbox resends a write it got no answer to; the write happens once. Shown on
/// 故障上报 (a multipart write with photos: a duplicate would be a second repair order and a second dispatch).
/// </summary>
public sealed class IdempotencyKeyTests(NoBackgroundLoopsAppFactory app) : IClassFixture<NoBackgroundLoopsAppFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];

    private Task<int[]> OwnElevatorsAsync() => app.AsSystemAsync(async (_, db) =>
    {
        var unit = await db.Users.Where(u => u.UserName == DemoAccounts.UserUnitManager).Select(u => u.CompanyId).SingleAsync();
        return await db.Elevators.Where(e => e.UserUnitId == unit).OrderBy(e => e.Id).Select(e => e.Id).ToArrayAsync();
    });

    /// <summary>The same bytes every time, as the outbox resends them.</summary>
    private static async Task<Func<HttpContent>> ReportAsync(int elevatorId, string description)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(elevatorId.ToString(System.Globalization.CultureInfo.InvariantCulture)), "elevatorId" },
            { new StringContent(description), "description" },
        };
        var photo = new ByteArrayContent(Png);
        photo.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(photo, "photos", "p.png");
        var bytes = await form.ReadAsByteArrayAsync();
        var type = form.Headers.ContentType!;
        return () =>
        {
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = type;
            return content;
        };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Func<HttpContent> body, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/repairs/reports") { Content = body() };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyMiddleware.HeaderName, key);
        }
        return await client.SendAsync(request);
    }

    private Task<int> OrdersAsync(string description) =>
        app.AsSystemAsync((_, db) => db.RepairOrders.CountAsync(o => o.Description == description));

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("code", out var code) ? code.GetString() : null;

    [Fact]
    public async Task AResentReportIsAnsweredAgainWithoutASecondOrder()
    {
        var elevators = await OwnElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var body = await ReportAsync(elevators[0], "idem-resent");

        using var first = await SendAsync(unit, body, "key-resent-1");
        using var again = await SendAsync(unit, body, "key-resent-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal((await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32(),
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        Assert.Equal(1, await OrdersAsync("idem-resent"));
        Assert.Equal(1, await app.AsSystemAsync((_, db) => db.RepairPhotos.CountAsync(p => db.RepairOrders.Any(o => o.Id == p.RepairOrderId && o.Description == "idem-resent"))));
    }

    [Fact]
    public async Task TheSameKeySentTwiceAtOnceMakesOneOrder()
    {
        var elevators = await OwnElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var body = await ReportAsync(elevators[1], "idem-concurrent");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendAsync(unit, body, "key-concurrent")));

        Assert.Equal(1, await OrdersAsync("idem-concurrent"));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        // The others either replayed the answer or were told to retry; none made a second order.
        Assert.All(answers, a => Assert.True(a.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, a.StatusCode.ToString()));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task AKeyReusedForAnotherRequestIsRefusedAndAnotherAccountHasItsOwnKeys()
    {
        var elevators = await OwnElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var first = await SendAsync(unit, await ReportAsync(elevators[2], "idem-reused-a"), "key-reused");
        using var other = await SendAsync(unit, await ReportAsync(elevators[2], "idem-reused-b"), "key-reused");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("request.idempotency_key_reused", await CodeAsync(other));
        Assert.Equal(0, await OrdersAsync("idem-reused-b"));

        var stored = await app.AsSystemAsync((_, db) => db.IdempotentRequests.SingleAsync(r => r.Key == "key-reused"));
        Assert.Equal(201, stored.StatusCode);
        Assert.NotNull(stored.CompletedAtUtc);
    }

    [Fact]
    public async Task ARefusalKeepsNoKeySoTheCorrectedRequestCanStillGo()
    {
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var form = new MultipartFormDataContent { { new StringContent("idem-refused"), "description" } };

        using var refused = await unit.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v1/repairs/reports")
        {
            Content = form,
            Headers = { { IdempotencyMiddleware.HeaderName, "key-refused" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(await app.AsSystemAsync((_, db) => db.IdempotentRequests.AnyAsync(r => r.Key == "key-refused")));
    }

    [Fact]
    public async Task AWriteWhoseAnswerWasLostIsNotAppliedAgain()
    {
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var elevators = await OwnElevatorsAsync();
        var body = await ReportAsync(elevators[3], "idem-lost");
        var accountId = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.UserUnitManager).Select(u => u.Id).SingleAsync());
        var hash = await HashOfAsync(body);
        // As left by a process killed between the commit (key stored with the write) and the answer.
        await app.AsSystemAsync(async (_, db) =>
        {
            db.IdempotentRequests.Add(new IdempotentRequest
            {
                AccountId = accountId, Key = "key-lost", Method = "POST", Path = "/api/v1/repairs/reports",
                RequestHash = hash, CreatedAtUtc = app.Clock.GetUtcNow().UtcDateTime,
            });
            return await db.SaveChangesAsync();
        });

        using var soon = await SendAsync(unit, body, "key-lost");
        app.Clock.Advance(IdempotencyMiddleware.AnswerLostAfter + TimeSpan.FromSeconds(1));
        using var later = await SendAsync(unit, body, "key-lost");

        Assert.Equal(HttpStatusCode.Conflict, soon.StatusCode);
        Assert.Equal("request.in_progress", await CodeAsync(soon));
        Assert.True(soon.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.Conflict, later.StatusCode);
        Assert.Equal("request.already_applied", await CodeAsync(later));
        Assert.Equal(0, await OrdersAsync("idem-lost"));
    }

    [Fact]
    public async Task ABadKeyIsRefusedAndNoKeyMeansNoRecord()
    {
        var elevators = await OwnElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var before = await app.AsSystemAsync((_, db) => db.IdempotentRequests.CountAsync());

        using var tooLong = await SendAsync(unit, await ReportAsync(elevators[4], "idem-bad"), new string('k', 101));
        using var plain = await SendAsync(unit, await ReportAsync(elevators[4], "idem-plain"), null);

        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("request.idempotency_key", await CodeAsync(tooLong));
        Assert.Equal(0, await OrdersAsync("idem-bad"));
        Assert.Equal(HttpStatusCode.Created, plain.StatusCode);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.IdempotentRequests.CountAsync()));
    }

    [Fact]
    public async Task KeysAreForgottenAfterAWeek()
    {
        var elevators = await OwnElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var sent = await SendAsync(unit, await ReportAsync(elevators[5], "idem-old"), "key-old");
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        app.Clock.Advance(IdempotencyCleanup.KeptFor + TimeSpan.FromMinutes(1));
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IdempotencyCleanup>().RunOnceAsync(CancellationToken.None);

        Assert.False(await app.AsSystemAsync((_, db) => db.IdempotentRequests.AnyAsync(r => r.Key == "key-old")));
    }

    private static async Task<string> HashOfAsync(Func<HttpContent> body)
    {
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes("POST /api/v1/repairs/reports\n"));
        sha.AppendData(await body().ReadAsByteArrayAsync());
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
