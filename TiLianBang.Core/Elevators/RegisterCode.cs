using System.Globalization;

namespace TiLianBang.Core.Elevators;

/// <summary>
/// 注册代码 (设备注册代码): 20 digits = 设备分类码 (4, an elevator's starts with 3) + 行政区划代码 (6, GB/T 2260) +
/// 注册年月 (YYYYMM) + 顺序码 (0001–9999). The classification digits are not decoded: their meaning changed in
/// 2014 (see archive-classification.md), so only their shape is checked.
/// </summary>
public static class RegisterCode
{
    /// <summary>Null when well-formed; otherwise what is wrong, in words for the person typing it.</summary>
    public static string? Problem(string code, DateOnly today)
    {
        if (code.Length != 20 || !code.All(char.IsAsciiDigit))
        {
            return "注册代码应为 20 位数字。";
        }
        if (code[0] != '3')
        {
            return "注册代码前 4 位是设备分类码，电梯以 3 开头。";
        }
        var province = int.Parse(code.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (province is < 11 or > 82)
        {
            return "注册代码第 5–10 位应为行政区划代码（如 500112）。";
        }
        var year = int.Parse(code.AsSpan(10, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(code.AsSpan(14, 2), CultureInfo.InvariantCulture);
        if (year < 1980 || month is < 1 or > 12 || new DateOnly(year, month, 1) > today)
        {
            return "注册代码第 11–16 位应为注册年月（如 202408），且不晚于本月。";
        }
        if (code.AsSpan(16, 4) is "0000")
        {
            return "注册代码最后 4 位顺序码应在 0001–9999 之间。";
        }
        return null;
    }
}
