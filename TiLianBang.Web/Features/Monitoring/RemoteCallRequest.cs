namespace TiLianBang.Web.Features.Monitoring;

/// <summary>呼梯: <c>kind</c> car, up or down; the landing as its index (<c>floor</c>, 1 = lowest) or as shown (<c>floorLabel</c>, e.g. B1).</summary>
public sealed record RemoteCallRequest(string? Kind, int? Floor, string? FloorLabel);
