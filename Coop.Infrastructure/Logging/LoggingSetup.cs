using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Serilog;
using Serilog.Events;

namespace Coop.Infrastructure.Logging;

/// <summary>Serilog's second stage: configuration-driven sinks (console by default), Seq when configured.</summary>
public static class LoggingSetup
{
    /// <summary>The first stage: a console logger for everything that happens before the host is built.</summary>
    /// <param name="toStandardError">True for command-line verbs: their standard output carries results (an API key), not logs.</param>
    public static void CreateBootstrapLogger(bool toStandardError = false) =>
        Log.Logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture, standardErrorFromLevel: toStandardError ? LogEventLevel.Verbose : null)
            .CreateBootstrapLogger();

    /// <summary>The configuration key that sends every log line to standard error (set for command-line verbs).</summary>
    public const string ToStandardErrorKey = "Logging:ToStandardError";

    public static IHostApplicationBuilder AddCoopLogging(this IHostApplicationBuilder builder)
    {
        var configuration = builder.Configuration;

        // Test hosts start many times in one process; freezing the static logger more than once throws.
        var preserveStatic = builder.Environment.IsEnvironment("Testing");
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                logger.ReadFrom.Configuration(configuration)
                    .ReadFrom.Services(services)
                    .Enrich.FromLogContext()
                    .Enrich.WithProperty("Application", "Coop");

                if (!configuration.GetSection("Serilog:WriteTo").Exists())
                {
                    logger.WriteTo.Console(
                        formatProvider: System.Globalization.CultureInfo.InvariantCulture,
                        standardErrorFromLevel: configuration.GetValue<bool>(ToStandardErrorKey) ? LogEventLevel.Verbose : null);
                }

                var seqUrl = configuration["Seq:ServerUrl"];
                if (!string.IsNullOrWhiteSpace(seqUrl))
                {
                    logger.WriteTo.Seq(seqUrl, apiKey: configuration["Seq:ApiKey"], formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            preserveStaticLogger: preserveStatic);
        return builder;
    }
}
