using TiLianBang.Core.Devices;

namespace TiLianBang.Core.FaultCodes;

/// <summary>The protocol's code table (docs/protocol.md) as seed data.</summary>
public static class FaultCodeDefaults
{
    private static readonly int[] Critical = [5, 9, 10, 11, 12, 13];

    public static readonly IReadOnlyList<FaultCode> All =
    [
        .. Enumerable.Range(1, 13).Select(code => new FaultCode
        {
            Code = code,
            Name = DefaultFaultCodes.NameOf(code),
            Kind = FaultKind.Fault,
            Severity = Critical.Contains(code) ? FaultSeverity.Critical : FaultSeverity.Serious,
            CreatesOrder = true,
            PassengersTrapped = code == DefaultFaultCodes.PassengersTrapped,
            Advice = code == DefaultFaultCodes.PassengersTrapped ? "立即安抚被困人员，按救援规程到场放人。" : null,
        }),
        .. Enumerable.Range(40, 8).Select(code => new FaultCode
        {
            Code = code,
            Name = DefaultFaultCodes.NameOf(code),
            Kind = FaultKind.Event,
            Severity = FaultSeverity.Normal,
        }),
        new FaultCode { Code = 90, Name = DefaultFaultCodes.NameOf(90), Kind = FaultKind.Alarm, Severity = FaultSeverity.Serious, CreatesOrder = true, Advice = "联系轿内人员确认情况。" },
    ];
}
