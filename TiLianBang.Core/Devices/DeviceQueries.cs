using System.Globalization;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Devices.Pipeline;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Monitoring;

namespace TiLianBang.Core.Devices;

/// <summary>
/// 设备调试 (DEV-5) reading side: finding the company's collectors by elevator number, IMEI or device id, and one
/// collector's connection, current data and raw messages. What the collector said about itself comes from its
/// row (stored at each <c>info</c> and connection), so it is there after a restart; whether it is connected now
/// and its traffic come from this node's live view.
/// </summary>
public sealed class DeviceQueries(TiLianBangDbContext db, DeviceActivityRegistry activities, ElevatorStateHub hub, FaultCodeCatalog faultCodes)
{
    /// <summary>
    /// The collectors matching every filter given, a page at a time: an elevator number, IMEI or device id matches
    /// in part (the manual: a complete number finds that elevator, a part searches); exact matches come first.
    /// </summary>
    public async Task<PagedList<DeviceSummary>> SearchAsync(DeviceSearch search, Paging paging, CancellationToken cancellationToken)
    {
        var devices = db.Devices.AsNoTracking();
        if (search.ElevatorId is { } elevatorId)
        {
            devices = devices.Where(d => d.ElevatorId == elevatorId);
        }
        var number = Term(search.ElevatorNumber);
        if (number is not null)
        {
            devices = devices.Where(d => d.Elevator != null && d.Elevator.Number.Contains(number));
        }
        var imei = Term(search.Imei);
        if (imei is not null)
        {
            devices = devices.Where(d => d.Imei != null && d.Imei.Contains(imei));
        }
        var deviceId = Term(search.DeviceId);
        if (deviceId is not null)
        {
            devices = devices.Where(d => d.DeviceId.Contains(deviceId));
        }
        var total = await devices.CountAsync(cancellationToken);
        var rows = await devices
            .OrderBy(d => (number != null && d.Elevator != null && d.Elevator.Number == number)
                || (imei != null && d.Imei == imei) || (deviceId != null && d.DeviceId == deviceId) ? 0 : 1)
            .ThenBy(d => d.Elevator == null ? null : d.Elevator.Number)
            .ThenBy(d => d.Channel)
            .ThenBy(d => d.DeviceId)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .Select(d => new
            {
                d.DeviceId, d.Imei, d.ElevatorId, d.Channel, d.Firmware, d.Signal, d.LastConnectedAtUtc,
                Number = d.Elevator == null ? null : d.Elevator.Number,
                Name = d.Elevator == null ? null : d.Elevator.Name,
                Community = d.Elevator == null ? null : d.Elevator.Community!.Name,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(d =>
        {
            var activity = activities.Find(d.DeviceId);
            return new DeviceSummary(d.DeviceId, d.Imei ?? activity?.Imei, d.Number is null ? null : d.ElevatorId, d.Number, d.Name, d.Community,
                d.Channel, activity?.Online ?? false, activity?.LastSeen, Utc(d.LastConnectedAtUtc), d.Firmware ?? activity?.Firmware, d.Signal);
        }).ToList();
        return new PagedList<DeviceSummary>(items, total, paging);
    }

    /// <summary>One collector by its device id, or by the IMEI it reported; another company's is not found.</summary>
    public async Task<DeviceDetail> DetailAsync(string idOrImei, CancellationToken cancellationToken)
    {
        var key = idOrImei.Trim();
        var liveImei = activities.All.FirstOrDefault(a => a.Imei == key)?.DeviceId;
        var device = await db.Devices.AsNoTracking()
            .Where(d => d.DeviceId == key || d.Imei == key || d.DeviceId == liveImei)
            .OrderBy(d => d.DeviceId == key ? 0 : 1)
            .ThenByDescending(d => d.InfoReceivedAtUtc)
            .Select(d => new
            {
                Row = d,
                Number = d.Elevator == null ? null : d.Elevator.Number,
                Name = d.Elevator == null ? null : d.Elevator.Name,
                Community = d.Elevator == null ? null : d.Elevator.Community!.Name,
                FloorLabels = d.Elevator == null ? null : d.Elevator.FloorLabels,
            })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw NotFound(idOrImei);
        var row = device.Row;
        var activity = activities.Find(row.DeviceId);
        var connected = activity?.Connected ?? false;
        var elevator = device.Number is not null && row.ElevatorId is { } elevatorId
            ? new DeviceElevator(elevatorId, device.Number, device.Name!, device.Community ?? "")
            : null;
        var live = elevator is not null && hub.Find(elevator.Id) is { } state && state.DeviceId == row.DeviceId ? state : null;
        var connection = new DeviceConnection(
            activity?.Online ?? false,
            connected,
            activity?.ListensForCommands ?? false,
            activity?.OnlineChangedAt ?? Latest(Utc(row.LastConnectedAtUtc), Utc(row.LastDisconnectedAtUtc)),
            connected ? Environment.MachineName : row.LastServerNode,
            connected ? activity!.RemoteEndpoint : row.LastRemoteEndpoint,
            activity?.LastSeen,
            Utc(row.LastConnectedAtUtc),
            Utc(row.LastDisconnectedAtUtc),
            row.Firmware ?? activity?.Firmware,
            row.Model ?? live?.Info?.Model,
            row.Iccid ?? live?.Info?.Iccid,
            row.Signal,
            Utc(row.InfoReceivedAtUtc),
            activity?.HeartbeatSeconds ?? DeviceActivity.DefaultHeartbeatSeconds);
        return new DeviceDetail(
            row.DeviceId, row.Imei ?? activity?.Imei, row.Channel, elevator, connection,
            live is null ? null : DeviceCurrentData.From(live, LiveStateView.Of(live, new FloorMap(device.FloorLabels),
                code => CoreTexts.Show(faultCodes.NameOf(code), CultureInfo.CurrentUICulture))),
            new DeviceCounters(activity?.Accepted ?? 0, activity?.Rejected ?? 0, activity?.Refused ?? 0,
                activity?.Superseded ?? 0, activity?.OverBudgetDropped ?? 0, activity?.OverBudgetDelayed ?? 0),
            activity?.LatestMessages ?? []);
    }

    private static string? Term(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateTimeOffset? Utc(DateTime? value) =>
        value is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DomainException NotFound(string idOrImei) =>
        new("device.not_found", $"未找到采集器 {idOrImei}，或它不属于本单位。", DomainErrorKind.NotFound);
}

/// <summary>Filters of the 设备调试 search; every one optional.</summary>
public sealed record DeviceSearch(int? ElevatorId, string? ElevatorNumber, string? Imei, string? DeviceId);
