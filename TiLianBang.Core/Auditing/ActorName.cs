namespace TiLianBang.Core.Auditing;

/// <summary>
/// Who did something, as people read it: a person's real name (their user name as a hint), or a localizer key
/// naming the system job.
/// </summary>
public sealed record ActorName(string Text, bool IsSystem, string? UserName)
{
    public static readonly ActorName Nobody = new("—", false, null);
}
