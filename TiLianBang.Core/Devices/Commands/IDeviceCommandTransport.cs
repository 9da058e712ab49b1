namespace TiLianBang.Core.Devices.Commands;

/// <summary>Delivers a command payload to <c>tlb/{id}/cmd</c>; implemented by the broker host (or an external broker client).</summary>
public interface IDeviceCommandTransport
{
    Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken);
}
