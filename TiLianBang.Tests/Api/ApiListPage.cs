namespace TiLianBang.Tests.Api;

/// <summary>
/// A <c>PagedList</c> as a client reads it: the server's record has two constructors, which System.Text.Json will
/// not choose between.
/// </summary>
public sealed record ApiListPage<T>(List<T> Items, int Total, int Page, int PageSize);
