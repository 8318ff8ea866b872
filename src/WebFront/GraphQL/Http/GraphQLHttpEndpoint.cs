using System.Text.Json;
using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.DataLoading;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using ActorChat.WebFront.GraphQL.Ide;
using Microsoft.Extensions.Options;

namespace ActorChat.WebFront.GraphQL.Http;

/// <summary>
/// GraphQL over HTTP (the GraphQL Foundation's spec): POST with a JSON body, GET for queries, responses in
/// application/graphql-response+json (or application/json for clients that accept only that), with the
/// spec's status codes. Every failure is answered in GraphQL's own error form.
/// </summary>
public sealed class GraphQLHttpEndpoint(
    IDocumentExecuter<ActorChatSchema> executer,
    IGraphQLTextSerializer serializer,
    DocumentCache documents,
    QueryValidation validation,
    IGrainFactory grains,
    GraphiQLPage ide,
    IOptions<GraphQLOptions> options,
    ILogger<GraphQLHttpEndpoint> logger)
{
    private readonly IPublishingReaderGrain _reader = grains.GetGrain<IPublishingReaderGrain>(0);

    public async Task HandleAsync(HttpContext http)
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
            graphQLRequest = await ReadBodyAsync(http);
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

        var cached = documents.Find(query);
        var document = cached ?? TryParse(query);
        if (document is not null && HttpMethods.IsGet(request.Method) && IsMutation(document, graphQLRequest.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, mediaType, StatusCodes.Status405MethodNotAllowed, "Mutations must be sent with POST.");
            return;
        }

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = query,
            Document = document,
            OperationName = graphQLRequest.OperationName,
            Variables = graphQLRequest.Variables,
            Extensions = graphQLRequest.Extensions,
            RequestServices = http.RequestServices,
            UserContext = new GraphQLUserContext(new PublishingLoaders(grains, _reader)),
            CancellationToken = http.RequestAborted,
            ValidationRules = validation.Rules(document, cachedDocument: cached is not null),
        });
        if (cached is null && document is not null && result.Executed) documents.Keep(query, document);

        // With the new media type a request that never reached execution (parse, validation or variable
        // errors) is a 400; once execution started, field errors travel in a 200 beside the data.
        // Legacy application/json clients get 200 for every well-formed request.
        var status = mediaType == GraphQLMediaTypes.GraphQLResponse && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await WriteAsync(http, mediaType, status, result);
    }

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

    // Parse errors are left to the executer, which reports them in the standard form.
    private static GraphQLDocument? TryParse(string query)
    {
        try { return GraphQLParser.Parser.Parse(query); }
        catch (GraphQLSyntaxErrorException) { return null; }
    }

    private static bool IsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var chosen = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        return chosen?.Operation == OperationType.Mutation;
    }

    private Task WriteErrorAsync(HttpContext http, string mediaType, int status, string message) =>
        WriteAsync(http, mediaType, status, new ExecutionResult { Errors = [new ExecutionError(message) { Code = "BAD_REQUEST" }] });

    private async Task WriteAsync(HttpContext http, string mediaType, int status, ExecutionResult result)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = mediaType + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
