using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace TiLianBang.Tests.Browser;

/// <summary>The page a passenger's phone opens from the QR code in the car (ARC-2, issue 13): readable and usable at 390×844.</summary>
public sealed class PublicElevatorPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> PhoneAsync(ColorScheme scheme)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            IsMobile = true,
            HasTouch = true,
            Locale = "zh-CN",
            ColorScheme = scheme,
        });
        return await context.NewPageAsync();
    }

    /// <summary>An elevator whose archive has no 下次检验日期: the row must be left out, not shown blank.</summary>
    private Task<string> TokenWithoutNextInspectionAsync() => browser.App.AsSystemAsync(async (_, db) =>
    {
        var elevator = await db.Elevators.SingleAsync(e => e.Number == "CQ0003");
        elevator.NextInspectionDate = null;
        await db.SaveChangesAsync();
        return elevator.PublicToken;
    });

    private static Task<string> ComputedAsync(ILocator locator, string property) =>
        locator.EvaluateAsync<string>("(e, p) => getComputedStyle(e).getPropertyValue(p)", property);

    private static async Task AssertVisibleBorderAsync(ILocator input)
    {
        Assert.NotEqual("0px", await ComputedAsync(input, "border-top-width"));
        Assert.Equal("solid", await ComputedAsync(input, "border-top-style"));
        Assert.NotEqual(await ComputedAsync(input, "background-color"), await ComputedAsync(input, "border-top-color"));
    }

    [Theory]
    [InlineData(ColorScheme.Light, "public-390")]
    [InlineData(ColorScheme.Dark, "public-390-dark")]
    public async Task OnAPhoneTheInputsAreVisibleThePhoneFieldIsATelephoneFieldAndNoFactIsBlank(ColorScheme scheme, string screenshot)
    {
        var token = await TokenWithoutNextInspectionAsync();
        var phone = await PhoneAsync(scheme);

        await phone.GotoAsync($"/e/{token}");

        await Assertions.Expect(phone.GetByTestId("public-number")).ToHaveTextAsync("CQ0003");
        await AssertVisibleBorderAsync(phone.GetByTestId("public-description"));
        var contact = phone.GetByTestId("public-contact");
        await AssertVisibleBorderAsync(contact);
        await Assertions.Expect(contact).ToHaveAttributeAsync("type", "tel");
        await Assertions.Expect(contact).ToHaveAttributeAsync("inputmode", "tel");
        await Assertions.Expect(contact).ToHaveAttributeAsync("autocomplete", "tel");
        var values = await phone.GetByTestId("public-info").Locator("dd").AllInnerTextsAsync();
        Assert.NotEmpty(values);
        Assert.All(values, value => Assert.False(string.IsNullOrWhiteSpace(value)));
        await Assertions.Expect(phone.GetByTestId("public-info")).Not.ToContainTextAsync("下次检验日期");
        Assert.Equal(0, await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth"));
        // 有人被困 is drawn in the page's colours, not the browser's white box on a dark page (issue 13).
        var trapped = phone.GetByTestId("public-trapped");
        Assert.Equal("none", await ComputedAsync(trapped, "appearance"));
        await AssertVisibleBorderAsync(trapped);
        Assert.Equal(await ComputedAsync(contact, "background-color"), await ComputedAsync(trapped, "background-color"));
        await trapped.TapAsync();
        await Assertions.Expect(trapped).ToBeCheckedAsync();
        Assert.NotEqual(await ComputedAsync(contact, "background-color"), await ComputedAsync(trapped, "background-color"));
        await phone.ScreenshotAsync(new() { Path = Path.Combine(GalleryDirectory(), screenshot + "-trapped.png"), FullPage = true });
        await trapped.TapAsync();
        await Assertions.Expect(trapped).Not.ToBeCheckedAsync();
        await phone.ScreenshotAsync(new() { Path = Path.Combine(GalleryDirectory(), screenshot + ".png"), FullPage = true });

        // A report without a description is refused with a visible reason; then it is taken.
        await phone.GetByTestId("public-submit").TapAsync();
        await Assertions.Expect(phone.GetByTestId("public-error")).ToBeVisibleAsync();
        await phone.GetByTestId("public-description").FillAsync("按钮不亮，门关不上");
        await phone.GetByTestId("public-contact").FillAsync("13800138000");
        await phone.GetByTestId("public-submit").TapAsync();
        await Assertions.Expect(phone.GetByTestId("public-reported")).ToContainTextAsync("JX");
        await phone.ScreenshotAsync(new() { Path = Path.Combine(GalleryDirectory(), screenshot + "-reported.png"), FullPage = true });
        await phone.Context.CloseAsync();
    }

    private static string GalleryDirectory() => Directory.CreateDirectory(Path.Combine(BrowserFixture.ScreenshotDirectory, "gallery")).FullName;
}
