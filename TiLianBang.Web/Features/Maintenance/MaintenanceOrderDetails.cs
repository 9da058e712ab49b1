using TiLianBang.Core.Maintenance;

namespace TiLianBang.Web.Features.Maintenance;

/// <summary>
/// A maintenance order as the API shows it: the visit, every item with its answer and photos, sign-in and confirmation.
/// The community's position (WGS-84) and the sign-in radius let the phone say how far away the worker is before 签到.
/// </summary>
public sealed record MaintenanceOrderDetails(
    int Id,
    string Number,
    int ElevatorId,
    string? ElevatorNumber,
    string? ElevatorName,
    string? Community,
    double? CommunityLatitude,
    double? CommunityLongitude,
    double SignInRadiusMeters,
    MaintenanceMode Mode,
    MaintenancePeriod Period,
    string PeriodName,
    DateOnly DueOn,
    string DueReason,
    MaintenanceOrderState State,
    string StateName,
    bool Overdue,
    int? WorkerId,
    string? WorkerName,
    DateTime? SignedInAtUtc,
    double? SignInLatitude,
    double? SignInLongitude,
    DateTime? SubmittedAtUtc,
    string? Notes,
    DateTime? ConfirmedAtUtc,
    string? ConfirmedByName,
    string? ConfirmationNote,
    IReadOnlyList<MaintenanceItemDetails> Items)
{
    public static MaintenanceOrderDetails From(MaintenanceOrder o, string? workerName, DateOnly today, double signInRadiusMeters) => new(
        o.Id, o.Number, o.ElevatorId, o.Elevator?.Number, o.Elevator?.Name, o.Elevator?.Community?.Name,
        o.Elevator?.Community?.Latitude, o.Elevator?.Community?.Longitude, signInRadiusMeters, o.Mode, o.Period,
        MaintenanceSchedule.PeriodName(o.Period), o.DueOn, o.DueReason, o.State, MaintenanceOrders.StateName(o.State), o.IsOverdue(today),
        o.WorkerId, workerName, o.SignedInAtUtc, o.SignInLatitude, o.SignInLongitude, o.SubmittedAtUtc, o.Notes,
        o.ConfirmedAtUtc, o.ConfirmedByName, o.ConfirmationNote,
        o.Items.Select(i => new MaintenanceItemDetails(i.Id, i.Period, i.Number, i.Name, i.Requirement, i.NeedsPhoto, i.Result, i.Note,
            i.Photos.Select(p => p.Id).ToList())).ToList());
}

public sealed record MaintenanceItemDetails(
    int Id, MaintenancePeriod Period, int Number, string Name, string Requirement, bool NeedsPhoto,
    MaintenanceItemResult? Result, string? Note, IReadOnlyList<int> PhotoIds);
