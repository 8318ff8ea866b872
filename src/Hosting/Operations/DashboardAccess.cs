using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ActorChat.Hosting.Operations;

/// <summary>
/// With an API key configured, the dashboard answers only requests that carry it, in <c>X-Api-Key</c>
/// or as the password of HTTP Basic (so a browser can log in); others get 401.
/// </summary>
internal static class DashboardAccess
{
    public static Func<HttpContext, RequestDelegate, Task> RequireKey(string key) => async (http, next) =>
    {
        if (Matches(http.Request.Headers[ApiOptions.KeyHeader].ToString(), key) || Matches(BasicPassword(http.Request), key))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Basic realm=\"ActorChat dashboard\", charset=\"UTF-8\"";
        await http.Response.WriteAsJsonAsync(new { error = $"The dashboard needs the API key, in {ApiOptions.KeyHeader} or as the HTTP Basic password." });
    };

    private static string? BasicPassword(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !"Basic".Equals(header.Scheme, StringComparison.OrdinalIgnoreCase) || header.Parameter is null) return null;
        try
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = pair.IndexOf(':');
            return colon < 0 ? null : pair[(colon + 1)..];
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool Matches(string? given, string key) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key));
}
