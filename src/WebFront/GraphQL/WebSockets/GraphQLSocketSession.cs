using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.Documents;
using ActorChat.WebFront.GraphQL.Errors;
using ActorChat.WebFront.GraphQL.EventModel;
using ActorChat.WebFront.GraphQL.Execution;
using ActorChat.WebFront.Realtime.Admission;
using ActorChat.WebFront.Realtime.Dispatch;
using ActorChat.WebFront.Transports.WebSockets;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;

namespace ActorChat.WebFront.GraphQL.WebSockets;

/// <summary>
/// One WebSocket speaking graphql-transport-ws (the graphql-ws library's protocol): <c>connection_init</c> within
/// the allowed time, then any number of operations, each started by <c>subscribe</c> and answered with <c>next</c>,
/// <c>error</c> or <c>complete</c>; <c>ping</c> is answered with <c>pong</c>. What the protocol calls a fatal mistake
/// closes the socket with its code (4400, 4401, 4403, 4408, 4409, 4429); a bad document or a refused subscription
/// is an <c>error</c> for that operation only, and the socket stays open.
/// </summary>
internal sealed class GraphQLSocketSession
{
    private enum Stage { AwaitingInit, Initialising, Acknowledged }

    private readonly WebSocket _socket;
    private readonly HttpContext _http;
    private readonly GraphQLRunner _runner;
    private readonly IGraphQLTextSerializer _serializer;
    private readonly ConnectionAdmission _admission;
    private readonly GraphQLOptions _options;
    private readonly ILogger _logger;
    // Items are a message's UTF-8 bytes, or a SocketClose last of all.
    private readonly Outbox<object> _outbox;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, SocketOperation> _operations = new(StringComparer.Ordinal);
    private Stage _stage;
    private string? _token;
    private bool _closing;

    public GraphQLSocketSession(WebSocket socket, HttpContext http, GraphQLRunner runner, IGraphQLTextSerializer serializer,
        ConnectionAdmission admission, GraphQLOptions options, int sendQueueLimit, ILogger logger)
    {
        (_socket, _http, _runner, _serializer, _admission, _options, _logger) = (socket, http, runner, serializer, admission, options, logger);
        _outbox = new Outbox<object>(sendQueueLimit, WriteAsync);
    }

    public async Task RunAsync()
    {
        _ = CloseUnlessInitialisedAsync();
        using var reader = new MessageReader(_socket, _options.MaxRequestBytes);
        try
        {
            while (true)
            {
                switch (await reader.ReadAsync(_http.RequestAborted))
                {
                    case ReadOutcome.Text:
                        await HandleAsync(reader.Message);
                        break;
                    case ReadOutcome.Binary:
                        Close(SocketProtocol.BadRequest, "Invalid message: binary messages are not part of graphql-transport-ws.");
                        break;
                    case ReadOutcome.TooBig:
                        Close((int)WebSocketCloseStatus.MessageTooBig, $"Messages are limited to {_options.MaxRequestBytes} bytes.");
                        return;
                    case ReadOutcome.Closed:
                        Close((int)WebSocketCloseStatus.NormalClosure, "");
                        return;
                }
                reader.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // The client went away without a close handshake: ending its operations is all there is to do.
        }
        finally
        {
            EndAll();
            _outbox.Complete();
            await _outbox.Finished.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { });
        }
    }

    private async Task CloseUnlessInitialisedAsync()
    {
        await Task.Delay(_options.ConnectionInitTimeout);
        lock (_lock) if (_stage != Stage.AwaitingInit) return;
        Close(SocketProtocol.ConnectionInitialisationTimeout, "Connection initialisation timeout");
    }

