using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Common;

namespace TiLianBang.Web.Hosting;

/// <summary>Maps a broken domain rule to RFC 7807 problem details with a stable code and the person's-language text.</summary>
internal sealed class DomainExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not DomainException domain)
        {
            return false;
        }
        httpContext.Response.StatusCode = StatusCodeOf(domain.Kind);
        // The culture the localization middleware chose; its CurrentUICulture did not flow back out to this handler.
        var culture = httpContext.Features.Get<IRequestCultureFeature>()?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture;
        ProblemDetails details = domain is ValidationException validation
            ? new HttpValidationProblemDetails(validation.ErrorsIn(culture).ToDictionary(e => e.Key, e => new[] { e.Value }))
            : new ProblemDetails();
        details.Status = httpContext.Response.StatusCode;
        details.Title = domain.MessageIn(culture);
        details.Detail = details.Title;
        details.Extensions["code"] = domain.Code;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = details,
            Exception = exception,
        });
    }

    internal static int StatusCodeOf(DomainErrorKind kind) => kind switch
    {
        DomainErrorKind.NotFound => StatusCodes.Status404NotFound,
        DomainErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        DomainErrorKind.Conflict => StatusCodes.Status409Conflict,
        DomainErrorKind.TooLarge => StatusCodes.Status413PayloadTooLarge,
        DomainErrorKind.Unprocessable => StatusCodes.Status422UnprocessableEntity,
        DomainErrorKind.TooManyRequests => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status400BadRequest,
    };
}
