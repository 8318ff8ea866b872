using ActorChat.WebFront.Identity;
using ActorChat.WebFront.Realtime.Admission;
using Microsoft.Extensions.Primitives;

namespace ActorChat.WebFront.Transports.Mqtt;

/// <summary>One WebSocket at <c>/mqtt</c>: the HTTP request it came with, its namespace, and the connection its CONNECT opened.</summary>
internal sealed class MqttSocket(HttpContext http, string @namespace)
{
    public HttpContext Http { get; } = http;

    public string Namespace { get; } = @namespace;

    /// <summary>Set once the CONNECT was admitted; ended when the socket closes.</summary>
    public MqttConnection? Connection { get; set; }

    /// <summary>
    /// The request as admission sees it once CONNECT has come: its password is the token (as Socket.IO's
    /// <c>auth.token</c>), and without authentication its user name names the user unless the query already does.
    /// </summary>
    public ConnectionRequest RequestFor(string? userName, string? password)
    {
        var query = Http.Request.Query;
        if (!string.IsNullOrEmpty(userName) && !query.ContainsKey(AnonymousUserResolver.UserQuery))
        {
            var withUser = query.ToDictionary(q => q.Key, q => q.Value);
            withUser[AnonymousUserResolver.UserQuery] = new StringValues(userName);
            query = new QueryCollection(withUser);
        }
        return ConnectionRequest.From(Http, Namespace, MqttEndpoint.Transport) with
        {
            Query = query,
            Token = string.IsNullOrEmpty(password) ? null : password,
        };
    }
}
