using System.CommandLine;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.Extensions.Options;

namespace Coop.Web.Cli;

/// <summary>
/// The command-line verbs of the web app: <c>migrate</c>, <c>create-admin</c>, <c>create-api-key</c>,
/// <c>seed-demo</c>, <c>config export|import</c>, <c>audit verify</c>, <c>backup</c>, <c>export-data</c> and <c>import-data</c>. With no verb the console is served. Secrets a verb makes are written to standard
/// output only, never to the log.
/// </summary>
public static class CoopCli
{
    public static readonly string[] Verbs = ["migrate", "create-admin", "create-api-key", "seed-demo", "config", "audit", .. DataCommands.Verbs];

    public static bool IsVerb(string[] args) => args.Length > 0 && Verbs.Contains(args[0], StringComparer.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        if (!IsVerb(args))
        {
            return await ConsoleHost.ServeAsync(app);
        }

        // Help and version text are what the operator asked for: standard output, like results.
        return await CreateRootCommand(app).Parse(args).InvokeAsync(new InvocationConfiguration { Output = CliOutput.Results, Error = Console.Error });
    }

    /// <summary>Every verb with its options (also read by the docs' tests, which check each command the docs show against it).</summary>
    internal static RootCommand CreateRootCommand(WebApplication app)
    {
        var root = new RootCommand("Coop for .NET: review and enforcement console.");
        root.Subcommands.Add(Migrate(app));
        root.Subcommands.Add(CreateAdmin(app));
        root.Subcommands.Add(CreateApiKey(app));
        root.Subcommands.Add(SeedDemo(app));
        root.Subcommands.Add(ConfigCommands.Create(app, RunUseCaseAsync, MigrateIfEmbeddedAsync));
        root.Subcommands.Add(AuditCommands.Create(app, MigrateIfEmbeddedAsync));
        foreach (var data in DataCommands.Create(app, MigrateIfEmbeddedAsync))
        {
            root.Subcommands.Add(data);
        }
        foreach (var command in root.Subcommands)
        {
            // Host configuration switches (--Database:Provider=Postgres) may follow the verb.
            command.TreatUnmatchedTokensAsErrors = false;
        }

        return root;
    }

    private static Command Migrate(WebApplication app)
    {
        var command = new Command("migrate", "Apply pending database migrations for the configured provider.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
            var outcome = await migrator.MigrateAsync(cancellationToken);
            var provider = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider;
            await CliOutput.Results.WriteLineAsync($"{provider}: applied {outcome.AppliedCount} migration(s); the schema is up to date.");
            return 0;
        });
        return command;
    }

    private static Command CreateAdmin(WebApplication app)
    {
        var email = new Option<string>("--email") { Description = "The admin's email (their sign-in name).", Required = true };
        var password = new Option<string>("--password") { Description = "At least 10 characters.", Required = true };
        var org = new Option<string?>("--org") { Description = "Organization name or id; created when missing." };
        var command = new Command("create-admin", "Create an admin user (and the organization when needed).") { email, password, org };
        command.SetAction((parse, cancellationToken) => RunUseCaseAsync(app, async services =>
        {
            await MigrateIfEmbeddedAsync(services, cancellationToken);
            var handler = services.GetRequiredService<ICommandHandler<CreateAdminCommand, CreateAdminResult>>();
            var result = await handler.HandleAsync(new CreateAdminCommand(parse.GetValue(email)!, parse.GetValue(password)!, parse.GetValue(org)), cancellationToken);
            await CliOutput.Results.WriteLineAsync(
                $"Created admin {parse.GetValue(email)} in organization '{result.OrganizationName}' ({result.OrganizationId})"
                + (result.CreatedOrganization ? ", which was created too." : "."));
        }));
        return command;
    }

    private static Command CreateApiKey(WebApplication app)
    {
        var org = new Option<string>("--org") { Description = "Organization name or id.", Required = true };
        var name = new Option<string?>("--name") { Description = "A label for the key." };
        var command = new Command("create-api-key", "Issue the organization's platform API key (revokes its other keys) and print it once.") { org, name };
        command.SetAction((parse, cancellationToken) => RunUseCaseAsync(app, async services =>
        {
            await MigrateIfEmbeddedAsync(services, cancellationToken);
            var handler = services.GetRequiredService<ICommandHandler<CreateApiKeyCommand, CreateApiKeyResult>>();
            var result = await handler.HandleAsync(new CreateApiKeyCommand(parse.GetValue(org)!, parse.GetValue(name)), cancellationToken);
            await Console.Error.WriteLineAsync(
                $"API key for organization {result.OrganizationId} (revoked {result.RevokedCount} older key(s)). It is shown only now; send it as X-API-KEY:");
            await CliOutput.Results.WriteLineAsync(result.PlainKey);
        }));
        return command;
    }

    private static Command SeedDemo(WebApplication app)
    {
        var password = new Option<string?>("--password") { Description = "Password for every demo account; generated when omitted." };
        var command = new Command("seed-demo", "Create the demo organization and its demo accounts.") { password };
        command.SetAction((parse, cancellationToken) => RunUseCaseAsync(app, async services =>
        {
            await MigrateIfEmbeddedAsync(services, cancellationToken);
            var handler = services.GetRequiredService<ICommandHandler<SeedDemoCommand, SeedDemoResult>>();
            var result = await handler.HandleAsync(new SeedDemoCommand(parse.GetValue(password)), cancellationToken);
            await DemoBanner.SaveCredentialsAsync(app, services.GetRequiredService<IOptions<DatabaseOptions>>().Value, result);
            await CliOutput.Results.WriteLineAsync(DemoBanner.Describe(result));
        }));
        return command;
    }

    private static async Task<int> RunUseCaseAsync(WebApplication app, Func<IServiceProvider, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        try
        {
            await action(scope.ServiceProvider);
            return 0;
        }
        catch (ValidationFailedException ex)
        {
            foreach (var message in ex.Errors.SelectMany(e => e.Value))
            {
                await Console.Error.WriteLineAsync($"error: {message}");
            }

            return 2;
        }
    }

    private static async Task MigrateIfEmbeddedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ShouldMigrateOnStart)
        {
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        }
    }
}
