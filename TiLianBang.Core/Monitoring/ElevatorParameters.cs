using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Common;
using TiLianBang.Core.Data;
using TiLianBang.Core.Devices.Commands;
using TiLianBang.Core.Localization;
using TiLianBang.Core.Parameters;

namespace TiLianBang.Core.Monitoring;

/// <summary>
/// 读取参数 (MON-3) for the web page and the API: asks the controller for exactly the parameters the 8K specification
/// defines, through the command service (scope check, operation log), and decodes the answer with the specification.
/// </summary>
public sealed class ElevatorParameters(
    TiLianBangDbContext db, DeviceCommandService commands, ParameterSpecification specification, LastParameterReadings last, TimeProvider clock)
{
    public async Task<ParameterReading> LastAsync(int elevatorId, CancellationToken cancellationToken)
    {
        if (!await db.Elevators.AnyAsync(e => e.Id == elevatorId, cancellationToken))
        {
            throw new DomainException("elevator.not_found", $"电梯 {elevatorId} 不存在或无权查看。", DomainErrorKind.NotFound);
        }
        return Shown(last.Find(elevatorId) ?? ParameterReading.None);
    }

    /// <summary>The reading when the controller answered; otherwise the command's outcome says why there is none.</summary>
    public async Task<(CommandResult Result, ParameterReading? Reading)> ReadAsync(int elevatorId, CancellationToken cancellationToken)
    {
        var specs = (await specification.ParametersAsync(null, cancellationToken))
            .ToDictionary(p => p.Code, StringComparer.OrdinalIgnoreCase);
        var result = await commands.SendToElevatorAsync(elevatorId, DeviceOperation.ReadParams, new { codes = specs.Keys.ToArray() }, cancellationToken);
        if (result.Status != CommandStatus.Succeeded)
        {
            return (result, null);
        }
        var values = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(result.DataJson ?? "{}") ?? [];
        var reading = new ParameterReading(clock.GetUtcNow(), values
            .OrderBy(v => v.Key, StringComparer.Ordinal)
            .Select(v =>
            {
                var spec = specs.GetValueOrDefault(v.Key);
                var value = v.Value.ValueKind == JsonValueKind.String ? v.Value.GetString()! : v.Value.GetRawText();
                return new ParameterReadValue(v.Key, spec?.Name, value, spec?.Unit);
            })
            .ToList());
        last.Remember(elevatorId, reading);
        return (result, Shown(reading));
    }

    /// <summary>Names are stored as the specification has them (Chinese); readers get them in their own language.</summary>
    private static ParameterReading Shown(ParameterReading reading) =>
        reading with { Values = reading.Values.Select(v => v with { Name = v.Name is null ? null : CoreTexts.Show(v.Name, CultureInfo.CurrentUICulture) }).ToList() };
}
