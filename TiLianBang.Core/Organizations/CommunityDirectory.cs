using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;

namespace TiLianBang.Core.Organizations;

/// <summary>小区管理 (ARC-4): communities with their region, address and WGS-84 location (the 1 km geofence's centre).</summary>
public sealed class CommunityDirectory(TiLianBangDbContext db, CurrentActor actor)
{
    public async Task<IReadOnlyList<CommunityRow>> ListAsync(string? search, string? region, CancellationToken cancellationToken)
    {
        var communities = db.Communities.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim();
            communities = communities.Where(c => c.Name.Contains(term) || (c.Address != null && c.Address.Contains(term)));
        }
        if (!string.IsNullOrWhiteSpace(region))
        {
            var r = region.Trim();
            communities = communities.Where(c => c.Region.Province.Contains(r) || (c.Region.City != null && c.Region.City.Contains(r))
                || (c.Region.District != null && c.Region.District.Contains(r)));
        }
        return await communities.OrderBy(c => c.Name)
            .Select(c => new CommunityRow(c.Id, c.Name, c.Region, c.Address, c.Latitude, c.Longitude,
                db.Elevators.Count(e => e.CommunityId == c.Id)))
            .ToListAsync(cancellationToken);
    }

    public async Task<Community> GetAsync(int id, CancellationToken cancellationToken) =>
        await db.Communities.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);

    public async Task<Community> SaveAsync(int? id, CommunityInput input, CancellationToken cancellationToken)
    {
        Require();
        var errors = new Dictionary<string, string>();
        var name = input.Name.Trim();
        if (name.Length is 0 or > 100)
        {
            errors[nameof(input.Name)] = "小区名称应为 1–100 个字符。";
        }
        if (string.IsNullOrWhiteSpace(input.Province))
        {
            errors[nameof(input.Province)] = "请填写所在省（直辖市）。";
        }
        if (input.Address?.Trim().Length > 200)
        {
            errors[nameof(input.Address)] = "地址不能超过 200 个字符。";
        }
        var location = new GeoPoint(input.Latitude, input.Longitude);
        if (!Geofence.IsValid(location) || ChinaDatum.OutOfChina(location))
        {
            errors["Location"] = "请在地图上选择小区位置（须在中国境内）。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
        var region = new Region { Province = input.Province.Trim(), City = Text(input.City), District = Text(input.District) };
        var community = id is { } existing
            ? await db.Communities.SingleOrDefaultAsync(c => c.Id == existing, cancellationToken) ?? throw NotFound(existing)
            : db.Communities.Add(new Community { Name = name, Region = region }).Entity;
        community.Name = name;
        community.Region = region;
        community.Address = Text(input.Address);
        community.Latitude = Math.Round(input.Latitude, 6);
        community.Longitude = Math.Round(input.Longitude, 6);
        await db.SaveChangesAsync(cancellationToken);
        return community;
    }

    public async Task DeleteAsync(int id, CancellationToken cancellationToken)
    {
        Require();
        var community = await db.Communities.SingleOrDefaultAsync(c => c.Id == id, cancellationToken) ?? throw NotFound(id);
        var elevators = await db.Elevators.IgnoreQueryFilters().CountAsync(e => e.CommunityId == id, cancellationToken);
        if (elevators > 0)
        {
            throw new DomainException("community.in_use", $"“{community.Name}”仍有 {elevators} 台电梯，不能删除。", DomainErrorKind.Conflict);
        }
        db.Communities.Remove(community);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Require()
    {
        if (!actor.HasPermission(Permissions.ArchiveCommunities))
        {
            throw new DomainException("community.forbidden", "您没有小区管理的权限。", DomainErrorKind.Forbidden);
        }
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DomainException NotFound(int id) => new("community.not_found", $"小区 {id} 不存在。", DomainErrorKind.NotFound);
}

public sealed record CommunityRow(int Id, string Name, Region Region, string? Address, double Latitude, double Longitude, int ElevatorCount);