    private async Task HandleAsync(ReadOnlyMemory<byte> frame)
    {
        OperationMessage? message;
        try
        {
            message = _serializer.Deserialize<OperationMessage>(Encoding.UTF8.GetString(frame.Span));
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException)
        {
            message = null;
        }
        switch (message?.Type)
        {
            case SocketProtocol.ConnectionInit:
                await InitialiseAsync(message.Payload);
                break;
            case SocketProtocol.Ping:
                Send(new OperationMessage { Type = SocketProtocol.Pong, Payload = message.Payload });
                break;
            case SocketProtocol.Pong:
                break;
            case SocketProtocol.Subscribe:
                Subscribe(message);
                break;
            case SocketProtocol.Complete when message.Id is { Length: > 0 } id:
                End(id);
                break;
            case null:
                Close(SocketProtocol.BadRequest, "Invalid message: expected a JSON object with a string 'type'.");
                break;
            default:
                Close(SocketProtocol.BadRequest, $"Invalid message: '{message.Type}' is no message type of graphql-transport-ws, or lacks its 'id'.");
                break;
        }
    }

    private async Task InitialiseAsync(object? payload)
    {
        lock (_lock)
        {
            if (_stage != Stage.AwaitingInit)
            {
                Close(SocketProtocol.TooManyInitialisationRequests, "Too many initialisation requests");
                return;
            }
            _stage = Stage.Initialising;
        }
        if (payload is JsonElement { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
        {
            Close(SocketProtocol.BadRequest, "Invalid message: the payload of connection_init must be an object.");
            return;
        }
        _token = Token(payload as JsonElement?);
        // The client is admitted (origin, identity) as a client of the publishing namespace; each subscription is
        // admitted again to its own namespace.
        var admitted = await _admission.AdmitAsync(Origin().For(PublishingEvents.Namespace));
        if (!admitted.Admitted)
        {
            Close(SocketProtocol.Forbidden, $"Forbidden: {admitted.Refusal.Reason}");
            return;
        }
        lock (_lock) _stage = Stage.Acknowledged;
        Send(new OperationMessage { Type = SocketProtocol.ConnectionAck });
    }

    private void Subscribe(OperationMessage message)
    {
        if (message.Id is not { Length: > 0 } id)
        {
            Close(SocketProtocol.BadRequest, "Invalid message: subscribe needs an 'id'.");
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = message.Payload is JsonElement { ValueKind: JsonValueKind.Object } payload ? _serializer.ReadNode<GraphQLRequest>(payload) : null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            request = null;
        }
        if (request?.Query is null)
        {
            Close(SocketProtocol.BadRequest, "Invalid message: subscribe needs a payload with a 'query' string.");
            return;
        }

        SocketOperation operation;
        lock (_lock)
        {
            if (_stage != Stage.Acknowledged)
            {
                Close(SocketProtocol.Unauthorized, "Unauthorized");
                return;
            }
            if (_operations.ContainsKey(id))
            {
                Close(SocketProtocol.SubscriberAlreadyExists, $"Subscriber for {id} already exists");
                return;
            }
            if (_operations.Count >= _options.MaxSubscriptionsPerSocket)
            {
                SendErrors(id, [new ExecutionError($"This socket already runs {_options.MaxSubscriptionsPerSocket} operations, the most {GraphQLOptions.Section}:MaxSubscriptionsPerSocket allows.")
                    { Code = "TOO_MANY_SUBSCRIPTIONS" }]);
                return;
            }
            operation = new SocketOperation(id, Origin());
            _operations[id] = operation;
        }
        _ = RunAsync(operation, request);
    }

    private async Task RunAsync(SocketOperation operation, GraphQLRequest request)
    {
        try
        {
            var read = _runner.Read(request.Query!);
            var result = await _runner.RunAsync(request, read, _http.RequestServices, operation.Cancellation, operation.Origin);
            if (operation.Ended) return;
            if (result.Streams is { Count: > 0 } streams)
            {
                operation.Follow(streams.Values.Single().Subscribe(new StreamObserver(this, operation)));
                return;
            }
            // A subscription that could not start, like any request that never executed, is an error; a query or a
            // mutation is one result and done.
            if (!result.Executed || SelectedOperation.Of(read.Document, request.OperationName) == OperationType.Subscription)
                SendErrors(operation.Id, result.Errors ?? [new ExecutionError("The subscription could not start.") { Code = InternalError.ErrorCode }]);
            else
            {
                Send(new OperationMessage { Id = operation.Id, Type = SocketProtocol.Next, Payload = result });
                Send(new OperationMessage { Id = operation.Id, Type = SocketProtocol.Complete });
            }
            Ended(operation);
        }
        catch (OperationCanceledException) when (operation.Ended)
        {
            // The client completed the operation before it answered.
        }
        catch (Exception e)
        {
            SendErrors(operation.Id, [InternalError.Logged(_logger, e, "WebSocket operation")]);
            Ended(operation);
        }
    }

    /// <summary>The client completed an operation: no more results for it, and no message back.</summary>
    private void End(string id)
    {
        SocketOperation? operation;
        lock (_lock) _operations.Remove(id, out operation);
        operation?.Dispose();
    }

    /// <summary>The server ended an operation (its answer or its last result was sent): its id may be used again.</summary>
    private void Ended(SocketOperation operation)
    {
        lock (_lock)
            if (_operations.TryGetValue(operation.Id, out var current) && current == operation) _operations.Remove(operation.Id);
        operation.Dispose();
    }

    private void EndAll()
    {
        SocketOperation[] operations;
        lock (_lock)
        {
            operations = [.. _operations.Values];
            _operations.Clear();
        }
        foreach (var operation in operations) operation.Dispose();
    }

    private RequestOrigin Origin() => new(_http, GraphQLWebSocketEndpoint.Transport, _token);

    // A token the client passed in connection_init: {"token": "…"} or {"authorization": "Bearer …"}.
    private static string? Token(JsonElement? payload)
    {
        if (payload is not { ValueKind: JsonValueKind.Object } init) return null;
        foreach (var property in init.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String) continue;
            var value = property.Value.GetString()!;
            if (property.NameEquals("token")) return value;
            if (property.Name.Equals("authorization", StringComparison.OrdinalIgnoreCase))
                return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? value["Bearer ".Length..].Trim() : value;
        }
        return null;
    }

    private void SendErrors(string id, IEnumerable<ExecutionError> errors) =>
        Send(new OperationMessage { Id = id, Type = SocketProtocol.Error, Payload = RequestErrors.Bounded([.. errors]) });

    private void Send(OperationMessage message)
    {
        // A client that lets the queue fill up is not reading: it is dropped rather than buffered without bound.
        if (!_outbox.TryEnqueue(Encoding.UTF8.GetBytes(_serializer.Serialize(message)))) _socket.Abort();
    }

    private void Close(int code, string reason)
    {
        lock (_lock)
        {
            if (_closing) return;
            _closing = true;
        }
        if (!_outbox.TryEnqueue(new SocketClose((WebSocketCloseStatus)code, WebSocketEventConnection.CloseReason(reason)))) _socket.Abort();
        _outbox.Complete();
        EndAll();
        _ = AbortUnlessClosedAsync();
    }

    private async Task AbortUnlessClosedAsync()
    {
        // A client that never answers the close frame must not hold the socket open.
        await Task.Delay(TimeSpan.FromSeconds(5));
        if (_socket.State != WebSocketState.Closed) _socket.Abort();
    }

    private async ValueTask WriteAsync(object item)
    {
        if (_socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived)) return;
        if (item is SocketClose close) await _socket.CloseOutputAsync(close.Status, close.Reason, CancellationToken.None);
        else await _socket.SendAsync((byte[])item, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
    }

    /// <summary>Sends each result of a subscription's stream as <c>next</c>, and <c>complete</c> when it ends.</summary>
    private sealed class StreamObserver(GraphQLSocketSession session, SocketOperation operation) : IObserver<ExecutionResult>
    {
        public void OnNext(ExecutionResult value)
        {
            if (operation.Ended) return;
            value.Errors = RequestErrors.Bounded(value.Errors);
            session.Send(new OperationMessage { Id = operation.Id, Type = SocketProtocol.Next, Payload = value });
        }

        public void OnError(Exception error)
        {
            if (operation.Ended) return;
            session.SendErrors(operation.Id, [error as ExecutionError ?? InternalError.Logged(session._logger, error, "subscription stream")]);
            session.Ended(operation);
        }

        public void OnCompleted()
        {
            if (operation.Ended) return;
            session.Send(new OperationMessage { Id = operation.Id, Type = SocketProtocol.Complete });
            session.Ended(operation);
        }
    }

    private sealed record SocketClose(WebSocketCloseStatus Status, string Reason);
}
