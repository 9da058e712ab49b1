using System.Text.Json;
using TiLianBang.Core.Common;
using TiLianBang.Core.Devices.Protocol;

namespace TiLianBang.Core.Devices.Commands;

/// <summary>Checks a command's <c>args</c> against PROTOCOL.md before anything is sent, so bad input never reaches a device.</summary>
public static class CommandArguments
{
    private static readonly HashSet<string> CallKinds = new(StringComparer.Ordinal) { "car", "up", "down" };

    public static JsonElement Validate(string operation, object? args)
    {
        var json = JsonSerializer.SerializeToElement(args ?? new { });
        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("args", "指令参数必须是对象。");
        }
        switch (operation)
        {
            case DeviceOperation.Call:
                if (!json.TryGetProperty("floor", out var floor) || !floor.TryGetInt32(out var landing) || landing is < 1 or > ProtocolParser.MaxLanding)
                {
                    throw Invalid("floor", "请选择要呼叫的楼层。");
                }
                if (!json.TryGetProperty("kind", out var kind) || kind.ValueKind != JsonValueKind.String || !CallKinds.Contains(kind.GetString()!))
                {
                    throw Invalid("kind", "呼梯类型应为轿内(car)、上行(up)或下行(down)。");
                }
                break;
            case DeviceOperation.SetHeartbeat:
                if (HeartbeatSeconds(json) is not (>= 10 and <= 600))
                {
                    throw Invalid("seconds", "心跳间隔应在 10 到 600 秒之间。");
                }
                break;
            case DeviceOperation.ReadParams:
                var hasCodes = json.TryGetProperty("codes", out var codes) && codes.ValueKind == JsonValueKind.Array
                    && codes.EnumerateArray().All(c => c.ValueKind == JsonValueKind.String);
                var hasGroup = json.TryGetProperty("group", out var group) && group.ValueKind == JsonValueKind.String;
                if (!hasCodes && !hasGroup)
                {
                    throw Invalid("codes", "请指定要读取的参数代码或参数组。");
                }
                break;
        }
        return json;
    }

    public static int? HeartbeatSeconds(JsonElement args) =>
        args.TryGetProperty("seconds", out var seconds) && seconds.TryGetInt32(out var value) ? value : null;

    private static ValidationException Invalid(string field, string message) =>
        new(new Dictionary<string, string> { [field] = message });
}
