using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TiLianBang.Core.Accounts;
using TiLianBang.Core.Demo;
using TiLianBang.Core.Notifications;
using TiLianBang.Tests.Infrastructure;

namespace TiLianBang.Tests.Accounts;

/// <summary>
/// The application with WeChat and the SMS gateway played by <see cref="FakeRemoteApi"/> on loopback; one per test
/// class. Each test uses its own accounts, mobiles and client addresses, so the limits of one do not touch another.
/// </summary>
public sealed partial class RemoteBackedApp : IAsyncLifetime
{
    public const string Channel = "1001";
    public const string Password = "Initial-pass-1";

    public FakeRemoteApi Remote { get; private set; } = default!;
    public TiLianBangAppFactory App { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        Remote = await FakeRemoteApi.StartAsync();
        App = new TiLianBangAppFactory();
        App.Settings["WeChat:BaseUrl"] = Remote.BaseUrl;
        App.Settings["WeChat:AppId"] = "wx-test-app";
        App.Settings["WeChat:AppSecret"] = "secret";
        App.Settings["WeChat:Channel"] = Channel;
        App.Settings["Sms:Endpoint"] = Remote.BaseUrl + "/sms/send";
        App.Settings["Sms:ApiKey"] = "sms-key";
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Remote.DisposeAsync();
    }

    /// <summary>A maintenance company account with <see cref="Password"/> and, if given, a mobile.</summary>
    public async Task<Account> NewAccountAsync(string userName, string? phone = null)
    {
        var account = await App.CreateAccountLikeAsync(DemoAccounts.MaintenanceManager, userName, Password, mustChangePassword: false);
        if (phone is not null)
        {
            await App.AsSystemAsync((_, db) => db.Users.Where(u => u.Id == account.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.PhoneNumber, phone)));
        }
        return account;
    }

    public Task<Account> AccountAsync(int id) =>
        App.AsSystemAsync((_, db) => db.Users.AsNoTracking().SingleAsync(u => u.Id == id));

    /// <summary>A fresh mini-program login code that WeChat will exchange once for <paramref name="openId"/>.</summary>
    public string LoginCode(string openId)
    {
        var code = "code-" + Guid.NewGuid().ToString("N");
        Remote.OpenIdsByCode[code] = openId;
        return code;
    }

    /// <summary>Sends what the outbox holds and returns the newest code the SMS gateway received for <paramref name="phone"/>.</summary>
    public async Task<string?> SmsCodeAsync(string phone)
    {
        await App.Services.GetRequiredService<OutboxDispatcher>().DispatchDueAsync(default);
        return SmsMessagesTo(phone).Select(m => SixDigits().Match(m)).LastOrDefault(m => m.Success)?.Value;
    }

    public IEnumerable<string> SmsMessagesTo(string phone) =>
        from body in Remote.SmsBodies
        let json = JsonDocument.Parse(body[body.IndexOf('{', StringComparison.Ordinal)..]).RootElement
        where json.GetProperty("phone").GetString() == phone
        select json.GetProperty("message").GetString()!;

    public static async Task<string?> CodeOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<ProblemDetails>())?.Extensions["code"]?.ToString();

    [GeneratedRegex(@"(?<!\d)\d{6}(?!\d)")]
    private static partial Regex SixDigits();
}
