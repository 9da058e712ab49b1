using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Api;

/// <summary>
/// The API's description (<c>/openapi/v1.json</c>) against the routes the application really maps: every
/// <c>/api/v1</c> route is described, with a summary in both languages and its problem answers; only the
/// deliberate anonymous routes go without a token, and that is checked over HTTP, not only in the document.
/// </summary>
public sealed partial class OpenApiDocumentTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    /// <summary>
    /// The routes a person without a token must reach: signing in, binding, recovering a password; and the live
    /// socket, whose token may come in its first frame (LiveSocketTests prove nothing flows before it).
    /// </summary>
    private static readonly HashSet<string> Anonymous =
    [
        "GET /api/v1/live",
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/bind",
        "POST /api/v1/auth/wechat",
        "POST /api/v1/auth/recovery/code",
        "POST /api/v1/auth/recovery/reset",
    ];

    private List<(string Method, string Template)> ApiRoutes() => ApiEndpoints().Select(e => (e.Method, e.Template)).Distinct().ToList();

    private List<(string Method, string Template, bool TakesForm)> ApiEndpoints()
    {
        _ = app.Server; // starts the host
        return app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (
                    Method: m,
                    Template: "/" + e.RoutePattern.RawText!.TrimStart('/').TrimEnd('/'),
                    TakesForm: e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Any(c => c.StartsWith("multipart/", StringComparison.Ordinal)) == true)))
            .ToList();
    }

    /// <summary>The document's path for a route: constraints and defaults dropped (<c>{id:int}</c> → <c>{id}</c>).</summary>
    private static string DocumentPath(string template) => Constraint().Replace(template, "{${name}}");

    private async Task<JsonNode> DocumentAsync()
    {
        var response = await app.CreateClient().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task EveryApiRouteIsDescribedWithASummaryInBothLanguagesAndItsProblems()
    {
        var document = await DocumentAsync();
        var paths = document["paths"]!.AsObject();
        var routes = ApiRoutes();
        Assert.True(routes.Count > 40, $"only {routes.Count} API routes found");

        var missing = new List<string>();
        var unsummarised = new List<string>();
        var withoutProblems = new List<string>();
        foreach (var (method, template) in routes)
        {
            var operation = paths[DocumentPath(template)]?[method.ToLowerInvariant()];
            if (operation is null)
            {
                missing.Add($"{method} {template}");
                continue;
            }
            var summary = operation["summary"]?.GetValue<string>() ?? "";
            var parts = summary.Split(" · ");
            if (parts.Length != 2 || !Chinese().IsMatch(parts[0]) || !Latin().IsMatch(parts[1]) || Chinese().IsMatch(parts[1]))
            {
                unsummarised.Add($"{method} {template}: \"{summary}\"");
            }
            var problem = operation["responses"]?["400"]?["content"]?["application/problem+json"]?["schema"]?["$ref"]?.GetValue<string>();
            if (problem != "#/components/schemas/ApiProblem")
            {
                withoutProblems.Add($"{method} {template}");
            }
        }
        Assert.True(missing.Count == 0, "Not in the document: " + string.Join(", ", missing));
        Assert.True(unsummarised.Count == 0, "No bilingual summary: " + string.Join("; ", unsummarised));
        Assert.True(withoutProblems.Count == 0, "No problem answer: " + string.Join(", ", withoutProblems));
        var problemSchema = document["components"]!["schemas"]!["ApiProblem"]!["properties"]!.AsObject();
        Assert.Contains("code", problemSchema.Select(p => p.Key));
        Assert.Contains("errors", problemSchema.Select(p => p.Key));
    }

    [Fact]
    public async Task OnlyTheDeliberateAnonymousRoutesGoWithoutATokenInTheDocumentAndOverHttp()
    {
        var document = await DocumentAsync();
        Assert.Equal("bearer", document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]!.GetValue<string>());
        var anonymousClient = app.CreateClient();
        var open = new List<string>();
        var undocumentedSecurity = new List<string>();
        foreach (var (method, template, takesForm) in ApiEndpoints())
        {
            var key = $"{method} {template}";
            var operation = document["paths"]![DocumentPath(template)]?[method.ToLowerInvariant()];
            var declared = operation?["security"] is JsonArray { Count: > 0 };
            if (Anonymous.Contains(key))
            {
                Assert.False(declared, $"{key} is anonymous but the document asks for a token");
                continue;
            }
            if (!declared)
            {
                undocumentedSecurity.Add(key);
            }
            using var request = new HttpRequestMessage(new HttpMethod(method), Concrete(template));
            // A body of the kind the route reads, so that routing cannot refuse it (415) before authorization answers.
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = takesForm
                    ? new MultipartFormDataContent { { new StringContent("x"), "x" } }
                    : new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            }
            var response = await anonymousClient.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized)
            {
                open.Add($"{key} → {(int)response.StatusCode}");
            }
        }
        Assert.True(open.Count == 0, "Reachable without a token: " + string.Join(", ", open));
        Assert.True(undocumentedSecurity.Count == 0, "Token not declared: " + string.Join(", ", undocumentedSecurity));
        foreach (var key in Anonymous)
        {
            Assert.Contains(ApiRoutes(), r => $"{r.Method} {r.Template}" == key);
        }
    }

    [Fact]
    public async Task TheReferenceServesItselfWithoutReachingTheInternet()
    {
        var client = app.CreateClient();
        var page = await client.GetAsync("/api/docs/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("openapi/v1.json", html);
        var sources = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, src => Assert.DoesNotMatch("^(https?:)?//", src));
        foreach (var src in sources)
        {
            var script = await client.GetAsync(new Uri(new Uri("http://localhost/api/docs/"), src));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }
        Assert.DoesNotContain("fonts.scalar.com", html);
    }

    /// <summary>A request URL for a route template: ids that exist nowhere, words for the rest.</summary>
    private static string Concrete(string template) => Parameter().Replace(template, m => m.Groups["name"].Value switch
    {
        "kind" => "manufacturers",
        var name when m.Value.Contains(":int", StringComparison.Ordinal) || name.EndsWith("Id", StringComparison.Ordinal) || name == "id" => "987654",
        _ => "x",
    });

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?(=[^}]*)?\??\}")]
    private static partial Regex Constraint();

    [GeneratedRegex(@"\{\*?(?<name>[A-Za-z_][A-Za-z0-9_]*)[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    [GeneratedRegex("[A-Za-z]{2,}")]
    private static partial Regex Latin();

    [GeneratedRegex("<script[^>]*src=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
