using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TiLianBang.Core.Demo;

/// <summary>
/// The demo installation's collectors: one per elevator, IMEI-like ids, and secrets derived from the id so that
/// the simulator, the README and a person with mosquitto_pub can all connect. Demo only: real collectors get
/// random secrets (<see cref="Devices.DeviceSecret.NewSecret"/>).
/// </summary>
public static class DemoDevices
{
    private static readonly byte[] DemoKey = Encoding.UTF8.GetBytes("TiLianBang demo collectors");

    /// <summary>The collector of the n-th demo elevator (1-based), e.g. 868120250000001.</summary>
    public static string DeviceIdFor(int elevatorIndex) => "86812025" + elevatorIndex.ToString("D7", CultureInfo.InvariantCulture);

    public static bool IsDemoDevice(string deviceId) =>
        deviceId.Length == 15 && deviceId.StartsWith("86812025", StringComparison.Ordinal);

    public static string SecretFor(string deviceId) =>
        Convert.ToHexString(HMACSHA256.HashData(DemoKey, Encoding.UTF8.GetBytes(deviceId)))[..24].ToLowerInvariant();
}
