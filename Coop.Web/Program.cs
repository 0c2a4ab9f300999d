using Coop.Infrastructure;
using Coop.Infrastructure.Logging;
using Coop.Web;
using Coop.Web.Cli;
using Serilog;

if (HealthCheckVerb.Matches(args))
{
    // The container's HEALTHCHECK: a plain HTTP probe, without building the web host.
    return await HealthCheckVerb.RunAsync(args);
}

var isVerb = CoopCli.IsVerb(args);
if (isVerb)
{
    // Standard output carries the verb's result only (an API key, a configuration export); everything else goes to stderr.
    CliOutput.ReserveStandardOutput();
}

LoggingSetup.CreateBootstrapLogger(toStandardError: isVerb);
try
{
    var builder = WebApplication.CreateBuilder(args);
    if (isVerb)
    {
        builder.Configuration[LoggingSetup.ToStandardErrorKey] = "true";
    }

    builder.AddCoopInfrastructure();
    builder.AddCoopWeb();

    var app = builder.Build();
    app.UseCoopWeb();

    // A verb (migrate, create-admin, config export, audit verify, ...: CoopCli.Verbs) runs and exits; no verb serves the console.
    return await CoopCli.RunAsync(app, args);
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "Coop stopped because of an unexpected error");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
