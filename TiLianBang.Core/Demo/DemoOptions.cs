namespace TiLianBang.Core.Demo;

/// <summary>Configuration section <c>Demo</c>.</summary>
public sealed class DemoOptions
{
    /// <summary>Seed demo data into an empty database. Off in the installer's settings.</summary>
    public bool Enabled { get; set; }
}
