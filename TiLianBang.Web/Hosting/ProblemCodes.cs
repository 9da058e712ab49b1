namespace TiLianBang.Web.Hosting;

/// <summary>
/// Every problem the API answers carries a stable <c>code</c>. Domain refusals bring their own; the ones the
/// framework writes (no token, no permission, no such route, wrong method) get one from their status here.
/// </summary>
internal static class ProblemCodes
{
    public static void AddDefault(ProblemDetailsContext context)
    {
        if (context.ProblemDetails.Extensions.ContainsKey("code"))
        {
            return;
        }
        context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
        {
            StatusCodes.Status400BadRequest => "request.invalid",
            StatusCodes.Status401Unauthorized => "auth.unauthenticated",
            StatusCodes.Status403Forbidden => "auth.forbidden",
            StatusCodes.Status404NotFound => "not_found",
            StatusCodes.Status405MethodNotAllowed => "request.method_not_allowed",
            StatusCodes.Status413PayloadTooLarge => "request.too_large",
            StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
            StatusCodes.Status429TooManyRequests => "request.rate_limited",
            >= 500 => "server.error",
            _ => "request.refused",
        };
    }
}
