using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TiLianBang.Tests.Api;

/// <summary>How API tests read answers: enums as strings, pages and problems as the API writes them.</summary>
internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A 200's body; any other status fails the test showing the body, which says why.</summary>
    public static async Task<T> OkAsync<T>(this HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK,
            $"{response.RequestMessage?.RequestUri?.PathAndQuery}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(Options))!;
    }

    public static async Task<T> GetOkAsync<T>(this HttpClient client, string url) => await (await client.GetAsync(url)).OkAsync<T>();

    /// <summary>The problem's <c>code</c> and the fields its <c>errors</c> name.</summary>
    public static async Task<(string? Code, IReadOnlyList<string> Fields)> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var code = root.TryGetProperty("code", out var c) ? c.GetString() : null;
        var fields = root.TryGetProperty("errors", out var errors) ? errors.EnumerateObject().Select(e => e.Name).ToList() : [];
        return (code, fields);
    }
}
