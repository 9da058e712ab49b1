namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the HTTP API's conventions (paging, sorting, datums, rate limits) and OpenAPI texts.</summary>
    private static (string Chinese, string English)[] Api() =>
    [
        ("页码须为 1–100000。", "The page must be 1–100000."),
        ("每页条数须为 1–100。", "The page size must be 1–100."),
        ("天数须为 7–365。", "The number of days must be 7–365."),
        ("条数须为 1–500。", "The number of rows must be 1–500."),
        ("请求过于频繁，请稍后再试。", "Too many requests; please try again later."),
        ("请求内容过大。", "The request is too large."),
        ("请求格式不正确。", "The request is malformed."),
        ("值缺失或格式不正确。", "The value is missing or has the wrong format."),
        ("Idempotency-Key 应为 1–100 个可见 ASCII 字符。", "The Idempotency-Key must be 1–100 visible ASCII characters."),
        ("此 Idempotency-Key 已用于另一个请求。", "This Idempotency-Key was used for another request."),
        ("同一请求正在处理，请稍后重试。", "The same request is being processed; try again shortly."),
        ("此请求已处理，无需重复提交。", "This request was already applied; there is nothing to send again."),
    ];
}
