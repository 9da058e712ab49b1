namespace TiLianBang.Web.Hosting.OpenApi;

/// <summary>
/// The shape of every error the API answers (RFC 7807 problem details), as the OpenAPI document describes it.
/// <c>code</c> is stable (e.g. <c>repair.out_of_range</c>) for the client to act on; <c>title</c>/<c>detail</c> are in
/// the account's language; <c>errors</c> names each refused field.
/// </summary>
public sealed record ApiProblem(
    string? Type,
    string Title,
    int Status,
    string? Detail,
    string Code,
    IReadOnlyDictionary<string, string[]>? Errors);
