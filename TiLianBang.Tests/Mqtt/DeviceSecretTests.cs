using System.Security.Cryptography;
using System.Text;
using TiLianBang.Core.Devices;

namespace TiLianBang.Tests.Mqtt;

/// <summary>Device secret hashes in Mosquitto's <c>$7$</c> format; older <c>s1</c> hashes still verify.</summary>
public sealed class DeviceSecretTests
{
    [Fact]
    public void NewHashesAreMosquittosPbkdf2FormatAndVerifyOnlyTheirSecret()
    {
        var hash = DeviceSecret.Hash("a1b2c3d4e5f6");

        var parts = hash.Split('$');
        Assert.Equal(["", "7", "101"], parts[..3]);
        Assert.Equal(12, Convert.FromBase64String(parts[3]).Length);
        Assert.Equal(64, Convert.FromBase64String(parts[4]).Length);
        Assert.True(DeviceSecret.IsMosquittoCompatible(hash));
        Assert.True(DeviceSecret.Verify(hash, "a1b2c3d4e5f6"));
        Assert.False(DeviceSecret.Verify(hash, "a1b2c3d4e5f7"));
        Assert.NotEqual(hash, DeviceSecret.Hash("a1b2c3d4e5f6"));
    }

    [Fact]
    public void AHashMadeByMosquittoPasswdVerifies()
    {
        // Written by Debian's mosquitto_passwd 2.0.11 (-b) for the password "secret1".
        const string mosquittoPasswd = "$7$101$IKxw80YrhaPT3ie3$JzT10DPDEG5aXh9fR1rlnHNjhYTkNK6lj1KwkJiNU5+OEJ+LUEuGoX+mcpcelCbwGugXHBcG10qrFqODI2DgZA==";

        Assert.True(DeviceSecret.Verify(mosquittoPasswd, "secret1"));
        Assert.False(DeviceSecret.Verify(mosquittoPasswd, "secret2"));
    }

    [Fact]
    public void OldS1HashesStillVerifyButAreNotMosquittoCompatible()
    {
        var salt = Encoding.UTF8.GetBytes("0123456789abcdef");
        var old = $"s1${Convert.ToBase64String(salt)}${Convert.ToBase64String(SHA256.HashData([.. salt, .. Encoding.UTF8.GetBytes("old-secret")]))}";

        Assert.True(DeviceSecret.Verify(old, "old-secret"));
        Assert.False(DeviceSecret.Verify(old, "old-secreT"));
        Assert.False(DeviceSecret.IsMosquittoCompatible(old));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$7$")]
    [InlineData("$7$101$not base64!$AAAA")]
    [InlineData("$7$0$AAAA$AAAA")]
    [InlineData("$7$999999999$AAAA$AAAA")]
    [InlineData("$7$-5$AAAA$AAAA")]
    [InlineData("$7$101$AAAA$")]
    [InlineData("s1$AAAA")]
    [InlineData("$6$AAAA$AAAA")]
    public void MalformedHashesVerifyNothingAndThrowNothing(string stored) =>
        Assert.False(DeviceSecret.Verify(stored, "anything"));
}
