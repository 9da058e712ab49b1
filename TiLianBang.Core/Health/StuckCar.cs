namespace TiLianBang.Core.Health;

/// <summary>
/// A car that has stood outside the door zone with its door closed and a passenger inside since <see cref="Since"/>
/// (the first state that said so): the evidence of a suspected entrapment (疑似困人).
/// </summary>
public sealed record StuckCar(int ElevatorId, string DeviceId, DateTimeOffset Since, int Floor, Devices.Protocol.DoorState Door,
    Devices.Protocol.ServiceMode Mode, double? LoadPercent);
