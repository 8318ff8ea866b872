using System.Text.Json;
using ActorChat.Hosting.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace ActorChat.Hosting.Operations;

/// <summary>What an operator reaches on every ActorChat process: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> and <c>/dashboard</c>.</summary>
public static class OperationsHosting
{
    /// <summary>The meter of ActorChat's own counters; every process exports it beside Orleans' own.</summary>
    public const string Meter = "ActorChat";

    public static void AddActorChatOperations(this IHostApplicationBuilder builder, ProcessRole role)
    {
        builder.Services.AddSingleton(ConfigurationCheck.Bind<DashboardSettings>(builder.Configuration, DashboardSettings.Section));
        builder.Services.AddSingleton(Options.Create(ConfigurationCheck.Bind<ApiOptions>(builder.Configuration, ApiOptions.Section)));
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Readiness>(sp, role));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(Meter, "Microsoft.Orleans")
            // No cached scrapes: an operator (or a test) reading twice in a row sees what happened in between.
            .AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0));
    }

    /// <summary>
    /// Maps the operator endpoints. <c>/healthz</c> is 200 while the process runs; <c>/readyz</c> is 200
    /// only when every part is ready and the process is not draining (else 503); both answer the report.
    /// </summary>
    public static void MapActorChatOperations(this WebApplication app)
    {
        app.MapGet("/healthz", (Readiness readiness) => Results.Json(readiness.Report() with { Status = "alive" }, JsonSerializerOptions.Web)).ServedAs("operations");
        app.MapGet("/readyz", (Readiness readiness) =>
        {
            var report = readiness.Report();
            return Results.Json(report, JsonSerializerOptions.Web, statusCode: report.Status == "ready" ? 200 : 503);
        }).ServedAs("operations");
        app.MapPrometheusScrapingEndpoint("/metrics").ServedAs("operations");

        if (!app.Services.GetRequiredService<DashboardSettings>().Enabled) return;
        if (app.Services.GetRequiredService<IOptions<ApiOptions>>().Value.Key is { Length: > 0 } key)
            app.UseWhen(http => http.Request.Path.StartsWithSegments("/dashboard"), branch => branch.Use(DashboardAccess.RequireKey(key)));
        app.MapOrleansDashboard(routePrefix: "/dashboard").ServedAs("dashboard");
    }
}
