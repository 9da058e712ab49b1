namespace TiLianBang.Tests.Infrastructure;

public static class HttpResponseExtensions
{
    /// <summary>Where a redirect points, as path and query, whether the server wrote it absolute or relative.</summary>
    public static string? RedirectPath(this HttpResponseMessage response) =>
        response.Headers.Location is not { } location ? null
        : location.IsAbsoluteUri ? location.PathAndQuery
        : location.OriginalString;
}
