using System.Diagnostics;
using ActorChat.Bench.GraphQLValidation;
using ActorChat.WebFront.GraphQL;
using ActorChat.WebFront.GraphQL.Documents;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// The most a single request can cost in validation under the configured limits. For each shape of document built to
// make validation slow, finds the largest n that QueryDocuments still lets through, then validates that document
// with the rules a first-seen query gets and reports the CPU time it took (best of several runs, so a busy machine
// inflates it less than wall time would). Settings come from ActorChat:GraphQL:* switches, as on the server:
//   dotnet bench/GraphQLValidation/bin/Release/net10.0/GraphQLValidation.dll [--ActorChat:GraphQL:MaxTokens=2000 ...]
var configuration = new ConfigurationBuilder().AddCommandLine(args).Build();
var services = new ServiceCollection()
    .AddLogging()
    .AddSingleton(Unreachable.GrainFactory)
    .AddActorChatGraphQL(configuration)
    .BuildServiceProvider();
var schema = services.GetRequiredService<ActorChatSchema>();
schema.Initialize();
var documents = services.GetRequiredService<QueryDocuments>();
var validation = services.GetRequiredService<QueryValidation>();
var validator = new DocumentValidator();
var options = services.GetRequiredService<IOptions<GraphQLOptions>>().Value;

Console.WriteLine($"limits: MaxQueryLength {options.MaxQueryLength}, MaxTokens {options.MaxTokens}, MaxDirectivesPerLocation {options.MaxDirectivesPerLocation}, " +
                  $"MaxFields {options.MaxFields}, MaxFieldMerges {options.MaxFieldMerges}");
Console.WriteLine($"{"shape",-36} {"largest n",9} {"chars",7} {"validation ms",13} {"errors",7}");
var worst = 0.0;
foreach (var (name, shape) in Shapes.All)
{
    var n = LargestAccepted(shape);
    if (n == 0)
    {
        Console.WriteLine($"{name,-36} {"refused at any size",9}");
        continue;
    }
    var query = shape(n);
    var document = documents.Read(query).Document!;
    var (cpu, errors) = Measure(document);
    worst = Math.Max(worst, cpu);
    Console.WriteLine($"{name,-36} {n,9} {query.Length,7} {cpu,13:F1} {errors,7}");
}
Console.WriteLine($"worst: {worst:F1} ms of CPU to validate one accepted document");

// Doubles n while the document is accepted, then bisects; each probe builds the text anew (no cache involved).
int LargestAccepted(Func<int, string> shape)
{
    if (!Accepted(1)) return 0;
    var (low, high) = (1, 2);
    while (Accepted(high) && high < 1 << 20) (low, high) = (high, high * 2);
    while (high - low > 1)
    {
        var middle = (low + high) / 2;
        if (Accepted(middle)) low = middle; else high = middle;
    }
    return low;

    bool Accepted(int n) => documents.Read(shape(n)).Error is null;
}

(double CpuMilliseconds, int Errors) Measure(GraphQLParser.AST.GraphQLDocument document)
{
    var best = double.MaxValue;
    var errors = 0;
    for (var run = 0; run < 5; run++)
    {
        var before = Process.GetCurrentProcess().TotalProcessorTime;
        var result = validator.ValidateAsync(new ValidationOptions
        {
            Document = document,
            Operation = document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().First(),
            Schema = schema,
            Rules = validation.Rules(document, cachedDocument: false),
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            RequestServices = services,
            Metrics = GraphQL.Instrumentation.Metrics.None,
        }).GetAwaiter().GetResult();
        best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - before).TotalMilliseconds);
        errors = result.Errors.Count;
    }
    return (best, errors);
}
