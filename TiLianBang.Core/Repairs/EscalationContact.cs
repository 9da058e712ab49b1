namespace TiLianBang.Core.Repairs;

/// <summary>
/// Someone a 5级上报 level reaches: a person's account (in-app message, and WeChat when bound) or, for the
/// maintenance company's duty line, a bare phone number (SMS).
/// </summary>
public sealed record EscalationContact(int? AccountId, string Name, string? Phone, string? WeChatOpenId);
