using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Localization;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// A request the endpoint could not even read — a query value of the wrong type, a missing required value, JSON
/// that does not parse or has a field of the wrong type, a body too large — answers problem details with the
/// stable code <c>request.invalid</c> (or <c>request.too_large</c>) and, where it can tell, the field by name,
/// like the service's own validation does. Minimal APIs are told to throw (<c>ThrowOnBadRequest</c>) so that this
/// handler, not an empty 400, answers.
/// </summary>
internal sealed partial class BadRequestHandler(IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        var status = bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest;
        httpContext.Response.StatusCode = status;
        var field = FieldOf(bad);
        var title = CoreTexts.Show(status == StatusCodes.Status413PayloadTooLarge ? "请求内容过大。" : "请求格式不正确。", culture);
        ProblemDetails details = field is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [CoreTexts.Show("值缺失或格式不正确。", culture)] });
        details.Status = status;
        details.Title = title;
        details.Detail = title;
        details.Extensions["code"] = status == StatusCodes.Status413PayloadTooLarge ? "request.too_large" : "request.invalid";
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = details, Exception = exception });
    }

    /// <summary>The request's name of the field: the JSON path of a body error, or the parameter's name.</summary>
    private string? FieldOf(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException { Path: { Length: > 1 } path })
        {
            var name = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
            return name.Length == 0 ? null : name;
        }
        var match = ParameterName().Match(bad.Message);
        if (!match.Success)
        {
            return null;
        }
        var parameter = match.Groups["name"].Value;
        return json.Value.SerializerOptions.PropertyNamingPolicy?.ConvertName(parameter) ?? parameter;
    }

    // The framework's messages: 'Failed to bind parameter "int? page" from "abc".' and
    // 'Required parameter "int elevatorId" was not provided from query string.'
    [GeneratedRegex("parameter \"[^\"]*? (?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterName();
}
