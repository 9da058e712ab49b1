using Microsoft.AspNetCore.Localization;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Hosting;

/// <summary>
/// Simplified Chinese unless the person chose English; the choice travels in the culture cookie, and for clients
/// without it (API tokens) in the account's language claim. Runs after authentication so that claim is there.
/// </summary>
public static class LocalizationExtensions
{
    public static WebApplication UseTiLianBangLocalization(this WebApplication app)
    {
        app.UseRequestLocalization(o =>
        {
            o.SetDefaultCulture(AccountLanguages.Chinese)
                .AddSupportedCultures([.. AccountLanguages.All])
                .AddSupportedUICultures([.. AccountLanguages.All]);
            o.RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(context => Task.FromResult<ProviderCultureResult?>(
                    context.User.FindFirst(AccountClaimTypes.Language)?.Value is { } language && AccountLanguages.IsSupported(language)
                        ? new ProviderCultureResult(language)
                        : null)),
            ];
        });
        return app;
    }

    public static void WriteCultureCookie(this HttpResponse response, string culture) =>
        response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
            });
}
