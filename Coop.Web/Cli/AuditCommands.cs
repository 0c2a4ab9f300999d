using System.CommandLine;
using Coop.Web.Features.Administration.Audit;

namespace Coop.Web.Cli;

/// <summary><c>audit verify</c>: walks the audit hash chain; exit code 0 when intact, 3 when broken (the first broken entry is printed).</summary>
internal static class AuditCommands
{
    public const int BrokenExitCode = 3;

    public static Command Create(WebApplication app, Func<IServiceProvider, CancellationToken, Task> migrateIfEmbedded)
    {
        var audit = new Command("audit", "Audit log tools.");
        var verify = new Command("verify", "Verify the audit log's hash chain; exits with 3 and names the first broken entry when it was tampered with.");
        verify.SetAction(async (_, cancellationToken) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await migrateIfEmbedded(scope.ServiceProvider, cancellationToken);
            var report = await scope.ServiceProvider.GetRequiredService<AuditChainCheck>().RunAsync(cancellationToken);
            if (report.Intact)
            {
                await CliOutput.Results.WriteLineAsync(
                    $"The audit chain is intact: {report.Checked} entries verified" + (report.Legacy > 0 ? $" ({report.Legacy} older entries predate the chain)." : "."));
                return 0;
            }

            await CliOutput.Results.WriteLineAsync($"The audit chain is BROKEN after {report.Checked} intact entries. {report.Problem}");
            return BrokenExitCode;
        });
        audit.Subcommands.Add(verify);
        foreach (var command in audit.Subcommands.Append(audit))
        {
            command.TreatUnmatchedTokensAsErrors = false;
        }

        return audit;
    }
}
