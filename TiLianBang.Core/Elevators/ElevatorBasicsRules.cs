using TiLianBang.Core.Common;

namespace TiLianBang.Core.Elevators;

/// <summary>What makes basic parameters acceptable; the one place these limits are written.</summary>
public static class ElevatorBasicsRules
{
    public static void Validate(ElevatorBasics basics)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(basics.Name))
        {
            errors[nameof(basics.Name)] = "电梯名称不能为空。";
        }
        else if (basics.Name.Trim().Length > 100)
        {
            errors[nameof(basics.Name)] = "电梯名称不能超过 100 个字符。";
        }
        if (basics.Floors is < 2 or > 200)
        {
            errors[nameof(basics.Floors)] = "层站数应在 2 到 200 之间。";
        }
        if (basics.RatedSpeed is <= 0 or > 20)
        {
            errors[nameof(basics.RatedSpeed)] = "额定速度应大于 0 且不超过 20 m/s。";
        }
        if (basics.RatedLoad is < 100 or > 20000)
        {
            errors[nameof(basics.RatedLoad)] = "额定载重量应在 100 到 20000 kg 之间。";
        }
        if (errors.Count > 0)
        {
            throw new ValidationException(errors);
        }
    }
}
