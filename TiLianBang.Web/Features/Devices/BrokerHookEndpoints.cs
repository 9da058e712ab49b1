using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices.ExternalBroker;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Devices;

/// <summary>
/// EMQX 5's HTTP authentication and authorization hooks (issue 19, external MQTT cluster): EMQX asks on every
/// CONNECT, PUBLISH and SUBSCRIBE of a client, and this process answers with the embedded broker's rules, in the
/// request and response shapes EMQX documents (<c>{"result":"allow"|"deny"|"ignore","is_superuser":false}</c>).
/// Protected by the shared secret <c>Mqtt:External:HookSecret</c>; never audit-logged per call (they are reads).
/// See docs/operations.md, "External MQTT cluster", for the EMQX side.
/// </summary>
public static class BrokerHookEndpoints
{
    public static WebApplication MapBrokerHookEndpoints(this WebApplication app)
    {
        var hooks = app.MapGroup("/api/v1/mqtt/emqx").WithTags("MQTT broker hooks").RequireAuthorization(BrokerHookAuthenticationHandler.Policy);
        hooks.MapPost("/authenticate", Authenticate)
            .Describe("EMQX 认证钩子：采集器或平台账号能否连接（需 Hook 密钥）", "EMQX authentication hook: may this collector or the platform account connect (hook secret required)");
        hooks.MapPost("/authorize", Authorize)
            .Describe("EMQX 授权钩子：能否发布或订阅该主题（需 Hook 密钥）", "EMQX authorization hook: may this client publish or subscribe to the topic (hook secret required)");
        return app;
    }

    private static Ok<EmqxAuthenticationResponse> Authenticate([FromServices] BrokerHooks hooks, EmqxAuthenticationRequest request)
    {
        Require(("clientid", request.ClientId), ("username", request.UserName));
        var (decision, superuser) = hooks.Authenticate(request.ClientId!, request.UserName!, request.Password, request.PeerHost);
        return TypedResults.Ok(new EmqxAuthenticationResponse(Text(decision), superuser));
    }

    private static Ok<EmqxAuthorizationResponse> Authorize([FromServices] BrokerHooks hooks, EmqxAuthorizationRequest request)
    {
        Require(("clientid", request.ClientId), ("username", request.UserName), ("topic", request.Topic), ("action", request.Action));
        BrokerAction action = request.Action switch
        {
            "publish" => BrokerAction.Publish,
            "subscribe" => BrokerAction.Subscribe,
            _ => throw new ValidationException(new Dictionary<string, string> { ["action"] = "action 须为 publish 或 subscribe。" }),
        };
        return TypedResults.Ok(new EmqxAuthorizationResponse(Text(hooks.Authorize(request.ClientId!, request.UserName!, action, request.Topic!))));
    }

    /// <summary>A field EMQX always sends when configured as documented; its absence is a configuration mistake.</summary>
    private static void Require(params (string Name, string? Value)[] fields)
    {
        var missing = fields.Where(f => f.Value is null).ToDictionary(f => f.Name, f => $"缺少 {f.Name}（请按运维文档配置 EMQX 的请求体）。");
        if (missing.Count > 0)
        {
            throw new ValidationException(missing);
        }
    }

    private static string Text(BrokerDecision decision) => decision switch
    {
        BrokerDecision.Allow => "allow",
        BrokerDecision.Deny => "deny",
        _ => "ignore",
    };
}

/// <summary>EMQX's authentication request body (placeholders <c>${clientid}</c>, <c>${username}</c>, <c>${password}</c>, <c>${peerhost}</c>).</summary>
public sealed record EmqxAuthenticationRequest(
    [property: JsonPropertyName("clientid")] string? ClientId,
    [property: JsonPropertyName("username")] string? UserName,
    [property: JsonPropertyName("password")] string? Password,
    [property: JsonPropertyName("peerhost")] string? PeerHost);

/// <summary>
/// EMQX's authorization request body (<c>${clientid}</c>, <c>${username}</c>, <c>${topic}</c>, <c>${action}</c>,
/// <c>${qos}</c>, <c>${retain}</c>); qos and retain arrive as numbers or strings depending on the template and
/// change nothing.
/// </summary>
public sealed record EmqxAuthorizationRequest(
    [property: JsonPropertyName("clientid")] string? ClientId,
    [property: JsonPropertyName("username")] string? UserName,
    [property: JsonPropertyName("topic")] string? Topic,
    [property: JsonPropertyName("action")] string? Action,
    [property: JsonPropertyName("qos")] JsonElement? Qos,
    [property: JsonPropertyName("retain")] JsonElement? Retain,
    [property: JsonPropertyName("peerhost")] string? PeerHost);

/// <summary><c>result</c>: allow, deny or ignore (not ours: EMQX's next authenticator decides).</summary>
public sealed record EmqxAuthenticationResponse(
    [property: JsonPropertyName("result")] string Result,
    [property: JsonPropertyName("is_superuser")] bool IsSuperuser);

/// <summary><c>result</c>: allow or deny.</summary>
public sealed record EmqxAuthorizationResponse([property: JsonPropertyName("result")] string Result);
