using System.CommandLine;

namespace Coop.Web.Cli;

/// <summary>
/// <c>healthcheck</c>: GETs the running server's liveness endpoint on this machine and exits 0 when it answers 2xx, 1
/// otherwise. It is the container's HEALTHCHECK (chiseled images have no shell or curl), so it runs before the web host
/// is built: no configuration files, no database, no logging, a fraction of a second.
/// </summary>
public static class HealthCheckVerb
{
    public const string Name = "healthcheck";

    public const string DefaultPath = "/health/live";

    public static bool Matches(string[] args) => args.Length > 0 && string.Equals(args[0], Name, StringComparison.Ordinal);

    public static async Task<int> RunAsync(string[] args) =>
        await CreateCommand().Parse(args.Skip(1).ToArray()).InvokeAsync(new InvocationConfiguration { Output = Console.Out, Error = Console.Error });

    /// <summary>The verb's options (also read by the docs' tests, which check each command the docs show against it).</summary>
    internal static RootCommand CreateCommand()
    {
        var url = new Option<string?>("--url") { Description = "Base address of the server; by default the first one in ASPNETCORE_URLS (or ASPNETCORE_HTTP_PORTS), on localhost." };
        var path = new Option<string>("--path") { Description = "The endpoint to probe.", DefaultValueFactory = _ => DefaultPath };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the answer.", DefaultValueFactory = _ => 5 };
        var command = new RootCommand("Probe the running server's liveness endpoint; exit 0 when healthy, 1 otherwise.") { url, path, timeout };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (parse, cancellationToken) =>
        {
            var target = new Uri(new Uri(parse.GetValue(url) ?? LocalAddress(Environment.GetEnvironmentVariable)), parse.GetValue(path));
            return await ProbeAsync(target, TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(timeout))), cancellationToken);
        });
        return command;
    }

    /// <summary>Where this machine's server listens, from the variables Kestrel reads: the first http URL, else the first URL, else the first HTTP port.</summary>
    public static string LocalAddress(Func<string, string?> environment)
    {
        var urls = (environment("ASPNETCORE_URLS") ?? environment("DOTNET_URLS") ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var chosen = urls.FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? urls.FirstOrDefault();
        if (chosen is not null)
        {
            var scheme = chosen[..chosen.IndexOf("://", StringComparison.Ordinal)];
            var authority = chosen[(scheme.Length + 3)..].Split('/')[0];
            var colon = authority.LastIndexOf(':');
            var host = colon > 0 && !authority.EndsWith(']') ? authority[..colon] : authority;
            var port = colon > 0 && !authority.EndsWith(']') ? authority[(colon + 1)..] : (scheme == "https" ? "443" : "80");
            host = host is "+" or "*" or "0.0.0.0" or "[::]" or "" ? "localhost" : host;
            return $"{scheme}://{host}:{port}";
        }

        var ports = environment("ASPNETCORE_HTTP_PORTS") ?? environment("DOTNET_HTTP_PORTS");
        var first = ports?.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return $"http://localhost:{first ?? "5000"}";
    }

    private static async Task<int> ProbeAsync(Uri target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,

            // The probe talks to this machine only; a development certificate on https://localhost is fine.
            SslOptions = { RemoteCertificateValidationCallback = (_, _, _, errors) => errors == System.Net.Security.SslPolicyErrors.None || target.IsLoopback || target.Host == "localhost" },
        };
        using var client = new HttpClient(handler) { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(target, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"unhealthy: {target} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {target}: {ex.Message}");
            return 1;
        }
    }
}
