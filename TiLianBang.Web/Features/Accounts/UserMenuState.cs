using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// The signed-in person's name and picture as the user menu shows them, one per circuit. Read from the account,
/// not from the sign-in's claims: after the profile page changes them, the app bar follows at once instead of
/// after the next claims refresh.
/// </summary>
public sealed class UserMenuState(IServiceScopeFactory scopes)
{
    private bool _loaded;

    /// <summary>Null until loaded (the menu then shows the name from the sign-in).</summary>
    public string? DisplayName { get; private set; }

    /// <summary>Where to load the picture from; null shows the initial instead.</summary>
    public string? AvatarUrl { get; private set; }

    public event Action? Changed;

    public async Task LoadAsync(CurrentActor actor)
    {
        if (_loaded || actor.AccountId is not { } id)
        {
            return;
        }
        var row = await scopes.InScopeAsync(actor, sp => sp.GetRequiredService<TiLianBangDbContext>().Users.AsNoTracking()
            .Where(a => a.Id == id).Select(a => new { a.DisplayName, a.AvatarFile }).SingleOrDefaultAsync());
        _loaded = true;
        (DisplayName, AvatarUrl) = (row?.DisplayName, ProfileEndpoints.AvatarUrl(row?.AvatarFile));
    }

    public void Set(string displayName, string? avatarFile)
    {
        _loaded = true;
        (DisplayName, AvatarUrl) = (displayName, ProfileEndpoints.AvatarUrl(avatarFile));
        Changed?.Invoke();
    }
}
