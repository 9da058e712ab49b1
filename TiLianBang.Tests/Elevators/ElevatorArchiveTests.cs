using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Common;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Elevators;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Elevators;

/// <summary>ARC-1: an archive is checked field by field and saved whole, or not at all.</summary>
public sealed class ElevatorArchiveTests(TiLianBangAppFactory app) : IClassFixture<TiLianBangAppFactory>
{
    private async Task<T> AsAsync<T>(string userName, Func<ElevatorArchives, Task<T>> work)
    {
        await using var scope = await app.ScopeAsAsync(userName);
        return await work(scope.ServiceProvider.GetRequiredService<ElevatorArchives>());
    }

    /// <summary>A complete, valid new archive in 渝安's portfolio (the demo manager's company).</summary>
    private Task<ElevatorArchive> NewArchiveAsync(string number) => app.AsSystemAsync(async (_, db) =>
    {
        var community = await db.Communities.OrderBy(c => c.Id).FirstAsync();
        var unit = await db.Companies.SingleAsync(c => c.Name == "重庆山城物业服务有限公司");
        var maintainer = await db.Companies.SingleAsync(c => c.Name == "重庆渝安电梯工程有限公司");
        return new ElevatorArchive
        {
            Number = number, Name = "新建小区 9栋1单元", Variety = ElevatorVariety.TractionPassenger, Type = "乘客电梯", CommunityId = community.Id,
            UsagePlace = "住宅", UserUnitId = unit.Id, MaintenanceCompanyId = maintainer.Id, RegisterCode = "31105001122024080025",
            Floors = 18, Stops = 18, Doors = 18, RatedSpeed = 1.75m, RatedLoad = 1000, InstallDate = new DateOnly(2024, 7, 1),
            Cameras = [new ElevatorCamera { Position = CameraPosition.Car, Serial = "DS-2CD001", Channel = 1 }],
            Components = [new ElevatorComponent { Name = "曳引机", Model = "GTN2", Manufacturer = "通力" }],
        };
    });

    [Fact]
    public async Task ACompleteArchiveIsSavedWithEverySection()
    {
        var archive = await NewArchiveAsync("AR0001") with
        {
            LastInspectionDate = new DateOnly(2026, 3, 1), NextInspectionDate = new DateOnly(2027, 3, 1),
            MaintenanceContractStartDate = new DateOnly(2026, 1, 1), MaintenanceContractEndDate = new DateOnly(2026, 12, 31),
            RegistrationAuthority = "重庆市渝北区市场监督管理局",
        };

        var created = await AsAsync(DemoAccounts.MaintenanceManager, a => a.CreateAsync(archive, default));

        var stored = await app.AsSystemAsync((_, db) => db.Elevators.AsNoTracking().SingleAsync(e => e.Id == created.Id));
        Assert.Equal(archive, ElevatorArchive.Of(stored) with { Cameras = archive.Cameras, Components = archive.Components });
        Assert.Equal(archive.Cameras, stored.Cameras);
        Assert.Equal(archive.Components, stored.Components);
        Assert.Equal(32, stored.PublicToken.Length);
    }

    [Fact]
    public async Task EachBadFieldIsNamedWithItsReasonAndNothingIsSaved()
    {
        var bad = await NewArchiveAsync("AR0002") with
        {
            Name = " ",
            RegisterCode = "31105001122099130025",
            Stops = 30,
            RatedSpeed = 0,
            UsagePlace = "火星",
            UserUnitId = null,
            NextInspectionDate = new DateOnly(2020, 1, 1),
            LastInspectionDate = new DateOnly(2021, 1, 1),
            Cameras = [new ElevatorCamera { Position = CameraPosition.Car, Serial = "A", Channel = 1 }, new ElevatorCamera { Position = CameraPosition.Car, Serial = "B", Channel = 2 }],
            Components = [new ElevatorComponent { Name = "" }],
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.MaintenanceManager, a => a.CreateAsync(bad, default)));

