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
        api.MapGet("/{id:int}/archive", ArchiveAsync).RequireAuthorization(Permissions.ArchiveElevatorsView);
        api.MapPost("/", CreateAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit);
        api.MapPut("/{id:int}", UpdateAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit);
        api.MapPost("/batch", BatchAsync).RequireAuthorization(Permissions.ArchiveElevatorsEdit);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<ElevatorSummary>>> ListAsync(
        ElevatorService elevators, string? search, CancellationToken cancellationToken) =>
        TypedResults.Ok(await elevators.ListAsync(search, cancellationToken));

    private static async Task<Ok<ElevatorDetails>> GetAsync(ElevatorService elevators, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ElevatorDetails.From(await elevators.GetAsync(id, cancellationToken)));

    private static async Task<Ok<ElevatorArchive>> ArchiveAsync(ElevatorService elevators, int id, CancellationToken cancellationToken) =>
        TypedResults.Ok(ElevatorArchive.Of(await elevators.GetAsync(id, cancellationToken)));

    private static async Task<Created<ElevatorDetails>> CreateAsync(
        ElevatorArchives archives, ElevatorService elevators, ElevatorArchive archive, CancellationToken cancellationToken)
    {
        var created = await archives.CreateAsync(archive, cancellationToken);
        return TypedResults.Created($"/api/v1/elevators/{created.Id}", ElevatorDetails.From(await elevators.GetAsync(created.Id, cancellationToken)));
    }

    private static async Task<NoContent> UpdateAsync(ElevatorArchives archives, int id, ElevatorArchive archive, CancellationToken cancellationToken)
    {
        await archives.UpdateAsync(id, archive, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<int>> BatchAsync(ElevatorArchives archives, ElevatorBatchRequest request, CancellationToken cancellationToken) =>
        TypedResults.Ok(await archives.BatchUpdateAsync(request.ElevatorIds, request.Change, cancellationToken));
}

public sealed record ElevatorBatchRequest(IReadOnlyList<int> ElevatorIds, ElevatorBatchChange Change);
