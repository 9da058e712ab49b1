using TiLianBang.Core.Common;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Photos;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Api;

/// <summary>API-7 故障上报: elevator, description and up to nine photos in one request, all or nothing; my report history.</summary>
public sealed class FaultReportApiTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    /// <summary>An elevator of the user unit's own (visible to it) and one of the other user unit's.</summary>
    private Task<(int Own, int Foreign)> ElevatorsAsync() => app.AsSystemAsync(async (_, db) =>
    {
        var units = await db.Users.Where(u => u.UserName == DemoAccounts.UserUnitManager || u.UserName == DemoAccounts.OtherUserUnitManager)
            .ToDictionaryAsync(u => u.UserName!, u => u.CompanyId);
        var own = await db.Elevators.Where(e => e.UserUnitId == units[DemoAccounts.UserUnitManager]).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var foreign = await db.Elevators.Where(e => e.UserUnitId == units[DemoAccounts.OtherUserUnitManager]).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        return (own, foreign);
    });

    private static MultipartFormDataContent Form(int? elevatorId, string? description, string? trapped, params byte[][] photos)
    {
        var form = new MultipartFormDataContent();
        if (elevatorId is not null)
        {
            form.Add(new StringContent(elevatorId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), "elevatorId");
        }
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }
        if (trapped is not null)
        {
            form.Add(new StringContent(trapped), "passengersTrapped");
        }
        for (var i = 0; i < photos.Length; i++)
        {
            var content = new ByteArrayContent(photos[i]);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            form.Add(content, "photos", $"p{i}.png");
        }
        return form;
    }

    private Task<(int Orders, int Photos)> StoredAsync() => app.AsSystemAsync(async (_, db) =>
        (await db.RepairOrders.CountAsync(), await db.RepairPhotos.CountAsync()));

    private int PhotoFiles() => Directory.Exists(Path.Combine(app.DataDirectory, "photos"))
        ? Directory.GetFiles(Path.Combine(app.DataDirectory, "photos")).Length
        : 0;

    [Fact]
    public async Task AUserUnitReportsAFaultWithPhotosInOneRequestAndSeesItInItsHistory()
    {
        var (elevatorId, _) = await ElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var reporter = await app.AsSystemAsync((_, db) => db.Users.Where(u => u.UserName == DemoAccounts.UserUnitManager).Select(u => u.Id).SingleAsync());
        var filesBefore = PhotoFiles();

        var first = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "轿厢异响", "false", Png));
        var second = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "  3 楼困人  ", "true", Png, Jpeg, Png));
        var history = await unit.GetFromJsonAsync<PagedList<RepairOrderSummary>>("/api/v1/repairs/reports/mine", ApiJson.Options);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var order = (await second.Content.ReadFromJsonAsync<RepairOrderDetails>(ApiJson.Options))!;
        Assert.Equal($"/api/v1/repairs/{order.Id}", second.Headers.Location!.OriginalString);
        Assert.Equal(("3 楼困人", true, reporter, RepairOrderState.Created), (order.Description, order.PassengersTrapped, order.ReportedBy, order.State));
        var photos = await app.AsSystemAsync((_, db) => db.RepairPhotos.Where(p => p.RepairOrderId == order.Id).OrderBy(p => p.Id).ToListAsync());
        Assert.Equal(["image/png", "image/jpeg", "image/png"], photos.Select(p => p.ContentType));
        Assert.Equal(photos.Select(p => p.Id), order.PhotoIds!);
        var detail = (await unit.GetFromJsonAsync<RepairOrderDetails>($"/api/v1/repairs/{order.Id}", ApiJson.Options))!;
        Assert.Equal(order.PhotoIds, detail.PhotoIds);
        var photo = await unit.GetAsync($"/api/v1/repairs/photos/{order.PhotoIds![1]}");
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        Assert.Equal(Jpeg, await photo.Content.ReadAsByteArrayAsync());
        Assert.All(photos, p => Assert.Equal(reporter, p.UploadedBy));
        Assert.All(photos, p => Assert.True(File.Exists(Path.Combine(app.DataDirectory, "photos", p.StoredName))));
        Assert.Equal(filesBefore + 4, PhotoFiles());
        var firstId = (await first.Content.ReadFromJsonAsync<RepairOrderDetails>(ApiJson.Options))!.Id;
        Assert.Equal([order.Id, firstId], history!.Items.Take(2).Select(o => o.Id));
        Assert.All(history.Items, o => Assert.Equal(RepairOrderState.Created, o.State));
        var stored = await app.AsSystemAsync((_, db) => db.RepairOrders.Where(o => history.Items.Select(i => i.Id).Contains(o.Id)).Select(o => o.ReportedBy).ToListAsync());
        Assert.All(stored, r => Assert.Equal(reporter, r));
    }

    [Fact]
    public async Task ATenthPhotoABadOneOrAnOversizeOneRefusesTheWholeReportByFieldName()
    {
        var (elevatorId, _) = await ElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var before = await StoredAsync();
        var filesBefore = PhotoFiles();

        var ten = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", null, [.. Enumerable.Repeat(Png, 10)]));
        var notAnImage = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", null, Png, Png, Png, "<script>alert(1)</script>"u8.ToArray()));
        var oversize = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", null, Png, [.. Png, .. new byte[5 * 1024 * 1024]]));
        var emptyPhoto = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", null, Array.Empty<byte>()));

        Assert.Equal(HttpStatusCode.BadRequest, ten.StatusCode);
        Assert.Equal(["photos"], (await ErrorsAsync(ten)).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        Assert.Equal(["photos[3]"], (await ErrorsAsync(notAnImage)).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Equal(["photos[1]"], (await ErrorsAsync(oversize)).Keys);
        Assert.Equal(HttpStatusCode.BadRequest, emptyPhoto.StatusCode);
        Assert.Equal(["photos[0]"], (await ErrorsAsync(emptyPhoto)).Keys);
        Assert.Equal(before, await StoredAsync());
        Assert.Equal(filesBefore, PhotoFiles());
    }

    [Fact]
    public async Task NinePhotosAreTakenAndTheEndpointMakesRoomForNineFullSizeOnes()
    {
        var (elevatorId, _) = await ElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);

        var nine = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "门夹人", "true", [.. Enumerable.Repeat(Jpeg, 9)]));

        Assert.Equal(HttpStatusCode.Created, nine.StatusCode);
        var order = (await nine.Content.ReadFromJsonAsync<RepairOrderDetails>(ApiJson.Options))!;
        Assert.Equal(9, await app.AsSystemAsync((_, db) => db.RepairPhotos.CountAsync(p => p.RepairOrderId == order.Id)));
        var endpoint = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/api/v1/repairs/reports"
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Contains("POST"));
        var limit = endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>()!.MaxRequestBodySize;
        // Above Kestrel's 30 MB default: nine photos of 5 MB and the form around them, and not much more.
        Assert.InRange(limit!.Value, 9 * PhotoOptions.MaxBytes + 64 * 1024, 9 * PhotoOptions.MaxBytes + 2 * 1024 * 1024);
    }

    [Fact]
    public async Task MissingOrMalformedFieldsAreEachNamedAndNothingIsStored()
    {
        var (elevatorId, _) = await ElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        var before = await StoredAsync();
        var filesBefore = PhotoFiles();

        var missing = await unit.PostAsync("/api/v1/repairs/reports", Form(null, null, null, Png));
        var tooLong = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, new string('故', 501), null, Png));
        var badTrapped = await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", "maybe", Png));
        var badElevator = new MultipartFormDataContent { { new StringContent("abc"), "elevatorId" }, { new StringContent("异响"), "description" } };
        var wrongType = await unit.PostAsync("/api/v1/repairs/reports", badElevator);
        var json = await unit.PostAsJsonAsync("/api/v1/repairs/reports", new RepairReportRequest(elevatorId, "异响", false));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["description", "elevatorId"], (await ErrorsAsync(missing)).Keys.Order());
        Assert.Equal(["description"], (await ErrorsAsync(tooLong)).Keys);
        Assert.Equal(["passengersTrapped"], (await ErrorsAsync(badTrapped)).Keys);
        Assert.Equal(["elevatorId"], (await ErrorsAsync(wrongType)).Keys);
        // Only a form is taken: JSON is another media type.
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(before, await StoredAsync());
        Assert.Equal(filesBefore, PhotoFiles());
    }

    [Fact]
    public async Task AnElevatorOutOfScopeIsNotFoundAndOnlyReportersMayReport()
    {
        var (elevatorId, foreign) = await ElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        using var anonymous = app.CreateClient();
        var before = await StoredAsync();
        var filesBefore = PhotoFiles();

        var outOfScope = await unit.PostAsync("/api/v1/repairs/reports", Form(foreign, "异响", null, Png, Png));
        var unknown = await unit.PostAsync("/api/v1/repairs/reports", Form(987654, "异响", null, Png));
        var notAllowed = await worker.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", null, Png));
        var noToken = await anonymous.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "异响", null, Png));

        Assert.Equal(HttpStatusCode.NotFound, outOfScope.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/repairs/reports/mine")).StatusCode);
        Assert.Equal(before, await StoredAsync());
        Assert.Equal(filesBefore, PhotoFiles());
    }

    [Fact]
    public async Task HistoryHoldsOnlyMyOwnReportsAPageAtATime()
    {
        var (elevatorId, foreign) = await ElevatorsAsync();
        using var unit = await app.CreateApiClientAsync(DemoAccounts.UserUnitManager, DemoAccounts.Password);
        using var otherUnit = await app.CreateApiClientAsync(DemoAccounts.OtherUserUnitManager, DemoAccounts.Password);
        Assert.Equal(HttpStatusCode.Created, (await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "第一次", null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await unit.PostAsync("/api/v1/repairs/reports", Form(elevatorId, "第二次", null))).StatusCode);
        var theirs = (await (await otherUnit.PostAsync("/api/v1/repairs/reports", Form(foreign, "别人的", null))).Content.ReadFromJsonAsync<RepairOrderDetails>(ApiJson.Options))!;

        var page = (await unit.GetFromJsonAsync<PagedList<RepairOrderSummary>>("/api/v1/repairs/reports/mine?pageSize=1", ApiJson.Options))!;
        var all = (await unit.GetFromJsonAsync<PagedList<RepairOrderSummary>>("/api/v1/repairs/reports/mine?pageSize=100", ApiJson.Options))!;

        Assert.Equal("第二次", Assert.Single(page.Items).Description);
        Assert.True(page.Total >= 2);
        Assert.DoesNotContain(all.Items, o => o.Id == theirs.Id);
        Assert.Equal(all.Items.OrderByDescending(o => o.Id).Select(o => o.Id), all.Items.Select(o => o.Id));
        foreach (var (query, field) in new[] { ("pageSize=0", "pageSize"), ("pageSize=101", "pageSize"), ("page=0", "page") })
        {
            var refused = await unit.GetAsync($"/api/v1/repairs/reports/mine?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ErrorsAsync(refused)).ContainsKey(field));
        }
    }

    private static async Task<Dictionary<string, JsonElement>> ErrorsAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.TryGetProperty("errors", out var errors)
            ? errors.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone())
            : [];
    }
}
