namespace ActorChat.WebFront.Realtime.Admission;

/// <summary>
/// Why a client may not connect (or may not stay connected): a stable <see cref="Code"/> a client can
/// act on, a <see cref="Reason"/> in words, and the HTTP status a refusal before an upgrade gets. Every
/// transport turns the one refusal into its own form: HTTP status and <c>{"error", "code"}</c> before an
/// upgrade or on SignalR's negotiate, WebSocket close 1008, SignalR's close error, Socket.IO CONNECT_ERROR.
/// </summary>
public sealed record ConnectionRefusal(string Code, string Reason, int HttpStatus)
{
    public const string UnknownNamespaceCode = "unknown_namespace";
    public const string OriginNotAllowedCode = "origin_not_allowed";
    public const string InvalidUserCode = "invalid_user";
    public const string UnauthenticatedCode = "unauthenticated";
    public const string InvalidTokenCode = "invalid_token";
    public const string TokenExpiredCode = "token_expired";
    public const string RefusedCode = "refused";
    public const string TooManyConnectionsCode = "too_many_connections";
    public const string RateLimitedCode = "rate_limited";
    public const string ServerErrorCode = "server_error";
    public const string UnavailableCode = "unavailable";

    public static ConnectionRefusal UnknownNamespace(string @namespace) =>
        new(UnknownNamespaceCode, $"Unknown namespace '{@namespace}'.", StatusCodes.Status404NotFound);

    public static ConnectionRefusal OriginNotAllowed(string origin) =>
        new(OriginNotAllowedCode, $"The origin '{origin}' may not connect.", StatusCodes.Status403Forbidden);

    public static ConnectionRefusal InvalidUser() =>
        new(InvalidUserCode, "The user id must be 1 to 256 characters with no control characters.", StatusCodes.Status400BadRequest);

    public static ConnectionRefusal Unauthenticated(string reason) => new(UnauthenticatedCode, reason, StatusCodes.Status401Unauthorized);

    public static ConnectionRefusal InvalidToken(string reason) => new(InvalidTokenCode, reason, StatusCodes.Status401Unauthorized);

    public static ConnectionRefusal TokenExpired() =>
        new(TokenExpiredCode, "The access token has expired; connect again with a fresh one.", StatusCodes.Status401Unauthorized);

    /// <summary>A namespace handler's own refusal (<see cref="NamespaceHandler.OnConnecting"/>).</summary>
    public static ConnectionRefusal Refused(string reason) => new(RefusedCode, reason, StatusCodes.Status403Forbidden);

    public static ConnectionRefusal TooManyConnections(int limit) =>
        new(TooManyConnectionsCode, $"This user already has {limit} connections, the most allowed.", StatusCodes.Status429TooManyRequests);

    /// <summary>This front cannot take connections now (draining, or cut off from the cluster); another front may.</summary>
    public static ConnectionRefusal Unavailable(string reason) => new(UnavailableCode, reason, StatusCodes.Status503ServiceUnavailable);

    public static ConnectionRefusal ServerError(string correlationId) =>
        new(ServerErrorCode, $"The server could not accept the connection (correlation id {correlationId}).", StatusCodes.Status500InternalServerError);

    public static ConnectionRefusal RateLimited() =>
        new(RateLimitedCode, "The connection sent events far faster than allowed and was closed.", StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// Ends an open connection for this reason: the client first hears an <c>error</c> event with the code
    /// and reason, then the transport closes in its own form (WebSocket 1008, SignalR's close error, Socket.IO DISCONNECT).
    /// </summary>
    public void Disconnect(IRealtimeConnection connection)
    {
        connection.Send(new PreparedEvent(EventPayload.Error(Code, Reason)));
        connection.Close(this);
    }

    /// <summary>The HTTP form, for a refusal before any upgrade: the status and <c>{"error": reason, "code": code}</c>.</summary>
    public IResult ToHttpResult() => Results.Json(new { error = Reason, code = Code }, statusCode: HttpStatus);
}
