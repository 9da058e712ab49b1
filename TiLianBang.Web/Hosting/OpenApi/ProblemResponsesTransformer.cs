using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace TiLianBang.Web.Hosting.OpenApi;

/// <summary>
/// Adds the problem answers every operation can give — refused input, no or expired token, no permission, not
/// found (or in another company's scope), broken rule, too many requests — with the <see cref="ApiProblem"/>
/// schema, so a client sees the error shape and its stable <c>code</c> next to each operation.
/// </summary>
internal sealed class ProblemResponsesTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document ?? throw new InvalidOperationException("The operation has no document.");
        const string schemaId = nameof(ApiProblem);
        if (document.Components?.Schemas?.ContainsKey(schemaId) != true)
        {
            document.AddComponent(schemaId, await context.GetOrCreateSchemaAsync(typeof(ApiProblem), null, cancellationToken));
        }
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var secured = !metadata.OfType<IAllowAnonymous>().Any() && metadata.OfType<IAuthorizeData>().Any();
        operation.Responses ??= [];
        Add(operation, document, 400, "输入有误，errors 指明字段 · Refused input; errors names each field");
        if (secured)
        {
            Add(operation, document, 401, "未登录或令牌已失效 · No token, or it expired or was revoked");
            Add(operation, document, 403, "无此权限 · Missing permission");
        }
        if (context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
        {
            Add(operation, document, 404, "不存在或不在本单位范围内 · Not found, or outside the caller's company");
        }
        if (context.Description.HttpMethod is not "GET")
        {
            Add(operation, document, 409, "与当前状态冲突 · Conflicts with the current state");
        }
        else if (!secured)
        {
            Add(operation, document, 429, "请求过于频繁 · Too many requests");
        }
    }

    private static void Add(OpenApiOperation operation, OpenApiDocument document, int status, string description)
    {
        var key = status.ToString(CultureInfo.InvariantCulture);
        if (operation.Responses!.ContainsKey(key))
        {
            return;
        }
        operation.Responses[key] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(nameof(ApiProblem), document) },
            },
        };
    }
}
