using System.CommandLine;
using Coop.Infrastructure.Persistence.Transfer;

namespace Coop.Web.Cli;

/// <summary>
/// <c>backup --to FILE</c> (SQLite's online backup API), <c>export-data --to FILE</c> and <c>import-data --from FILE</c>
/// (every table of the model, to move an install between providers). Exit 2 when refused (server provider for backup,
/// a non-empty or differently migrated import target, an existing output file).
/// </summary>
internal static class DataCommands
{
    public static readonly string[] Verbs = ["backup", "export-data", "import-data"];

    public static IEnumerable<Command> Create(WebApplication app, Func<IServiceProvider, CancellationToken, Task> migrateIfEmbedded)
    {
        var backupTo = new Option<string>("--to") { Description = "The new backup file.", Required = true };
        var backup = new Command("backup", "Copy the SQLite database to a new file while Coop runs (SQLite's online backup API).") { backupTo };
        backup.SetAction((parse, cancellationToken) => RunAsync(async () =>
        {
            var result = await ActivatorUtilities.CreateInstance<SqliteBackup>(app.Services).BackupAsync(parse.GetValue(backupTo)!, cancellationToken);
            await CliOutput.Results.WriteLineAsync($"Backed up to {result.Path} ({result.Bytes} bytes); integrity check: {result.IntegrityCheck}.");
            return result.IntegrityCheck == "ok" ? 0 : 1;
        }));

        var exportTo = new Option<string>("--to") { Description = "The export file to create (a zip).", Required = true };
        var export = new Command("export-data", "Write every table to a zip (JSON lines per table and a manifest), to move to another database.") { exportTo };
        export.SetAction((parse, cancellationToken) => RunAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await migrateIfEmbedded(scope.ServiceProvider, cancellationToken);
            var path = Path.GetFullPath(parse.GetValue(exportTo)!);
            if (File.Exists(path))
            {
                throw new TransferRefusedException($"{path} already exists; choose a new file name.");
            }

            TransferManifest manifest;
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                manifest = await ActivatorUtilities.CreateInstance<DataExporter>(app.Services).ExportAsync(file, cancellationToken);
            }

            foreach (var table in manifest.Tables)
            {
                await CliOutput.Results.WriteLineAsync($"{table.Name}\t{table.Rows}");
            }

            await CliOutput.Results.WriteLineAsync(
                $"Exported {manifest.Tables.Sum(t => t.Rows)} row(s) from {manifest.Tables.Count} tables at migration {manifest.Migration} to {path}.");
            return 0;
        }));

        var importFrom = new Option<string>("--from") { Description = "An export-data file.", Required = true };
        var import = new Command("import-data", "Load an export-data file into a new, migrated, empty database.") { importFrom };
        import.SetAction((parse, cancellationToken) => RunAsync(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await migrateIfEmbedded(scope.ServiceProvider, cancellationToken);
            await using var file = File.OpenRead(parse.GetValue(importFrom)!);
            var tables = await ActivatorUtilities.CreateInstance<DataImporter>(app.Services).ImportAsync(file, cancellationToken);
            foreach (var table in tables)
            {
                await CliOutput.Results.WriteLineAsync($"{table.Name}\t{table.Rows}");
            }

            await CliOutput.Results.WriteLineAsync($"Imported {tables.Sum(t => t.Rows)} row(s) into {tables.Count} tables; every table's count and content hash match the export.");
            return 0;
        }));

        return [backup, export, import];
    }

    private static async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is TransferRefusedException or InvalidDataException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
