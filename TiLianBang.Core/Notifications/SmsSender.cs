using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;

namespace TiLianBang.Core.Notifications;

/// <summary>SMS through one HTTP gateway: POST {phone, sign, message} with the API key; 4xx is final, the rest is retried.</summary>
public sealed class SmsSender(IOptions<SmsOptions> options) : INotificationSender, IDisposable
{
    private readonly HttpClient http = RemoteApi.NewClient();

    public void Dispose() => http.Dispose();

    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task SendAsync(Notification notification, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.Endpoint))
        {
            throw new NotificationFailedException("SMS is not configured (Sms:Endpoint).");
        }
        if (string.IsNullOrEmpty(notification.Address))
        {
            throw new NotificationFailedException("No phone number.", permanent: true);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Endpoint)
        {
            Content = JsonContent.Create(new { phone = notification.Address, sign = settings.SignName, message = $"{notification.Title}：{notification.Body}" }),
        };
        request.Headers.Add("X-Api-Key", settings.ApiKey ?? "");
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new NotificationFailedException("The SMS gateway could not be reached: " + e.Message, inner: e);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var permanent = (int)response.StatusCode is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests;
                throw new NotificationFailedException($"The SMS gateway answered HTTP {(int)response.StatusCode}", permanent);
            }
        }
    }
}
