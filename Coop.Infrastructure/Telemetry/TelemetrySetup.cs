using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Coop.Infrastructure.Telemetry;

/// <summary>
/// OpenTelemetry metrics and traces, exported by OTLP only when an endpoint is configured: the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (with the other <c>OTEL_*</c> variables: protocol, headers, intervals), or
/// <c>Telemetry:Otlp:Endpoint</c> with <c>Telemetry:Otlp:Protocol</c> (<c>grpc</c>, the default, or <c>http/protobuf</c>).
/// Without one nothing is registered and the instruments cost nothing.
/// </summary>
public static class TelemetrySetup
{
    public const string EndpointKey = "Telemetry:Otlp:Endpoint";
    public const string ProtocolKey = "Telemetry:Otlp:Protocol";
    public const string StandardEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The standard service-name variable (an environment setting; documented in deploy/env.example).</summary>
    public const string StandardServiceNameKey = "OTEL_SERVICE_NAME";

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]) || !string.IsNullOrWhiteSpace(configuration[EndpointKey]);

    public static IHostApplicationBuilder AddCoopTelemetry(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        if (!IsEnabled(configuration))
        {
            return builder;
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName: configuration[StandardServiceNameKey] ?? "coop", serviceInstanceId: Environment.MachineName))
            .WithMetrics(m => m
                .AddMeter(CoopMetrics.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation())
            .WithTracing(t => t
                .AddSource(CoopMetrics.Name)
                .AddAspNetCoreInstrumentation(o => o.Filter = context =>
                    !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments("/_blazor"))
                .AddHttpClientInstrumentation()
                .AddEntityFrameworkCoreInstrumentation());

        // The standard variables win: the exporter reads them (and the rest of OTEL_EXPORTER_OTLP_*) itself.
        if (!string.IsNullOrWhiteSpace(configuration[StandardEndpointKey]))
        {
            otel.UseOtlpExporter();
        }
        else
        {
            var protocol = string.Equals(configuration[ProtocolKey], "http/protobuf", StringComparison.OrdinalIgnoreCase)
                ? OtlpExportProtocol.HttpProtobuf
                : OtlpExportProtocol.Grpc;
            otel.UseOtlpExporter(protocol, new Uri(configuration[EndpointKey]!));
        }

        return builder;
    }
}
