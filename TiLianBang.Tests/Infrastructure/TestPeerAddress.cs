using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>
/// TestServer has no TCP connection, so every request would come from the same (empty) address. A test that
/// plays several clients names the address in <see cref="Header"/>; this sets it as the connection's remote
/// address before the application sees the request, as Kestrel would from the socket.
/// </summary>
internal sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.Remove(Header, out var value) && IPAddress.TryParse(value.ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }
            return nextMiddleware(context);
        });
        next(app);
    };
}

public static class TestPeerAddressExtensions
{
    /// <summary>Every request of this client comes from <paramref name="address"/>.</summary>
    public static HttpClient From(this HttpClient client, string address)
    {
        client.DefaultRequestHeaders.Remove(TestPeerAddress.Header);
        client.DefaultRequestHeaders.Add(TestPeerAddress.Header, address);
        return client;
    }
}
