namespace TiLianBang.Core.IoPoints;

public enum IoPointKind
{
    /// <summary>Input Xn.</summary>
    Input = 0,
    /// <summary>Output Yn.</summary>
    Output = 1,
}
