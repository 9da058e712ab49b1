namespace TiLianBang.Web.Features.Monitoring;

/// <summary>The collector registered the call.</summary>
public sealed record RemoteCallResponse(string CommandId, int Floor, string FloorLabel, string Kind);
