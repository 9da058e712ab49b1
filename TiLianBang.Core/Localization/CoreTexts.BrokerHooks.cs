namespace TiLianBang.Core.Localization;

public static partial class CoreTexts
{
    /// <summary>Texts of the external broker's HTTP hooks (issue 19): answers to a misconfigured EMQX.</summary>
    private static (string Chinese, string English)[] BrokerHooks() =>
    [
        ("action 须为 publish 或 subscribe。", "action must be publish or subscribe."),
        ("缺少 clientid（请按运维文档配置 EMQX 的请求体）。", "clientid is missing (configure EMQX's request body as the operations guide shows)."),
        ("缺少 username（请按运维文档配置 EMQX 的请求体）。", "username is missing (configure EMQX's request body as the operations guide shows)."),
        ("缺少 topic（请按运维文档配置 EMQX 的请求体）。", "topic is missing (configure EMQX's request body as the operations guide shows)."),
        ("缺少 action（请按运维文档配置 EMQX 的请求体）。", "action is missing (configure EMQX's request body as the operations guide shows)."),
    ];
}
