using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Repairs;
using TiLianBang.Tests.Infrastructure;
using TiLianBang.Web.Features.Repairs;

namespace TiLianBang.Tests.Repairs;

/// <summary>Photos of the work: checked by content and size, stored, and shown only to those who may see the order.</summary>
public sealed class RepairPhotoTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];

    private static MultipartFormDataContent Upload(byte[] bytes, string name)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        return new MultipartFormDataContent { { content, "photo", name } };
    }

    private async Task<int> OrderOnSiteAsync(HttpClient worker)
    {
        var (elevatorId, lat, lon) = await app.AsSystemAsync(async (_, db) =>
        {
            var e = await db.Elevators.Include(x => x.Community).SingleAsync(x => x.Number == "CQ0022");
            return (e.Id, e.Community!.Latitude, e.Community.Longitude);
        });
        var (order, _) = await app.AsSystemAsync((sp, _) => sp.GetRequiredService<RepairService>().RaiseFromFaultAsync(elevatorId, 3, false, "开门故障", default));
        var here = new RepairActionRequest(lat, lon, null, null, null, null);
        (await worker.PostAsJsonAsync($"/api/v1/repairs/{order.Id}/accept", here)).EnsureSuccessStatusCode();
        return order.Id;
    }

    [Fact]
    public async Task AWorkerOnSiteUploadsAPhotoThatTheirCompanySeesAndOthersDoNot()
    {
        var worker = await app.CreateApiClientAsync(DemoAccounts.MaintenanceWorker, DemoAccounts.Password);
        var orderId = await OrderOnSiteAsync(worker);
        var early = await worker.PostAsync($"/api/v1/repairs/{orderId}/photos", Upload(Png, "a.png"));
        var (lat, lon) = await app.AsSystemAsync(async (_, db) =>
        {
            var c = await db.RepairOrders.Where(o => o.Id == orderId).Select(o => o.Elevator!.Community!).SingleAsync();
            return (c.Latitude, c.Longitude);
        });
        (await worker.PostAsJsonAsync($"/api/v1/repairs/{orderId}/sign-in", new RepairActionRequest(lat, lon, null, null, null, null))).EnsureSuccessStatusCode();

        var uploaded = await worker.PostAsync($"/api/v1/repairs/{orderId}/photos", Upload(Png, "../../etc/passwd.png"));
        var notAnImage = await worker.PostAsync($"/api/v1/repairs/{orderId}/photos", Upload("not a picture"u8.ToArray(), "x.png"));
        var tooBig = await worker.PostAsync($"/api/v1/repairs/{orderId}/photos", Upload([.. Png, .. new byte[6 * 1024 * 1024]], "big.png"));
        var photo = await uploaded.Content.ReadFromJsonAsync<RepairPhotoDetails>();
        var manager = await app.CreateApiClientAsync(DemoAccounts.MaintenanceManager, DemoAccounts.Password);
        var outsider = await app.CreateApiClientAsync(DemoAccounts.OtherMaintenanceManager, DemoAccounts.Password);
        var seen = await manager.GetAsync($"/api/v1/repairs/photos/{photo!.Id}");
        var hidden = await outsider.GetAsync($"/api/v1/repairs/photos/{photo.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notAnImage.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooBig.StatusCode);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal("image/png", seen.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Png, await seen.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        var stored = await app.AsSystemAsync((_, db) => db.RepairPhotos.SingleAsync(p => p.Id == photo.Id));
        Assert.DoesNotContain("passwd", stored.StoredName);
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "photos", stored.StoredName)));
    }
}
