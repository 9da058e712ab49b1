using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using TiLianBang.Core.Devices;
using TiLianBang.Core.Devices.LiveState;
using TiLianBang.Core.Elevators;
using TiLianBang.Core.FaultCodes;
using TiLianBang.Core.Localization;

namespace TiLianBang.Web.Features.Live;

/// <summary>
/// Renders <c>elevatorState</c> frames: <c>elevatorId</c>, <c>status</c> and <c>live</c>, the same
/// <see cref="LiveStateView"/> (and the same status) as <c>GET /api/v1/monitoring/elevators/{id}</c>, so a client
/// applies each frame to the detail it fetched. Fault names are in the socket's language, like the REST answer
/// in the caller's; so each snapshot is rendered once per language (two at most) and those bytes are shared by
/// every socket watching the elevator, kept as long as the snapshot lives.
/// </summary>
public sealed class LiveElevatorStates(DeviceDirectory devices, FaultCodeCatalog faultCodes)
{
    private readonly ConditionalWeakTable<ElevatorLiveState, byte[]> _chinese = [];
    private readonly ConditionalWeakTable<ElevatorLiveState, byte[]> _english = [];

    public byte[] Render(LiveElevatorStateFrame frame, CultureInfo culture)
    {
        if (frame.State is not { } state)
        {
            return Write(frame.ElevatorId, null, culture);
        }
        var rendered = CoreTexts.IsEnglish(culture) ? _english : _chinese;
        return rendered.GetValue(state, s => Write(s.ElevatorId, s, culture));
    }

    private byte[] Write(int elevatorId, ElevatorLiveState? state, CultureInfo culture)
    {
        var view = LiveStateView.Of(state, FloorMapOf(elevatorId, state), code => CoreTexts.Show(faultCodes.NameOf(code), culture));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = LiveFrames.Json.Encoder }))
        {
            writer.WriteStartObject();
            writer.WriteString("type", LiveElevatorStateFrame.FrameType);
            writer.WriteNumber("elevatorId", elevatorId);
            writer.WritePropertyName("status");
            JsonSerializer.Serialize(writer, ElevatorStatusRule.Of(state), LiveFrames.Json);
            writer.WritePropertyName("live");
            JsonSerializer.Serialize(writer, view, LiveFrames.Json);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // The directory holds each collector's binding with its elevator's landing labels, reloaded whenever either is
    // edited: the labels the REST detail reads from the database, without a query per change.
    // A state never heard from names no landing.
    private FloorMap FloorMapOf(int elevatorId, ElevatorLiveState? state) => state is null
        ? FloorMap.Default
        : (devices.Find(state.DeviceId) is { } device && device.ElevatorId == elevatorId ? device : devices.FindByElevator(elevatorId))?.FloorMap
            ?? FloorMap.Default;
}
