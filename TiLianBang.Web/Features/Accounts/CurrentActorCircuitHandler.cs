using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using TiLianBang.Core.Accounts;

namespace TiLianBang.Web.Features.Accounts;

/// <summary>
/// A Blazor circuit is its own DI scope with no HTTP request behind it; this sets its <see cref="CurrentActor"/>
/// from the circuit's authentication state before any component renders, and keeps it current.
/// </summary>
internal sealed class CurrentActorCircuitHandler(
    AuthenticationStateProvider authentication,
    CurrentActor actor,
    IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    private string? _ipAddress;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _ipAddress = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        var state = await authentication.GetAuthenticationStateAsync();
        actor.SetUser(state.User, _ipAddress);
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    public void Dispose() => authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        var state = await task;
        actor.SetUser(state.User, _ipAddress);
    }
}
