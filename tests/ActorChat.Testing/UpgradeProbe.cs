using System.Net;
using System.Net.WebSockets;

namespace ActorChat.Testing;

/// <summary>Tries a WebSocket upgrade and reports the HTTP status the server answered (101 when it upgraded).</summary>
public static class UpgradeProbe
{
    public static async Task<(HttpStatusCode Status, string Body)> TryAsync(Uri uri, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) socket.Options.SetRequestHeader(name, value);
        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
            return (socket.HttpStatusCode, "");
        }
        catch (WebSocketException)
        {
            // The response body of a refused upgrade is not exposed by ClientWebSocket; the status is.
            return (socket.HttpStatusCode, "");
        }
    }

    /// <summary>The same request as a plain HTTP GET with upgrade headers, to read a refusal's body.</summary>
    public static async Task<(HttpStatusCode Status, string Body)> RefusalAsync(Uri uri, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, uri.ToString().Replace("ws://", "http://"));
        request.Headers.Add("Connection", "Upgrade");
        request.Headers.Add("Upgrade", "websocket");
        request.Headers.Add("Sec-WebSocket-Version", "13");
        request.Headers.Add("Sec-WebSocket-Key", Convert.ToBase64String(Guid.NewGuid().ToByteArray()));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var body = response.StatusCode == HttpStatusCode.SwitchingProtocols ? "" : await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body);
    }
}
