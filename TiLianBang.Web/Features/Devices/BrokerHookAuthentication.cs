using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using TiLianBang.Core.Devices.ExternalBroker;

namespace TiLianBang.Web.Features.Devices;

/// <summary>
/// The callers of the EMQX hooks are brokers, not people: they carry no cookie and no token but the shared secret
/// <c>Mqtt:External:HookSecret</c> in a header. A missing or wrong secret is a 401, like any unauthenticated API call.
/// </summary>
public sealed class BrokerHookAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, BrokerHooks hooks)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "BrokerHook";

    /// <summary>The hooks' policy: a caller that presented the secret, and no other kind of sign-in.</summary>
    public static AuthorizationPolicy Policy { get; } =
        new AuthorizationPolicyBuilder(SchemeName).RequireAuthenticatedUser().Build();

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ExternalBrokerOptions.HookSecretHeader, out var presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!hooks.AcceptsHookSecret(presented.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail("Wrong broker hook secret."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "mqtt-broker")], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

public static class BrokerHookExtensions
{
    /// <summary>The authentication scheme of the broker hooks (see <see cref="BrokerHookEndpoints"/>).</summary>
    public static WebApplicationBuilder AddTiLianBangBrokerHooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BrokerHookAuthenticationHandler>(BrokerHookAuthenticationHandler.SchemeName, null);
        return builder;
    }
}
