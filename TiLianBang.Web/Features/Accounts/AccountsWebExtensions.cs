using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Cluster;
using TiLianBang.Web.Hosting;

namespace TiLianBang.Web.Features.Accounts;

public static class AccountsWebExtensions
{
    /// <summary>Staff pages sign in with a cookie, the mini-program with a bearer token; one scheme picks per request.</summary>
    private const string CookieOrBearer = "CookieOrBearer";

    public static WebApplicationBuilder AddTiLianBangAccounts(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddTiLianBangAccounts();
        services.Configure<TokenOptions>(builder.Configuration.GetSection("Auth"));
        services.AddSingleton(sp => TokenSigningKey.Load(
            sp.GetRequiredService<IOptions<TokenOptions>>().Value, sp.GetRequiredService<AppPaths>(),
            sp.GetRequiredService<IOptions<ClusterOptions>>().Value, sp.GetRequiredService<SharedKeys>()));
        services.AddScoped<TokenIssuer>();
        services.AddScoped<UserMenuState>();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CookieOrBearer;
                o.DefaultChallengeScheme = CookieOrBearer;
            })
            .AddPolicyScheme(CookieOrBearer, null, o => o.ForwardDefaultSelector = context =>
                UsesBearerToken(context.Request) ? JwtBearerDefaults.AuthenticationScheme : IdentityConstants.ApplicationScheme)
            .AddJwtBearer()
            .AddIdentityCookies();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SymmetricSecurityKey, TimeProvider>((o, key, clock) =>
            {
                o.MapInboundClaims = false;
                o.TimeProvider = clock;
                o.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = TokenOptions.Issuer,
                    ValidAudience = TokenOptions.Audience,
                    IssuerSigningKey = key,
                    NameClaimType = ClaimTypes.Name,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    // The default lifetime check reads the machine clock; ours must follow the TimeProvider.
                    LifetimeValidator = (notBefore, expires, _, parameters) =>
                    {
                        var now = clock.GetUtcNow().UtcDateTime;
                        return (notBefore is null || notBefore <= now + parameters.ClockSkew)
                            && expires is not null && expires > now - parameters.ClockSkew;
                    },
                };
                // A signature and an expiry are not enough: a token dies with its account's password, lock-out,
                // role or permissions (checked against the database, cached briefly).
                o.Events = new JwtBearerEvents
                {
                    OnTokenValidated = async context =>
                    {
                        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessionCheck>();
                        if (context.Principal is null
                            || !await sessions.IsCurrentAsync(context.Principal, requireSamePermissions: true, context.HttpContext.RequestAborted))
                        {
                            context.Fail("The token no longer matches its account (password, lock-out, role or permissions changed).");
                        }
                    },
                };
            });
        // The cookie's claims are rebuilt from the database this often, so a role's new permissions reach staff
        // pages without signing in again (a changed password, lock-out or role ends the cookie at once, below).
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.ValidationInterval = AccountSessionCheck.CacheTime;
            o.TimeProvider = clock;
        });
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/signin";
            o.LogoutPath = "/account/signout";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.Cookie.Name = "TiLianBang.Auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            // An API caller gets a status code, not a sign-in page.
            o.Events.OnRedirectToLogin = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            o.Events.OnValidatePrincipal = ValidateStaffCookieAsync;
        });

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddAuthorization();
        services.AddHttpContextAccessor();
        services.AddScoped<AuthenticationStateProvider, AccountRevalidatingStateProvider>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CurrentActorCircuitHandler>());
        return builder;
    }

    /// <summary>Tells the domain who acts in this request (scope and operation log) from the authenticated user.</summary>
    public static WebApplication UseCurrentActor(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<CurrentActor>()
                .SetUser(context.User, context.Connection.RemoteIpAddress?.ToString());
            return next(context);
        });
        return app;
    }

    internal static bool IsApiRequest(this HttpRequest request) => request.Path.StartsWithSegments("/api");

    /// <summary>
    /// The bearer scheme, not the cookie, authenticates a request that carries a token, and every API request
    /// that changes something. A browser sends the staff cookie with any request a page of another site makes it
    /// send (cross-site request forgery), and the API does no antiforgery check; its callers (the mini-program)
    /// use tokens. Staff pages only read from the API with the cookie (exports, photos), which stays allowed.
    /// </summary>
    internal static bool UsesBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
        || (request.IsApiRequest() && !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)));

    /// <summary>
    /// Ends a staff cookie whose account changed password, was locked or disabled, or changed role — at once for
    /// changes made in this process, within <see cref="AccountSessionCheck.CacheTime"/> otherwise — and lets
    /// Identity's security stamp validator refresh the claims of the rest.
    /// </summary>
    private static async Task ValidateStaffCookieAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<AccountSessionCheck>();
        if (context.Principal is null
            || !await sessions.IsCurrentAsync(context.Principal, requireSamePermissions: false, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static Task RedirectOrStatus(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.IsApiRequest())
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }
        return Task.CompletedTask;
    }
}
