using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Specifications;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Specifications;
using static TiLianBang.Tests.Api.HomeApiChecks;

namespace TiLianBang.Tests.Api;

/// <summary>API-8 工作规范: each company reads only its own documents; PDFs are checked, stored under our own names and served back.</summary>
public sealed class SpecificationApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    private string Documents => Path.Combine(app.DataDirectory, "documents");

    /// <summary>Saves through the service as a demo account, as the 工作规范 page does.</summary>
    private async Task<WorkSpecification> SaveAsync(string userName, int? id, WorkSpecificationInput input, byte[]? pdf = null, string? pdfName = null)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        using var content = pdf is null ? null : new MemoryStream(pdf);
        return await scope.ServiceProvider.GetRequiredService<WorkSpecifications>().SaveAsync(id, input, content, pdfName, default);
    }

    private async Task<IReadOnlyDictionary<string, string>> RefusedAsync(string userName, int? id, WorkSpecificationInput input, byte[]? pdf = null) =>
        (await Assert.ThrowsAsync<ValidationException>(() => SaveAsync(userName, id, input, pdf, "x.pdf"))).ChineseErrors;

    private Task<HttpClient> WorkerAsync() => app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);

    [Fact]
    public async Task EachCompanyReadsOnlyItsOwnSpecifications()
    {
        var worker = await WorkerAsync();
        var other = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        var expected = await app.AsSystemAsync((_, db) => db.WorkSpecifications
            .Where(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == DemoStaff.MaintenanceA))
            .OrderBy(s => s.SortOrder).ThenBy(s => s.Id).Select(s => s.Title).ToListAsync());

        var mine = await ApiJson.OkAsync<PagedList<SpecificationSummary>>(await worker.GetAsync("/api/v1/specifications"));
        var theirs = await ApiJson.OkAsync<PagedList<SpecificationSummary>>(await other.GetAsync("/api/v1/specifications"));
        var detail = await ApiJson.OkAsync<SpecificationDetails>(await worker.GetAsync($"/api/v1/specifications/{mine.Items[0].Id}"));

        Assert.Contains("电梯维保作业安全规范", expected);
        Assert.Equal(expected, mine.Items.Select(s => s.Title));
        Assert.Equal(expected.Count, mine.Total);
        Assert.DoesNotContain(theirs.Items, s => mine.Items.Any(m => m.Id == s.Id));
        Assert.NotEmpty(theirs.Items);
        Assert.Equal(mine.Items[0].Title, detail.Title);
        Assert.False(string.IsNullOrWhiteSpace(detail.Body));
        foreach (var foreign in theirs.Items)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/specifications/{foreign.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/specifications/{foreign.Id}/pdf")).StatusCode);
        }
        Assert.Equal("specification.not_found", await CodeOfAsync(await worker.GetAsync("/api/v1/specifications/999999")));
    }

    [Fact]
    public async Task APdfIsServedWithItsNameButStoredUnderAGeneratedOne()
    {
        var saved = await SaveAsync(DemoAccounts.MaintenanceManager, null,
            new WorkSpecificationInput { Title = "规范·带附件", Body = "", SortOrder = 90 }, Pdf, "../../年度 检查\u0001.pdf");
        var worker = await WorkerAsync();

        var detail = await ApiJson.OkAsync<SpecificationDetails>(await worker.GetAsync($"/api/v1/specifications/{saved.Id}"));
        var download = await worker.GetAsync(detail.PdfUrl);

        Assert.True(detail.HasPdf);
        Assert.Equal("年度 检查.pdf", detail.PdfFileName);
        Assert.Equal(Pdf.Length, detail.PdfLength);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("年度 检查.pdf", download.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        var file = Path.GetFileName(Assert.Single(Directory.GetFiles(Documents), f => f.EndsWith(saved.PdfStoredName!, StringComparison.Ordinal)));
        Assert.Matches("^spec-[0-9a-f]{32}\\.pdf$", file);
        Assert.Empty(Directory.GetFiles(app.DataDirectory, "*检查*", SearchOption.AllDirectories));
        var listed = await ApiJson.OkAsync<PagedList<SpecificationSummary>>(await worker.GetAsync("/api/v1/specifications?search=带附件"));
        Assert.True(Assert.Single(listed.Items).HasPdf);
    }

    [Fact]
    public async Task ReplacingOrRemovingAPdfAndDeletingASpecificationLeaveNoFileBehind()
    {
        var input = new WorkSpecificationInput { Title = "规范·替换", Body = "正文", SortOrder = 91 };
        var first = await SaveAsync(DemoAccounts.MaintenanceManager, null, input, Pdf, "a.pdf");
        var second = await SaveAsync(DemoAccounts.MaintenanceManager, first.Id, input, [.. Pdf, .. "more"u8.ToArray()], "b.pdf");
        var worker = await WorkerAsync();
        var served = await worker.GetAsync($"/api/v1/specifications/{first.Id}/pdf");

        Assert.False(File.Exists(Path.Combine(Documents, first.PdfStoredName!)));
        Assert.True(File.Exists(Path.Combine(Documents, second.PdfStoredName!)));
        Assert.Equal("b.pdf", served.Content.Headers.ContentDisposition?.FileNameStar);
        var removed = await SaveAsync(DemoAccounts.MaintenanceManager, first.Id, input with { RemovePdf = true });
        Assert.Null(removed.PdfStoredName);
        Assert.False(File.Exists(Path.Combine(Documents, second.PdfStoredName!)));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/specifications/{first.Id}/pdf")).StatusCode);

        var third = await SaveAsync(DemoAccounts.MaintenanceManager, first.Id, input, Pdf, "c.pdf");
        await using (var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager))
        {
            await scope.ServiceProvider.GetRequiredService<WorkSpecifications>().DeleteAsync(first.Id, default);
        }
        Assert.False(File.Exists(Path.Combine(Documents, third.PdfStoredName!)));
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/api/v1/specifications/{first.Id}")).StatusCode);
    }

    [Fact]
    public async Task BadInputIsRefusedFieldByFieldAndNothingIsWritten()
    {
        var before = await app.AsSystemAsync((_, db) => db.WorkSpecifications.CountAsync());
        var filesBefore = Directory.Exists(Documents) ? Directory.GetFiles(Documents).Length : 0;
        var tooLarge = new byte[SpecificationFileOptions.MaxBytes + 1];
        Pdf.CopyTo(tooLarge, 0);

        var blank = await RefusedAsync(DemoAccounts.MaintenanceManager, null, new WorkSpecificationInput { Title = " ", Body = "", SortOrder = -1 });
        var long_ = await RefusedAsync(DemoAccounts.MaintenanceManager, null,
            new WorkSpecificationInput { Title = new string('规', 101), Body = new string('文', 20001) });
        var notPdf = await RefusedAsync(DemoAccounts.MaintenanceManager, null, new WorkSpecificationInput { Title = "假的", Body = "" }, "<html>%PDF-"u8.ToArray());
        var tiny = await RefusedAsync(DemoAccounts.MaintenanceManager, null, new WorkSpecificationInput { Title = "太短", Body = "" }, "%PD"u8.ToArray());
        var huge = await RefusedAsync(DemoAccounts.MaintenanceManager, null, new WorkSpecificationInput { Title = "太大", Body = "" }, tooLarge);
        var forbidden = await Assert.ThrowsAsync<DomainException>(() =>
            SaveAsync(DemoAccounts.MaintenanceWorker, null, new WorkSpecificationInput { Title = "工人写的", Body = "正文" }));

        Assert.Equal(new HashSet<string> { "title", "body", "sortOrder" }, blank.Keys.ToHashSet());
        Assert.Equal(new HashSet<string> { "title", "body" }, long_.Keys.ToHashSet());
        Assert.Equal("pdf", Assert.Single(notPdf.Keys));
        Assert.Equal("pdf", Assert.Single(tiny.Keys));
        Assert.Equal("pdf", Assert.Single(huge.Keys));
        Assert.Equal("specification.forbidden", forbidden.Code);
        Assert.Equal(before, await app.AsSystemAsync((_, db) => db.WorkSpecifications.CountAsync()));
        Assert.Equal(filesBefore, Directory.Exists(Documents) ? Directory.GetFiles(Documents).Length : 0);
    }

    [Fact]
    public async Task AnotherCompanysSpecificationCannotBeChangedOrDeleted()
    {
        var theirs = await app.AsSystemAsync((_, db) => db.WorkSpecifications.AsNoTracking()
            .FirstAsync(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == DemoStaff.MaintenanceB)));

        var change = await Assert.ThrowsAsync<DomainException>(() =>
            SaveAsync(DemoAccounts.MaintenanceManager, theirs.Id, new WorkSpecificationInput { Title = "改掉", Body = "改掉" }));
        await using (var scope = await app.ScopeAsAsync(DemoAccounts.MaintenanceManager))
        {
            var delete = await Assert.ThrowsAsync<DomainException>(() => scope.ServiceProvider.GetRequiredService<WorkSpecifications>().DeleteAsync(theirs.Id, default));
            Assert.Equal("specification.not_found", delete.Code);
        }

        Assert.Equal("specification.not_found", change.Code);
        var after = await app.AsSystemAsync((_, db) => db.WorkSpecifications.AsNoTracking().SingleAsync(s => s.Id == theirs.Id));
        Assert.Equal((theirs.Title, theirs.Body, theirs.UpdatedAtUtc), (after.Title, after.Body, after.UpdatedAtUtc));
    }

    [Fact]
    public async Task TheListIsPagedAndNeedsAToken()
    {
        var worker = await WorkerAsync();
        var total = (await ApiJson.OkAsync<PagedList<SpecificationSummary>>(await worker.GetAsync("/api/v1/specifications"))).Total;

        var first = await ApiJson.OkAsync<PagedList<SpecificationSummary>>(await worker.GetAsync("/api/v1/specifications?page=1&pageSize=1"));
        var beyond = await ApiJson.OkAsync<PagedList<SpecificationSummary>>(await worker.GetAsync($"/api/v1/specifications?page={total + 1}&pageSize=1"));

        Assert.Single(first.Items);
        Assert.Equal((total, 1, 1), (first.Total, first.Page, first.PageSize));
        Assert.Empty(beyond.Items);
        await PagingIsBoundedAsync(worker, "/api/v1/specifications");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync("/api/v1/specifications")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().GetAsync($"/api/v1/specifications/{first.Items[0].Id}")).StatusCode);
    }
}