        Assert.Equal(
            ["Cameras", "Components", "Name", "NextInspectionDate", "RatedSpeed", "RegisterCode", "Stops", "UsagePlace", "UserUnitId"],
            refused.Errors.Keys.Order());
        Assert.Contains("注册年月", refused.Errors["RegisterCode"]);
        Assert.False(await app.AsSystemAsync((_, db) => db.Elevators.AnyAsync(e => e.Number == "AR0002")));
    }

    [Theory]
    [InlineData("3110500112202408002", "20 位数字")]
    [InlineData("21105001122024080025", "以 3 开头")]
    [InlineData("31109901122024080025", "行政区划")]
    [InlineData("31105001122024130025", "注册年月")]
    [InlineData("31105001122024080000", "顺序码")]
    public void ARegisterCodeIsCheckedPartByPart(string code, string reason) =>
        Assert.Contains(reason, RegisterCode.Problem(code, new DateOnly(2026, 11, 26)));

    [Fact]
    public async Task ANumberIsUniqueAndACompanyCannotWriteItselfOutOfAnArchive()
    {
        var first = await NewArchiveAsync("AR0003");
        await AsAsync(DemoAccounts.MaintenanceManager, a => a.CreateAsync(first, default));

        var again = await Assert.ThrowsAsync<ValidationException>(() => AsAsync(DemoAccounts.MaintenanceManager, a => a.CreateAsync(first, default)));
        var notOurs = await Assert.ThrowsAsync<ValidationException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, a => a.CreateAsync(first with { Number = "AR0004", MaintenanceCompanyId = null }, default)));

        Assert.Contains("已存在", again.Errors["Number"]);
        Assert.Contains("本单位", notOurs.Errors["Companies"]);
    }

    [Fact]
    public async Task ABatchEditChangesEverySelectedElevatorOrNone()
    {
        var ids = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => e.MaintenanceCompany!.Name == "重庆渝安电梯工程有限公司")
            .OrderBy(e => e.Id).Select(e => e.Id).Take(3).ToListAsync());
        var due = new DateOnly(2027, 5, 1);

        var changed = await AsAsync(DemoAccounts.MaintenanceManager, a => a.BatchUpdateAsync(ids, new ElevatorBatchChange { NextInspectionDate = due, UsagePlace = "办公" }, default));
        var refused = await Assert.ThrowsAsync<ValidationException>(() =>
            AsAsync(DemoAccounts.MaintenanceManager, a => a.BatchUpdateAsync(ids, new ElevatorBatchChange { UsagePlace = "火星", NextInspectionDate = due.AddDays(1) }, default)));

        Assert.Equal(3, changed);
        Assert.Contains("UsagePlace", refused.Errors.Keys);
        var stored = await app.AsSystemAsync((_, db) => db.Elevators.Where(e => ids.Contains(e.Id)).ToListAsync());
        Assert.All(stored, e => Assert.Equal(due, e.NextInspectionDate));
        Assert.All(stored, e => Assert.Equal("办公", e.UsagePlace));
    }

    [Fact]
    public async Task RenewingTheQrCodeStopsTheOldOneAtOnce()
    {
        var elevator = await app.AsSystemAsync((_, db) => db.Elevators.AsNoTracking().SingleAsync(e => e.Number == "CQ0005"));
        var publicPages = app.Services.GetRequiredService<PublicElevators>();
        var browser = app.CreateBrowserlikeClient();
        Assert.Equal("CQ0005", (await publicPages.FindAsync(elevator.PublicToken, default))?.Number);

        var renewed = await AsAsync(DemoAccounts.MaintenanceManager, a => a.RenewPublicTokenAsync(elevator.Id, default));

        Assert.NotEqual(elevator.PublicToken, renewed);
        Assert.Null(await publicPages.FindAsync(elevator.PublicToken, default));
        Assert.Equal("CQ0005", (await publicPages.FindAsync(renewed, default))?.Number);
        Assert.Contains("二维码已失效", System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync($"/e/{elevator.PublicToken}")));
        Assert.Contains("CQ0005", await browser.GetStringAsync($"/e/{renewed}"));
        var report = await Assert.ThrowsAsync<DomainException>(() => publicPages.ReportAsync(elevator.PublicToken, "门打不开", false, null, default));
        Assert.Equal("elevator.qr_invalid", report.Code);
    }
}
