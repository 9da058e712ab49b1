using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Api;

/// <summary>What the home, archive, message and about API tests check the same way: JSON, problems, paging bounds.</summary>
internal static class HomeApiChecks
{
    /// <summary>A 400 validation problem; answers its field errors.</summary>
    public static async Task<IDictionary<string, string[]>> InvalidAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>(ApiJson.Options);
        Assert.Equal("validation", problem!.Extensions["code"]?.ToString());
        return problem.Errors;
    }

    public static async Task<string?> CodeOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>(ApiJson.Options))?.Extensions["code"]?.ToString();

    /// <summary>page 0, pageSize 0 and 101 are refused naming the parameter; a word for a number is refused too.</summary>
    public static async Task PagingIsBoundedAsync(HttpClient client, string path)
    {
        var separator = path.Contains('?') ? '&' : '?';
        Assert.Contains("page", (await InvalidAsync(await client.GetAsync($"{path}{separator}page=0"))).Keys);
        Assert.Contains("pageSize", (await InvalidAsync(await client.GetAsync($"{path}{separator}pageSize=0"))).Keys);
        Assert.Contains("pageSize", (await InvalidAsync(await client.GetAsync($"{path}{separator}pageSize=101"))).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{path}{separator}page=abc")).StatusCode);
    }

    public const string NewAccountPassword = "HomeApi-2026";

    /// <summary>A new account in a demo account's company and role, signed in through the API, with nothing of its own yet.</summary>
    public static async Task<(HttpClient Client, int AccountId)> NewAccountAsync(TiLianBangAppFactory app, string likeDemoUser, string userName)
    {
        var account = await app.CreateAccountLikeAsync(likeDemoUser, userName, NewAccountPassword, mustChangePassword: false);
        return (await app.CreateApiClientAsync(userName, NewAccountPassword), account.Id);
    }
}

