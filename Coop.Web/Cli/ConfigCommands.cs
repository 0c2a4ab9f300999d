using System.CommandLine;
using System.Text.Json;
using Coop.Web.Application;
using Coop.Web.Features.Configuration;

namespace Coop.Web.Cli;

/// <summary>
/// <c>config export --org X [--out file]</c> and <c>config import file [--org X]</c>: configuration as
/// code, so a staging setup can be promoted to production with its ids.
/// </summary>
internal static class ConfigCommands
{
    public static Command Create(
        WebApplication app,
        Func<WebApplication, Func<IServiceProvider, Task>, Task<int>> runUseCase,
        Func<IServiceProvider, CancellationToken, Task> migrateIfEmbedded)
    {
        var config = new Command("config", "Export or import an organization's configuration (item types, policies, actions, queues, routing rules, outbound allow-list, roles, single sign-on, settings, child safety) as JSON, never with secrets.");
        config.Subcommands.Add(Export(app, runUseCase, migrateIfEmbedded));
        config.Subcommands.Add(Import(app, runUseCase, migrateIfEmbedded));
        foreach (var command in config.Subcommands.Append(config))
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }

        return config;
    }

    private static Command Export(
        WebApplication app, Func<WebApplication, Func<IServiceProvider, Task>, Task<int>> runUseCase, Func<IServiceProvider, CancellationToken, Task> migrate)
    {
        var org = new Option<string>("--org") { Description = "Organization name or id.", Required = true };
        var output = new Option<FileInfo?>("--out") { Description = "Write to this file instead of standard output." };
        var command = new Command("export", "Write the organization's configuration as JSON. Secrets (header values, the SSO client secret, CyberTipline credentials) are never exported.") { org, output };
        command.SetAction((parse, cancellationToken) => runUseCase(app, async services =>
        {
            await migrate(services, cancellationToken);
            var handler = services.GetRequiredService<IQueryHandler<ExportConfigurationQuery, ConfigDocument>>();
            var document = await handler.HandleAsync(new ExportConfigurationQuery(parse.GetValue(org)!), cancellationToken);
            var json = JsonSerializer.Serialize(document, ConfigDocument.JsonOptions);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, json + Environment.NewLine, cancellationToken);
                await Console.Error.WriteLineAsync($"Exported {document.ItemTypes?.Count ?? 0} item types, {document.Policies?.Count ?? 0} policies, "
                    + $"{document.Actions?.Count ?? 0} actions, {document.Queues?.Count ?? 0} queues and {document.RoutingRules?.Count ?? 0} routing rules to {file.FullName}.");
            }
            else
            {
                await CliOutput.Results.WriteLineAsync(json);
                await CliOutput.Results.FlushAsync(cancellationToken);
            }
        }));
        return command;
    }

    private static Command Import(
        WebApplication app, Func<WebApplication, Func<IServiceProvider, Task>, Task<int>> runUseCase, Func<IServiceProvider, CancellationToken, Task> migrate)
    {
        var file = new Argument<FileInfo>("file") { Description = "A file written by config export (or by hand)." };
        var org = new Option<string?>("--org") { Description = "Organization name or id; may be left out when there is only one." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate the file and print what would change, without writing anything." };
        var command = new Command("import", "Apply a configuration file: upsert by id, all or nothing, idempotent.") { file, org, dryRun };
        command.SetAction((parse, cancellationToken) => runUseCase(app, async services =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new ValidationFailedException("file", $"The file {path.FullName} does not exist.");
            }

            await migrate(services, cancellationToken);
            var handler = services.GetRequiredService<ICommandHandler<ImportConfigurationCommand, ImportConfigurationResult>>();
            var json = await File.ReadAllTextAsync(path.FullName, cancellationToken);
            var result = await handler.HandleAsync(new ImportConfigurationCommand(json, parse.GetValue(org), DryRun: parse.GetValue(dryRun)), cancellationToken);
            await CliOutput.Results.WriteLineAsync(result switch
            {
                { ChangedNothing: true } => $"Organization {result.OrganizationId} already matches the file; nothing {(result.DryRun ? "would change" : "changed")}.",
                { DryRun: true } => $"Dry run, nothing written. Importing into organization {result.OrganizationId} would do: {ImportConfigurationHandler.Describe(result)}.",
                _ => $"Imported into organization {result.OrganizationId}: {ImportConfigurationHandler.Describe(result)}.",
            });
            foreach (var warning in result.Warnings ?? [])
            {
                await Console.Error.WriteLineAsync($"Warning: {warning}");
            }
        }));
        return command;
    }
}
