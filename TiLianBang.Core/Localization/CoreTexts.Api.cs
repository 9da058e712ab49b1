namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the HTTP API's conventions (paging, sorting, datums, rate limits) and OpenAPI texts.</summary>
    private static (string Chinese, string English)[] Api() =>
    [
        ("页码须为 1–100000。", "The page must be 1–100000."),
        ("每页条数须为 1–100。", "The page size must be 1–100."),
    ];
}
