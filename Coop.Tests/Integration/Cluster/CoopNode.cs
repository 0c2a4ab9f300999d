using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coop.Tests.Integration.Cluster;

/// <summary>
/// One real Coop process (the built <c>Coop.Web.dll</c>, run with <c>dotnet</c>) on its own loopback port, configured through
/// environment variables as an operator would. Killed with its process tree on dispose, whatever happened.
/// </summary>
internal sealed class CoopNode : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private CoopNode(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public bool HasExited => process.HasExited;

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static string WebAssemblyPath()
    {
        // artifacts/bin/Coop.Tests/<config>/ -> artifacts/bin/Coop.Web/<config>/Coop.Web.dll (UseArtifactsOutput layout).
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(testDir.Parent!.Parent!.FullName, "Coop.Web", testDir.Name, "Coop.Web.dll");
    }

    /// <summary>Starts the node and waits until <c>/health</c> answers 200.</summary>
    public static async Task<CoopNode> StartAsync(string name, IReadOnlyDictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var dll = WebAssemblyPath();
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);

        // Development is the environment in which a build (not a publish) serves its static web assets (Blazor's and MudBlazor's scripts).
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new CoopNode(name, process, baseAddress);
        process.OutputDataReceived += (_, e) => node.Append(e.Data);
        process.ErrorDataReceived += (_, e) => node.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await node.WaitUntilHealthyAsync(TimeSpan.FromSeconds(120), cancellationToken);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>Ends the process at once, as a crash or a pulled plug would (no graceful shutdown, no lease released).</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited with {process.ExitCode} while starting:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(500, cancellationToken);
        }

        throw new TimeoutException($"Node {Name} was not healthy within {timeout}:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
