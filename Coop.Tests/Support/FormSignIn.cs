using System.Net;
using System.Text.RegularExpressions;

namespace Coop.Tests.Support;

/// <summary>Signs in through the real sign-in form (antiforgery token and all) with an HttpClient.</summary>
public static partial class FormSignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string email, string password, string loginPath = "/account/login")
    {
        var page = await client.GetStringAsync(new Uri(loginPath, UriKind.Relative));
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            [FieldName(page, "login-email")] = email,
            [FieldName(page, "login-password")] = password,
        };
        return await client.PostAsync(new Uri(loginPath, UriKind.Relative), new FormUrlEncodedContent(form));
    }

    /// <summary>Signs in and asserts it worked (a redirect away from the sign-in page).</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await PostAsync(client, email, password);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in as {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static string FieldName(string page, string testId)
    {
        var input = Regex.Match(page, $"<input[^>]*data-testid=\"{testId}\"[^>]*>").Value;
        return Regex.Match(input, "name=\"([^\"]+)\"").Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
