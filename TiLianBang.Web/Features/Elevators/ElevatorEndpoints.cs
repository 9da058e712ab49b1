using Microsoft.AspNetCore.Http.HttpResults;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Elevators;

namespace TiLianBang.Web.Features.Elevators;

/// <summary>Elevator archives over HTTP. Scoping is the DbContext's; another company's elevator is a 404 here.</summary>
public static class ElevatorEndpoints
{
    public static WebApplication MapElevatorEndpoints(this WebApplication app)
    {
        var api = app.MapGroup("/api/v1/elevators").WithTags("Elevators").DisableAntiforgery();
        api.MapGet("/", ListAsync).RequireAuthorization(Permissions.ArchiveElevatorsView);
        api.MapGet("/{id:int}", GetAsync).RequireAuthorization(Permissions.ArchiveElevatorsView);
        api.MapPut("/{id:int}/basics", UpdateBasicsAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ElevatorSummary>>> ListAsync(
        ElevatorService elevators, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await elevators.ListAsync(search, cancellationToken));

    private static async Task<Ok<ElevatorDetails>> GetAsync(ElevatorService elevators, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ElevatorDetails.From(await elevators.GetAsync(id, cancellationToken)));

    private static async Task<NoContent> UpdateBasicsAsync(
        ElevatorService elevators, int id, ElevatorBasics basics, CancellationToken cancellationToken)
    {
        await elevators.UpdateBasicsAsync(id, basics, cancellationToken);
        return TypedResults.NoContent();
    }
}
