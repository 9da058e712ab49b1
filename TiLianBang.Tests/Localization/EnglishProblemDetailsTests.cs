using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Localization;

/// <summary>An API client reads a domain error in its account's language; the code it matches on stays the same.</summary>
public sealed class EnglishProblemDetailsTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<HttpClient> ClientSpeakingAsync(string userName, string language, string like = DemoAccounts.MaintenanceManager)
    {
        var account = await app.CreateAccountLikeAsync(like, userName, "Initial-pass-1", mustChangePassword: false);
        await app.AsSystemAsync(async (_, db) =>
        {
            (await db.Users.FindAsync(account.Id))!.Language = language;
            return await db.SaveChangesAsync();
        });
        return await app.CreateApiClientAsync(userName, "Initial-pass-1");
    }

    [Fact]
    public async Task AnEnglishAccountGetsTheProblemDetailInEnglish()
    {
        var client = await ClientSpeakingAsync("api-english", AccountLanguages.English);

        var response = await client.GetAsync("/api/v1/repairs/987654");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("Order 987654 does not exist or is not visible to you.", problem!.Detail);
        Assert.Equal("repair.not_found", problem.Extensions["code"]?.ToString());
    }

    [Fact]
    public async Task AChineseAccountKeepsTheChineseDetailAndTheSameCode()
    {
        var client = await ClientSpeakingAsync("api-chinese", AccountLanguages.Chinese);

        var response = await client.GetAsync("/api/v1/repairs/987654");

        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>();
        Assert.Equal("工单 987654 不存在或无权查看。", problem!.Detail);
        Assert.Equal("repair.not_found", problem.Extensions["code"]?.ToString());
    }

    [Fact]
    public async Task FieldMessagesOfAValidationProblemAreInEnglish()
    {
        var client = await ClientSpeakingAsync("api-english-fields", AccountLanguages.English, DemoAccounts.MaintenanceWorker);

        var response = await client.GetAsync("/api/v1/maintenance/my/month?month=2026-13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>();
        Assert.Equal(["The month must be in the form yyyy-MM."], problem!.Errors["Month"]);
        Assert.Equal("validation", problem.Extensions["code"]?.ToString());
    }
}
