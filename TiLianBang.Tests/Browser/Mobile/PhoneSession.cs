using Microsoft.Playwright;

namespace TiLianBang.Tests.Browser.Mobile;

/// <summary>
/// The mini-program's H5 build (/m) on a phone: 390×844, touch, Chinese, and a position the page can read through
/// navigator.geolocation (uni.getLocation on H5). Every request that leaves the app's own origin is recorded: the
/// app must work on an offline LAN.
/// </summary>
public static class PhoneSession
{
    /// <summary>江北 嘴: the demo's 渝安 communities are around here (WGS-84).</summary>
    public static readonly Geolocation Chongqing = new() { Latitude = 29.5630f, Longitude = 106.5516f };

    public static async Task<PhonePage> PhoneAsync(this BrowserFixture browser, Geolocation? position = null, string locale = "zh-CN", int width = 390)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Locale = locale,
            Geolocation = position ?? Chongqing,
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();
        var phone = new PhonePage(page, browser.BaseUrl);
        page.Request += (_, request) =>
        {
            var url = request.Url;
            if (!url.StartsWith(browser.BaseUrl, StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)
                && !url.StartsWith("blob:", StringComparison.Ordinal) && !url.StartsWith(browser.BaseUrl.Replace("http", "ws", StringComparison.Ordinal), StringComparison.Ordinal))
            {
                phone.ForeignRequests.Add(url);
            }
        };
        page.PageError += (_, error) => phone.Errors.Add(error);
        return phone;
    }

    /// <summary>Signs in on the H5 build's form (account and password; 通道号 is for WeChat binding only).</summary>
    public static async Task<PhonePage> SignedInPhoneAsync(this BrowserFixture browser, string userName, string password, Geolocation? position = null, string locale = "zh-CN")
    {
        var phone = await browser.PhoneAsync(position, locale);
        await phone.SignInAsync(userName, password);
        return phone;
    }
}

/// <summary>A phone's page, with what it asked of other hosts and the script errors it raised.</summary>
public sealed class PhonePage(IPage page, string baseUrl)
{
    public IPage Page { get; } = page;
    public string BaseUrl { get; } = baseUrl;
    public List<string> ForeignRequests { get; } = [];
    public List<string> Errors { get; } = [];

    /// <summary>Opens a page of the app by its uni-app path, e.g. "/monitor/detail?id=3".</summary>
    public async Task OpenAsync(string path)
    {
        await Page.GotoAsync("/m/#" + path);
        await Page.Locator("uni-page").First.WaitForAsync();
    }

    public async Task SignInAsync(string userName, string password)
    {
        await OpenAsync("/pages/login/index");
        await Page.Locator("[data-testid=login-user] input").FillAsync(userName);
        await Page.Locator("[data-testid=login-password] input").FillAsync(password);
        await Page.Locator("[data-testid=login-submit]").ClickAsync();
        await Assertions.Expect(Page.Locator("[data-testid=home-todo]")).ToBeVisibleAsync();
    }

    /// <summary>A wot-design-uni input's text box, by the data-testid on the component.</summary>
    public ILocator Input(string testId) => Page.Locator($"[data-testid={testId}] input, [data-testid={testId}] textarea").First;

    public ILocator ByTestId(string testId) => Page.Locator($"[data-testid={testId}]");

    /// <summary>
    /// Types into a search field and presses Enter until the page asks the server for that text. wd-search moves the
    /// focus about (its placeholder cover, a blur handler 150 ms late) right after the field is touched, so an Enter
    /// sent meanwhile can reach no field; a person would simply press the search key again.
    /// </summary>
    public async Task SearchAsync(string testId, string text)
    {
        var field = Input(testId);
        await field.FillAsync(text);
        await Assertions.Expect(field).ToHaveValueAsync(text);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Page.RunAndWaitForRequestAsync(
                    () => field.PressAsync("Enter"),
                    request => request.Url.Contains("/api/") && Uri.UnescapeDataString(request.Url).Contains(text),
                    new() { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (attempt < 3)
            {
                await Assertions.Expect(field).ToHaveValueAsync(text);
            }
        }
    }

    /// <summary>
    /// Taps a wot button once it can be pressed: a tap on a disabled or busy button does nothing on a phone either,
    /// and an action button stays busy until the previous action was answered.
    /// </summary>
    public async Task TapAsync(string testId)
    {
        await Assertions.Expect(ByTestId(testId)).Not.ToHaveClassAsync(new System.Text.RegularExpressions.Regex("is-disabled|is-loading"));
        await ByTestId(testId).ClickAsync();
    }

    /// <summary>Full-page screenshot under TestResults/screenshots/mobile-*.png, for people to look at.</summary>
    public Task ScreenshotAsync(string name) => Page.ScreenshotAsync(new()
    {
        Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "mobile-" + name + ".png"),
        FullPage = true,
    });
}
