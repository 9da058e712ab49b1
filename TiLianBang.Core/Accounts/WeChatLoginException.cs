using TiLianBang.Core.Common;
using TiLianBang.Core.Localization;

namespace TiLianBang.Core.Accounts;

/// <summary>
/// WeChat did not tell us who the user is: unreachable, refused the code, or not configured here. Nothing was
/// bound or signed in; the web host answers 502 (503 when not configured), not a client error.
/// </summary>
public sealed class WeChatLoginException(string code, LocalizedText message, bool remoteFailed, Exception? innerException = null)
    : DomainException(code, message, DomainErrorKind.Unprocessable, innerException)
{
    /// <summary>WeChat could not be reached or gave no usable answer (as opposed to refusing the code).</summary>
    public bool RemoteFailed { get; } = remoteFailed;
}
