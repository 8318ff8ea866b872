using ActorChat.WebFront.GraphQL.Documents;
using ActorChat.WebFront.GraphQL.Errors;
using ActorChat.WebFront.GraphQL.Execution;
using ActorChat.WebFront.GraphQL.Ide;
using ActorChat.WebFront.GraphQL.WebSockets;
using GraphQL;
using GraphQL.Transport;
using GraphQLParser.AST;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using System.Text.Json;

namespace ActorChat.WebFront.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL Foundation's spec): POST with a JSON body, GET for queries, responses in
/// application/graphql-response+json (or application/json for clients that accept only that), with the
/// spec's status codes. Every failure is answered in GraphQL's own error form, with a JSON body.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    GraphQLRunner runner,
    GraphQLWebSocketEndpoint sockets,
    IGraphQLTextSerializer serializer,
    GraphiQLPage ide,
    IOptions<GraphQLOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    /// <summary>The transport name of the connection an <c>emit</c> over HTTP opens for its one event.</summary>
    public const string Transport = "graphql-http";

    public async Task HandleAsync(HttpContext http)
    {
        if (http.WebSockets.IsWebSocketRequest)
        {
            await sockets.HandleAsync(http);
            return;
        }
        try
        {
            await AnswerAsync(http);
        }
        catch (Exception e) when (e is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            if (http.Response.HasStarted) throw;
            var error = InternalError.Logged(logger, e, "HTTP request");
            await WriteAsync(http, GraphQLMediaTypes.Json, StatusCodes.Status500InternalServerError, new ExecutionResult(error));
        }
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var request = http.Request;
        var accept = request.Headers.Accept.ToString();
        if (HttpMethods.IsGet(request.Method) && options.Value.Ide && GraphQLMediaTypes.WantsHtml(accept))
        {
            await ide.WriteAsync(http);
            return;
        }

        var mediaType = GraphQLMediaTypes.Negotiate(accept);
        if (mediaType is null)
        {
            await WriteErrorAsync(http, GraphQLMediaTypes.Json, StatusCodes.Status406NotAcceptable,
                $"Accept must allow {GraphQLMediaTypes.GraphQLResponse} or {GraphQLMediaTypes.Json}.");
            return;
        }

        GraphQLRequest? graphQLRequest;
        if (HttpMethods.IsPost(request.Method))
        {
            if (!GraphQLMediaTypes.IsJsonBody(request.ContentType))
            {
                await WriteErrorAsync(http, mediaType, StatusCodes.Status415UnsupportedMediaType,
                    $"A POST body must be {GraphQLMediaTypes.Json} (UTF-8), not '{request.ContentType}'.");
                return;
            }
            var limit = options.Value.MaxRequestBytes;
            if (request.ContentLength > limit)
            {
                await WriteTooLargeAsync(http, mediaType, limit);
                return;
            }
            LimitBody(http, limit);
            try
            {
                graphQLRequest = await ReadBodyAsync(http);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await WriteTooLargeAsync(http, mediaType, limit);
                return;
            }
        }
        else if (HttpMethods.IsGet(request.Method))
        {
            graphQLRequest = ReadQueryString(request.Query);
        }
        else
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed, "GraphQL is served over GET and POST only.");
            return;
        }

        if (graphQLRequest?.Query is not { Length: > 0 } query)
        {
            await WriteErrorAsync(http, mediaType, StatusCodes.Status400BadRequest,
                graphQLRequest is null ? "The request is not a GraphQL request: expected a JSON object with a 'query' string."
                    : "The request has no 'query'.");
            return;
        }

        using var origin = new RequestOrigin(http, Transport);
        var read = runner.Read(query);
        if (read.Error is not null)
        {
            // A document that does not parse, or that a limit refuses before validation, is a bad request for
            // either media type: nothing of it was validated or run.
            await WriteAsync(http, mediaType, StatusCodes.Status400BadRequest, await runner.RunAsync(graphQLRequest, read, http.RequestServices, http.RequestAborted, origin));
            return;
        }
        var operation = SelectedOperation.Of(read.Document, graphQLRequest.OperationName);
        if (HttpMethods.IsGet(request.Method) && operation == OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed, "Mutations must be sent with POST.");
            return;
        }
        if (operation == OperationType.Subscription)
        {
            await WriteErrorAsync(http, mediaType, StatusCodes.Status400BadRequest,
                $"Subscriptions are served over a WebSocket at {options.Value.Path} speaking {SocketProtocol.Subprotocol}, not over plain HTTP.");
            return;
        }

        var result = await runner.RunAsync(graphQLRequest, read, http.RequestServices, http.RequestAborted, origin);
        // With the new media type a request that never reached execution (validation or variable errors) is a 400;
        // once execution started, field errors travel in a 200 beside the data.
        // Legacy application/json clients get 200 for every well-formed request.
        var status = mediaType == GraphQLMediaTypes.GraphQLResponse && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(http, mediaType, status, result);
    }

    // Kestrel stops reading past the limit (and says so with a 413 exception) even without a Content-Length.
    private static void LimitBody(HttpContext http, int limit)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
    }

    private Task WriteTooLargeAsync(HttpContext http, string mediaType, int limit) =>
        WriteErrorAsync(http, mediaType, StatusCodes.Status413PayloadTooLarge,
            $"The request body is larger than {limit} bytes, the most {GraphQLOptions.Section}:MaxRequestBytes allows.");

    private async Task<GraphQLRequest?> ReadBodyAsync(HttpContext http)
    {
        try
        {
            return await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            logger.LogDebug(e, "Unreadable GraphQL request body");
            return null;
        }
    }

    private GraphQLRequest? ReadQueryString(IQueryCollection query)
    {
        try
        {
            return new GraphQLRequest
            {
                Query = query["query"].ToString(),
                OperationName = query.TryGetValue("operationName", out var name) && name.Count > 0 ? name.ToString() : null,
                Variables = query.TryGetValue("variables", out var variables) && variables.Count > 0 ? serializer.Deserialize<Inputs>(variables.ToString()) : null,
                Extensions = query.TryGetValue("extensions", out var extensions) && extensions.Count > 0 ? serializer.Deserialize<Inputs>(extensions.ToString()) : null,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            logger.LogDebug(e, "Unreadable GraphQL query string");
            return null;
        }
    }

    private Task WriteErrorAsync(HttpContext http, string mediaType, int status, string message) =>
        WriteAsync(http, mediaType, status, new ExecutionResult(RequestErrors.BadRequest(message)));

    private async Task WriteAsync(HttpContext http, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
