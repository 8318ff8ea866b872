using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ActorChat.Hosting;

/// <summary>What an endpoint is, for the start-up log: endpoints that carry it are listed under <see cref="Label"/>.</summary>
public sealed record ServedEndpoint(string Label, bool WebSocket = false);

/// <summary>
/// The start-up log is built from the endpoints that were mapped, so it names exactly what this process serves
/// (a transport turned off by configuration is not listed, a new one is listed once it labels its routes).
/// </summary>
public static class ServedEndpoints
{
    /// <summary>Labels the endpoints of <paramref name="builder"/>; <paramref name="webSocket"/> lists them with a <c>ws://</c> address.</summary>
    public static TBuilder ServedAs<TBuilder>(this TBuilder builder, string label, bool webSocket = false)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ServedEndpoint(label, webSocket));

    /// <summary>Once the server has bound its addresses, logs one line per address: <c>ActorChat is serving ADDRESS (ROLE): label url, …</c>.</summary>
    public static void LogOnStart(WebApplication app, ProcessRole role) =>
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            foreach (var address in Addresses(app))
                app.Logger.LogInformation("ActorChat is serving {Address} ({Role}): {Endpoints}", address, role, Describe(app, address.TrimEnd('/')));
        });

    /// <summary>The addresses Kestrel actually bound (port 0 becomes a real port).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    /// <summary>"label url, label url": each label once, in the order mapped, with the routes under another of its routes left out.</summary>
    public static string Describe(IEndpointRouteBuilder endpoints, string address)
    {
        var webSocketAddress = "ws" + address["http".Length..];
        var labelled = endpoints.DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Select(endpoint => (Served: endpoint.Metadata.GetMetadata<ServedEndpoint>(), Route: "/" + endpoint.RoutePattern.RawText?.TrimStart('/')))
            .Where(entry => entry.Served is not null)
            .ToList();
        return string.Join(", ", labelled.GroupBy(entry => entry.Served!.Label).Select(group =>
        {
            var routes = group.Select(entry => entry.Route).Distinct().ToList();
            var shown = routes.Where(route => !routes.Any(other => other != route && route.StartsWith(other.TrimEnd('/') + "/", StringComparison.Ordinal)));
            return group.Key + " " + string.Join(" ", shown.Select(route => (group.First().Served!.WebSocket ? webSocketAddress : address) + route));
        }));
    }
}
