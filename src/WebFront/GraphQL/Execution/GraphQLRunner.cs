using ActorChat.Publishing;
using ActorChat.WebFront.GraphQL.DataLoading;
using ActorChat.WebFront.GraphQL.Documents;
using ActorChat.WebFront.GraphQL.Errors;
using GraphQL;
using GraphQL.Transport;

namespace ActorChat.WebFront.GraphQL.Execution;

/// <summary>
/// Runs one GraphQL request, the same way whatever carried it (HTTP or a WebSocket): the document from
/// <see cref="QueryDocuments"/>, the validation rules it still needs, fresh data loaders, and an answer whose
/// errors are bounded. A document that passed validation is kept for the next request with the same text.
/// </summary>
public sealed class GraphQLRunner(
    IDocumentExecuter<ActorChatSchema> executer,
    QueryDocuments documents,
    QueryValidation validation,
    IGrainFactory grains)
{
    private readonly IPublishingReaderGrain _reader = grains.GetGrain<IPublishingReaderGrain>(0);

    public DocumentRead Read(string query) => documents.Read(query);

    /// <param name="read">The request's document, from <see cref="Read"/>; one refused there is answered with its error.</param>
    /// <param name="origin">Where the request came from, for subscriptions and emits to be admitted like any client.</param>
    public async Task<ExecutionResult> RunAsync(GraphQLRequest request, DocumentRead read, IServiceProvider services,
        CancellationToken cancellation, RequestOrigin origin)
    {
        if (read.Error is { } refused) return new ExecutionResult(refused);
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = read.Document,
            OperationName = request.OperationName,
            Variables = request.Variables,
            Extensions = request.Extensions,
            RequestServices = services,
            UserContext = new GraphQLUserContext(new PublishingLoaders(grains, _reader), origin),
            CancellationToken = cancellation,
            ValidationRules = validation.Rules(read.Document, read.Cached),
        });
        if (result.Executed) documents.Passed(request.Query!, read);
        result.Errors = RequestErrors.Bounded(result.Errors);
        return result;
    }
}
