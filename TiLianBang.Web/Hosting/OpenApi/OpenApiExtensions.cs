using Scalar.AspNetCore;

namespace TiLianBang.Web.Hosting.OpenApi;

/// <summary>The API's OpenAPI document at <c>/openapi/v1.json</c> and its interactive reference (Scalar) at <c>/api/docs</c>.</summary>
public static class OpenApiExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/api/docs";

    public static IServiceCollection AddTiLianBangOpenApi(this IServiceCollection services)
    {
        services.AddOpenApi("v1", options =>
        {
            // Only the versioned API: the staff app's own form posts (sign-in, language) are not for clients.
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/v1/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<BearerSecurityTransformer>();
            options.AddOperationTransformer<ProblemResponsesTransformer>();
        });
        return services;
    }

    public static WebApplication MapTiLianBangApiReference(this WebApplication app)
    {
        // The description of the API is no secret; calling it still needs a token.
        app.MapOpenApi().AllowAnonymous().ExcludeFromDescription();
        app.MapScalarApiReference(ReferencePath, options => options
            .WithTitle("梯连帮 API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .AddDocument("v1")
            .AddPreferredSecuritySchemes(BearerSecurityTransformer.SchemeName)
            // Installed on LANs without internet: no web fonts, telemetry or AI agent from scalar.com.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools()
            .HideClientButton())
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }
}
