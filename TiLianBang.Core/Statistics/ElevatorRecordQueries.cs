namespace TiLianBang.Core.Statistics;

/// <summary>The filters of 电梯信息查询: a text (number, name, register code, community) and a community, district or brand.</summary>
public sealed record ElevatorLookupFilter(string? Search = null, int? CommunityId = null, string? District = null, string? Brand = null);

/// <summary>What the filters of 电梯信息查询 offer: the caller's communities, districts and brands.</summary>
public sealed record ElevatorLookupOptions(IReadOnlyList<CommunityChoice> Communities, IReadOnlyList<string> Districts, IReadOnlyList<string> Brands);

public sealed record CommunityChoice(int Id, string Name);

/// <summary>One row of 维修记录: a repair order of the elevator.</summary>
public sealed record ElevatorRepairRecord(
    int Id, string Number, Repairs.RepairOrderState State, bool PassengersTrapped, int? FaultCode, string Description,
    string? WorkerName, DateTime CreatedAtUtc, DateTime? SignedInAtUtc, DateTime? ClosedAtUtc);
