using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Shared;

/// <summary>
/// A Blazor circuit lives for hours and must not hold one DbContext that long: each unit of work of a page gets
/// a DI scope of its own, acting as the circuit's user.
/// </summary>
public static class ScopedWork
{
    public static async Task<T> InScopeAsync<T>(this IServiceScopeFactory scopes, CurrentActor actor, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentActor>().CopyFrom(actor);
        return await work(scope.ServiceProvider);
    }
}
