using TiLianBang.Core.Organizations;
using TiLianBang.Core.Repairs;

namespace TiLianBang.Web.Features.Repairs;

/// <summary>A repair order as the API shows it, with its timeline.</summary>
public sealed record RepairOrderDetails(
    int Id,
    string Number,
    int ElevatorId,
    string? ElevatorNumber,
    RepairOrderState State,
    string StateName,
    bool PassengersTrapped,
    int? FaultCode,
    string Description,
    int Occurrences,
    int? AssignedWorkerId,
    DateTime CreatedAtUtc,
    DateTime? AcceptedAtUtc,
    DateTime? SignedInAtUtc,
    DateTime? SubmittedAtUtc,
    DateTime? ClosedAtUtc,
    DateTime? FaultClearedAtUtc,
    string? Cause,
    string? ActionsTaken,
    string? FaultAttribute,
    string? CancelReason,
    IReadOnlyList<RepairStepDetails> Steps,
    string? ElevatorName = null,
    int? ReportedBy = null,
    RepairNavigation? Navigation = null,
    IReadOnlyList<int>? PhotoIds = null,
    double? GeofenceRadiusMeters = null)
{
    /// <summary>With the ids of its photos (the reporter's and the worker's; each read at <c>/api/v1/repairs/photos/{id}</c>).</summary>
    public static async Task<RepairOrderDetails> WithPhotosAsync(RepairOrder o, RepairPhotos photos, CancellationToken cancellationToken) =>
        From(o) with { PhotoIds = (await photos.OfOrderAsync(o.Id, cancellationToken)).Select(p => p.Id).ToList() };

    public static RepairOrderDetails From(RepairOrder o) => new(
        o.Id, o.Number, o.ElevatorId, o.Elevator?.Number, o.State, RepairOrderStateMachine.StateName(o.State), o.PassengersTrapped,
        o.FaultCode, o.Description, o.Occurrences, o.AssignedWorkerId, o.CreatedAtUtc, o.AcceptedAtUtc, o.SignedInAtUtc,
        o.SubmittedAtUtc, o.ClosedAtUtc, o.FaultClearedAtUtc, o.Cause, o.ActionsTaken, o.FaultAttribute, o.CancelReason,
        o.Steps.OrderBy(s => s.Id).Select(s => new RepairStepDetails(s.Action, s.State, s.UserName, s.AtUtc, s.Latitude, s.Longitude, s.Note)).ToList(),
        o.Elevator?.Name, o.ReportedBy,
        o.Elevator?.Community is { } c ? new RepairNavigation(c.Name, c.Address, MapPosition.From(c.Location)) : null);
}

/// <summary>点击导航: where the worker goes — the community, its address and its position in both datums.</summary>
public sealed record RepairNavigation(string CommunityName, string? Address, MapPosition Position);

public sealed record RepairStepDetails(RepairAction? Action, RepairOrderState State, string? UserName, DateTime AtUtc, double? Latitude, double? Longitude, string? Note);
