namespace TiLianBang.Web.Hosting;

/// <summary>How every <c>/api/v1</c> endpoint is described in the OpenAPI document.</summary>
public static class ApiDescriptions
{
    /// <summary>The summary in both languages of the product ("中文 · English"); the document test requires both.</summary>
    public static TBuilder Describe<TBuilder>(this TBuilder builder, string chinese, string english)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithSummary($"{chinese} · {english}");
}
