using System.Text.Json;
using System.Text.Unicode;

namespace TiLianBang.Core.Devices.Protocol;

/// <summary>
/// Validates device payloads exactly as PROTOCOL.md v1 states: UTF-8 JSON objects of at most 16 KiB, required
/// fields present, types and ranges right, unknown fields ignored. A message with any problem is rejected whole.
/// </summary>
public static class ProtocolParser
{
    public const int MaxPayloadBytes = 16 * 1024;
    public const int MaxLanding = 255;
    private const int MaxIoPoints = 256;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static Parsed<StateReport> State(ReadOnlySpan<byte> payload) => Parse(payload, static (ref JsonFieldReader r, JsonElement root) =>
    {
        var mode = r.Integer("mode", true, 0, 7);
        var run = r.Flag("run", true);
        var dir = r.Integer("dir", true, 0, 2);
        var floor = r.Integer("floor", true, 1, MaxLanding);
        var door = r.Integer("door", true, 0, 6);
        var zone = r.Flag("zone", false);
        var people = r.Flag("people", false);
        var load = r.Number("load", false, 0, 200);
        var speed = r.Number("speed", false, 0, 20);
        CallSet? calls = null;
        if (r.TryGetObject("calls", out var callsElement))
        {
            calls = new CallSet(
                r.IntegerArray("car", callsElement, 1, MaxLanding, MaxLanding) ?? [],
                r.IntegerArray("up", callsElement, 1, MaxLanding, MaxLanding) ?? [],
                r.IntegerArray("down", callsElement, 1, MaxLanding, MaxLanding) ?? []);
        }
        var ts = DeviceTime(ref r);
        var seq = r.Integer("seq", false, 0, long.MaxValue);
        return r.Error is not null ? null : new StateReport(
            (ServiceMode)mode!.Value, run!.Value, (CarDirection)dir!.Value, (int)floor!.Value, (DoorState)door!.Value,
            zone, people, load, speed, calls, ts, seq);
    });

    public static Parsed<EventReport> Event(ReadOnlySpan<byte> payload) => Parse(payload, static (ref JsonFieldReader r, JsonElement root) =>
    {
        var id = r.String("id", true, 1, 64);
        var code = r.Integer("code", true, 1, 999);
        var state = r.Flag("state", true);
        var floor = r.Integer("floor", false, 1, MaxLanding);
        var detail = r.ObjectText("detail");
        var ts = DeviceTime(ref r);
        return r.Error is not null ? null : new EventReport(id!, (int)code!.Value, state!.Value, (int?)floor, detail, ts);
    });

    public static Parsed<IoReport> Io(ReadOnlySpan<byte> payload) => Parse(payload, static (ref JsonFieldReader r, JsonElement root) =>
    {
        var inputs = r.IntegerArray("in", root, 0, 1, MaxIoPoints);
        var outputs = r.IntegerArray("out", root, 0, 1, MaxIoPoints);
        var ts = DeviceTime(ref r);
        r.Require(inputs is not null || outputs is not null, "'in' or 'out' is required");
        return r.Error is not null ? null : new IoReport(
            inputs?.Select(v => v == 1).ToArray(), outputs?.Select(v => v == 1).ToArray(), ts);
    });

    public static Parsed<StatsReport> Stats(ReadOnlySpan<byte> payload) => Parse(payload, static (ref JsonFieldReader r, JsonElement root) =>
    {
        var runs = r.Integer("runs", true, 0, long.MaxValue);
        var hours = r.Number("runHours", true, 0, 1_000_000);
        var doors = r.Integer("doorCycles", true, 0, long.MaxValue);
        var distance = r.Number("distance", false, 0, 1e12);
        var ts = DeviceTime(ref r);
        return r.Error is not null ? null : new StatsReport(runs!.Value, hours!.Value, doors!.Value, distance, ts);
    });

    public static Parsed<InfoReport> Info(ReadOnlySpan<byte> payload) => Parse(payload, static (ref JsonFieldReader r, JsonElement root) =>
    {
        var fw = r.String("fw", false, 0, 64);
        var model = r.String("model", false, 0, 64);
        var imei = r.String("imei", false, 0, 32);
        var iccid = r.String("iccid", false, 0, 32);
        var signal = r.Integer("signal", false, 0, 99);
        var heartbeat = r.Integer("heartbeat", false, 10, 600);
        return r.Error is not null ? null : new InfoReport(fw, model, imei, iccid, (int?)signal, (int?)heartbeat);
    });

    public static Parsed<CommandReply> Reply(ReadOnlySpan<byte> payload) => Parse(payload, static (ref JsonFieldReader r, JsonElement root) =>
    {
        var id = r.String("id", true, 1, 64);
        var ok = r.Boolean("ok", true);
        var data = r.ObjectText("data");
        var error = r.String("error", false, 0, 1000);
        return r.Error is not null ? null : new CommandReply(id!, ok!.Value, data, error);
    });

    /// <summary><c>tlb/{id}/online</c>: exactly <c>1</c> or <c>0</c>.</summary>
    public static bool? Online(ReadOnlySpan<byte> payload) => payload switch
    {
        [(byte)'1'] => true,
        [(byte)'0'] => false,
        _ => null,
    };

    private static int FirstInvalidUtf8(ReadOnlySpan<byte> payload)
    {
        var status = Utf8.ToUtf16(payload, new char[payload.Length], out var read, out _, replaceInvalidSequences: false);
        return status == System.Buffers.OperationStatus.Done ? -1 : read;
    }

    private static long? DeviceTime(ref JsonFieldReader r) => r.Integer("ts", false, 0, long.MaxValue);

    private delegate T? FieldParser<T>(ref JsonFieldReader reader, JsonElement root);

    private static Parsed<T> Parse<T>(ReadOnlySpan<byte> payload, FieldParser<T> parse) where T : class
    {
        if (payload.Length > MaxPayloadBytes)
        {
            return new Parsed<T>(null, $"payload is {payload.Length} bytes; at most {MaxPayloadBytes} allowed");
        }
        // The JSON reader does not check the bytes inside strings; reading such a string later would throw.
        if (!Utf8.IsValid(payload))
        {
            return new Parsed<T>(null, $"payload is not valid UTF-8 (first bad byte at offset {FirstInvalidUtf8(payload)})");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload.ToArray(), Options);
        }
        catch (JsonException e)
        {
            return new Parsed<T>(null, "invalid JSON: " + e.Message);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new Parsed<T>(null, "payload must be a JSON object");
            }
            var reader = new JsonFieldReader(document.RootElement);
            try
            {
                var value = parse(ref reader, document.RootElement);
                return reader.Error is { } error ? new Parsed<T>(null, error) : new Parsed<T>(value!, null);
            }
            catch (InvalidOperationException e)
            {
                // Valid UTF-8 can still escape an invalid UTF-16 string ("\udc00"): malformed like any other.
                return new Parsed<T>(null, "invalid JSON text: " + e.Message);
            }
        }
    }
}
