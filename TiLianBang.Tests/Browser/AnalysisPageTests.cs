using Microsoft.Playwright;
using TiLianBang.Core.Demo;

namespace TiLianBang.Tests.Browser;

/// <summary>STA-6 数据分析: charts drawn with their save menu, the table, the exports carrying the page's filter.</summary>
public sealed class AnalysisPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ChartsTableAndExportsFollowTheChosenYear()
    {
        var page = await browser.SignedInAsync(DemoAccounts.Supervisor, DemoAccounts.Password);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        await page.OpenAsync("/statistics/analysis");

        await Assertions.Expect(page.GetByTestId("trend-row")).ToHaveCountAsync(12);
        await Assertions.Expect(page.GetByTestId("chart-repairs").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("chart-work").Locator("svg").First).ToBeVisibleAsync();
        // ApexCharts' menu saves the chart as PNG or SVG (STA-6).
        await page.GetByTestId("chart-repairs").Locator(".apexcharts-menu-icon").ClickAsync();
        await Assertions.Expect(page.GetByTestId("chart-repairs").Locator(".exportPNG")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("chart-repairs").Locator(".exportSVG")).ToBeVisibleAsync();
        Assert.Equal("/api/v1/statistics/trends/export?format=xlsx", await page.GetByTestId("export-xlsx").GetAttributeAsync("href"));
        await page.ScreenshotAsync("statistics-analysis");

        var year = DateTime.UtcNow.Year - 1;
        await page.OpenAsync($"/statistics/analysis?year={year}");
        await Assertions.Expect(page.GetByTestId("trend-row").First).ToContainTextAsync($"{year}-01");
        Assert.Equal($"/api/v1/statistics/trends/export?format=csv&year={year}", await page.GetByTestId("export-csv").GetAttributeAsync("href"));
        Assert.Empty(errors);
    }
}
