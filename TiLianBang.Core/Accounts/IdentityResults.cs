using Microsoft.AspNetCore.Identity;
using TiLianBang.Core.Common;

namespace TiLianBang.Core.Accounts;

/// <summary>Identity's refusals as domain errors: the first error's code under a prefix, every description as the text.</summary>
internal static class IdentityResults
{
    public static void ThrowIfFailed(this IdentityResult result, string codePrefix)
    {
        if (!result.Succeeded)
        {
            throw Refused(result.Errors, codePrefix);
        }
    }

    public static DomainException Refused(IEnumerable<IdentityError> errors, string codePrefix)
    {
        var list = errors.ToList();
        return new DomainException(codePrefix + "." + list[0].Code, string.Join(" ", list.Select(e => e.Description)));
    }
}
