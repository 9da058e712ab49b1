using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TiLianBang.Core.Devices;

namespace TiLianBang.Benchmarks;

/// <summary>
/// <c>device-secret --runs N</c>: the cost of checking one collector's secret at CONNECT (embedded broker, EMQX hook),
/// for the Mosquitto-compatible $7$ hash and the older s1 hash; thousands of collectors reconnect at once.
/// </summary>
internal static class DeviceSecretBenchmark
{
    public static int Run(int runs)
    {
        const string secret = "0123456789abcdef0123456789abcdef";
        var current = DeviceSecret.Hash(secret);
        var salt = RandomNumberGenerator.GetBytes(16);
        var legacy = $"s1${Convert.ToBase64String(salt)}${Convert.ToBase64String(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes(secret)]))}";
        foreach (var (name, hash) in new[] { ("$7$ PBKDF2-SHA512 x" + DeviceSecret.Iterations, current), ("s1 SHA-256", legacy) })
        {
            for (var i = 0; i < Math.Min(runs, 1000); i++)
            {
                DeviceSecret.Verify(hash, secret);
            }
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                if (!DeviceSecret.Verify(hash, secret))
                {
                    throw new InvalidOperationException("verify failed");
                }
            }
            watch.Stop();
            var micros = watch.Elapsed.TotalMicroseconds / runs;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-28} {micros,8:F1} µs per Verify  ({1_000_000 / micros,9:F0} per second on one core, {runs} runs)"));
        }
        return 0;
    }
}
