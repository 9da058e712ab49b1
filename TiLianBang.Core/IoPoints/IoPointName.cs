namespace TiLianBang.Core.IoPoints;

/// <summary>IO 管理 (SYS-3): the name people see for input Xn or output Yn of the collectors' <c>io</c> messages.</summary>
public class IoPointName
{
    public int Id { get; set; }
    public IoPointKind Kind { get; set; }
    public int Index { get; set; }
    public required string Name { get; set; }

    public string Code => (Kind == IoPointKind.Input ? "X" : "Y") + Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
