using System.Text.RegularExpressions;

namespace TiLianBang.Tests.Infrastructure;

/// <summary>Fills in and posts a server-rendered form the way a browser does (antiforgery token included).</summary>
public static partial class SignInForm
{
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string userName, string password, string? returnUrl = null) =>
        PostFormAsync(client, "/account/signin" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)), "signin", new()
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });

    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, Dictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path);
        var token = AntiforgeryToken().Match(page);
        Assert.True(token.Success, $"No antiforgery token on {path}");
        fields["__RequestVerificationToken"] = token.Groups[1].Value;
        fields["_handler"] = formName;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
