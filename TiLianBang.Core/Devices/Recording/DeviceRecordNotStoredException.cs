namespace TiLianBang.Core.Devices.Recording;

/// <summary>A device record could not be committed; whoever waited for it must not acknowledge it.</summary>
public sealed class DeviceRecordNotStoredException(Exception inner)
    : Exception("The device record could not be stored: " + inner.Message, inner);
