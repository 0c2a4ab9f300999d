using System.Diagnostics;

namespace Coop.Tests.Support;

/// <summary>Runs the built Coop.Web binary with a verb, as an operator would, and captures its output.</summary>
public static class CliProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string All => StandardOutput + StandardError;
    }

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?> settings, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(WebAssemblyPath());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Coop.Web {string.Join(' ', args)} did not finish in 2 minutes: {await stdout}{await stderr}");
        }

        return new Result(process.ExitCode, await stdout, await stderr);
    }

    private static string WebAssemblyPath()
    {
        // artifacts/bin/Coop.Tests/<config>/ -> artifacts/bin/Coop.Web/<config>/Coop.Web.dll (UseArtifactsOutput layout).
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var own = Path.Combine(testDir.Parent!.Parent!.FullName, "Coop.Web", testDir.Name, "Coop.Web.dll");
        return File.Exists(own) ? own : Path.Combine(AppContext.BaseDirectory, "Coop.Web.dll");
    }
}
