using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using TiLianBang.Core.Organizations;
using TiLianBang.Web.Features.Elevators.Components;
using TiLianBang.Web.Features.Organizations;
using TiLianBang.Web.Features.Organizations.Components;

namespace TiLianBang.Tests.Ui;

/// <summary>The pickers of the archive pages: the right companies offered, the map's point stored in WGS-84.</summary>
public sealed class ArchiveComponentTests
{
    private static BunitContext NewContext(MapDatum datum = MapDatum.Gcj02)
    {
        var ctx = new BunitContext();
        ctx.Services.AddMudServices();
        ctx.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        ctx.Services.Configure<MapOptions>(o => { o.TileUrl = null; o.Datum = datum; });
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        return ctx;
    }

    private static Company Company(int id, string name, CompanyKind kind) => new() { Id = id, Name = name, Kind = kind, Region = new Region { Province = "重庆市" } };

    [Fact]
    public async Task ACompanyPickerOffersOnlyItsKindAndShowsItsError()
    {
        await using var ctx = NewContext();
        var popovers = ctx.Render<MudBlazor.MudPopoverProvider>();
        IReadOnlyList<Company> companies = [Company(1, "山城物业", CompanyKind.UserUnit), Company(2, "渝安电梯", CompanyKind.MaintenanceCompany), Company(3, "嘉陵物业", CompanyKind.UserUnit)];

        var picker = ctx.Render<CompanyPicker>(p => p
            .Add(c => c.Kind, CompanyKind.UserUnit).Add(c => c.Companies, companies).Add(c => c.Label, "使用单位").Add(c => c.Error, "请选择使用单位。"));
        await picker.Find("div.mud-input-control").MouseDownAsync(new Microsoft.AspNetCore.Components.Web.MouseEventArgs());

        var offered = popovers.FindComponents<MudBlazor.MudSelectItem<int?>>().Select(i => i.Instance.Value).ToList();
        Assert.Equal([1, 3], offered);
        Assert.Contains("请选择使用单位。", picker.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APointPickedOnGcj02TilesIsStoredInWgs84AndShownBackWhereItWasPicked()
    {
        await using var ctx = NewContext();
        GeoPoint? stored = null;
        var start = new GeoPoint(29.5630, 106.5516);
        var picker = ctx.Render<LocationPicker>(p => p.Add(c => c.Value, start).Add(c => c.ValueChanged, (GeoPoint v) => stored = v));

        var onTiles = new GeoPoint(29.60, 106.52);
        await picker.InvokeAsync(() => picker.Instance.Picked(onTiles.Latitude, onTiles.Longitude));

        Assert.NotNull(stored);
        var shownAgain = ChinaDatum.WgsToGcj(stored.Value);
        Assert.True(Geofence.DistanceMeters(shownAgain, onTiles) < 0.5);
        // GCJ-02 sits a few hundred metres off WGS-84 in Chongqing: the stored point is not the tile point.
        Assert.InRange(Geofence.DistanceMeters(stored.Value, onTiles), 100, 1000);
    }

    [Fact]
    public async Task OnWgs84TilesThePickedPointIsStoredAsIs()
    {
        await using var ctx = NewContext(MapDatum.Wgs84);
        GeoPoint? stored = null;
        var picker = ctx.Render<LocationPicker>(p => p.Add(c => c.Value, new GeoPoint(29.56, 106.55)).Add(c => c.ValueChanged, (GeoPoint v) => stored = v));

        await picker.InvokeAsync(() => picker.Instance.Picked(29.61, 106.53));

        Assert.Equal(new GeoPoint(29.61, 106.53), stored);
    }
}
