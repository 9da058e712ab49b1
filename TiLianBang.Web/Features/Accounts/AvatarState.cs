using Microsoft.EntityFrameworkCore;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Data;
using TiLianBang.Web.Shared;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// The signed-in person's picture as the user menu shows it, one per circuit: the profile page replaces the picture
/// and the menu in the app bar follows at once, without a claim that would wait for the next sign-in.
/// </summary>
public sealed class AvatarState(IServiceScopeFactory scopes)
{
    private bool _loaded;

    /// <summary>Where to load the picture from; null shows the initial instead.</summary>
    public string? Url { get; private set; }

    public event Action? Changed;

    public async Task LoadAsync(CurrentActor actor)
    {
        if (_loaded || actor.AccountId is not { } id)
        {
            return;
        }
        var file = await scopes.InScopeAsync(actor, sp => sp.GetRequiredService<TiLianBangDbContext>().Users.AsNoTracking()
            .Where(a => a.Id == id).Select(a => a.AvatarFile).SingleOrDefaultAsync());
        _loaded = true;
        Url = ProfileEndpoints.AvatarUrl(file);
    }

    public void Set(string? avatarFile)
    {
        _loaded = true;
        Url = ProfileEndpoints.AvatarUrl(avatarFile);
        Changed?.Invoke();
    }
}
