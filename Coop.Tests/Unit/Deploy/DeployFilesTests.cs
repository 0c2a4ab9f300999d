using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.RegularExpressions;
using Coop.Tests.Unit.Architecture;
using Coop.Web.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Unit.Deploy;

/// <summary>
/// The files in deploy/ cannot be run here (no Docker engine, no systemd as init), so they are checked with the real
/// tools where those are installed, and skipped with the reason otherwise: <c>nginx -t</c> on both nginx files and the
/// cluster file actually serving two nodes; <c>systemd-analyze verify</c> on the unit; the compose file against the
/// Compose specification's schema and the Dockerfile through a linter (deploy/validate, installed by test.sh).
/// </summary>
[Trait("Category", "Deploy")]
public sealed partial class DeployFilesTests
{
    private static readonly string Deploy = Path.Combine(LayeringTests.RepositoryRoot(), "deploy");

    [Theory]
    [InlineData("coop.conf")]
    [InlineData("coop-cluster.conf")]
    public async Task Nginx_accepts_the_config(string file)
    {
        var nginx = Tool("nginx", "/usr/sbin/nginx");
        using var site = NginxSite.Prepare(file, listenPort: null, nodePorts: [18081, 18082]);

        var result = await RunAsync(nginx, ["-t", "-p", site.Prefix, "-c", site.MainConfig]);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("test is successful", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nginx_cluster_config_keeps_each_browser_and_its_websocket_on_one_node()
    {
        var nginx = Tool("nginx", "/usr/sbin/nginx");
        await using var node1 = await FakeNode.StartAsync("node-1");
        await using var node2 = await FakeNode.StartAsync("node-2");
        var port = FreePort();
        using var site = NginxSite.Prepare("coop-cluster.conf", port, [node1.Port, node2.Port]);
        using var server = Process.Start(new ProcessStartInfo(nginx) { ArgumentList = { "-p", site.Prefix, "-c", site.MainConfig, "-g", "daemon off;" }, RedirectStandardError = true })!;
        try
        {
            var proxy = new Uri($"http://127.0.0.1:{port}");
            await WaitForPortAsync(port, server);
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, UseProxy = false }) { BaseAddress = proxy };

            var browsers = new List<(string Cookie, string Node)>();
            for (var i = 0; i < 24; i++)
            {
                using var first = await http.GetAsync("/");
                var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie")).Split(';')[0];
                Assert.StartsWith("coop_node=", cookie, StringComparison.Ordinal);
                browsers.Add((cookie, await first.Content.ReadAsStringAsync()));
            }

            foreach (var (cookie, node) in browsers)
            {
                for (var i = 0; i < 3; i++)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
                    request.Headers.Add("Cookie", cookie);
                    using var response = await http.SendAsync(request);
                    Assert.Equal(node, await response.Content.ReadAsStringAsync());
                    Assert.False(response.Headers.Contains("Set-Cookie"), "a browser with the cookie is not given another");
                }
            }

            // Both nodes get browsers (24 random keys on a consistent hash: all on one node has odds of 2 in 16 million).
            Assert.Equal(2, browsers.Select(b => b.Node).Distinct().Count());

            // The WebSocket upgrade passes through to the browser's node, with the forwarded headers.
            var (stickyCookie, stickyNode) = browsers[0];
            using var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Cookie", stickyCookie);
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/_blazor?id=abc"), TestContext.Current.CancellationToken);
            var buffer = new byte[256];
            var received = await socket.ReceiveAsync(buffer, TestContext.Current.CancellationToken);
            Assert.Equal($"{stickyNode} ws proto=http for=127.0.0.1", Encoding.UTF8.GetString(buffer, 0, received.Count));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Systemd_accepts_the_unit()
    {
        var analyze = Tool("systemd-analyze", "/usr/bin/systemd-analyze");
        var work = Directory.CreateTempSubdirectory("coop-unit-").FullName;
        try
        {
            // verify insists that ExecStart exists; the published binary is not installed here.
            var unit = File.ReadAllText(Path.Combine(Deploy, "systemd", "coop.service")).Replace("/opt/coop/Coop.Web", "/bin/true", StringComparison.Ordinal);
            var path = Path.Combine(work, "coop.service");
            File.WriteAllText(path, unit);

            var result = await RunAsync(analyze, ["verify", "--man=no", path]);

            // verify exits 0 on unknown keys and bad values too, and reports them on stderr: any line about the unit fails.
            Assert.True(result.ExitCode == 0 && !result.Output.Contains("coop.service", StringComparison.Ordinal), result.Output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    [Fact]
    public async Task Compose_file_matches_the_compose_spec_and_the_Dockerfile_passes_the_linter()
    {
        var node = Tool("node", "/usr/bin/node");
        var validate = Path.Combine(Deploy, "validate");
        if (!Directory.Exists(Path.Combine(validate, "node_modules")))
        {
            Assert.Skip("deploy/validate has no node_modules: run `npm ci` there (test.sh does when npm is installed).");
        }

        var result = await RunAsync(node, [Path.Combine(validate, "check.mjs")], validate);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains("deploy checks: ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Dockerfile_runtime_is_chiseled_non_root_with_a_healthcheck_and_no_secrets()
    {
        var lines = File.ReadAllLines(Path.Combine(Deploy, "docker", "Dockerfile")).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var runtime = lines.Skip(lines.FindLastIndex(l => l.StartsWith("FROM ", StringComparison.Ordinal))).ToList();

        Assert.Matches("^FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled(-extra)? ", runtime[0]);
        Assert.Contains(runtime, l => l.StartsWith("USER $APP_UID", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime, l => l.StartsWith("RUN ", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l.Contains($"\"{HealthCheckVerb.Name}\"", StringComparison.Ordinal) && l.TrimStart().StartsWith("CMD [", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l == "VOLUME /app/data");
        Assert.Contains(runtime, l => l == "EXPOSE 8080");
        Assert.Contains(runtime, l => l.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => SecretSetting().IsMatch(l));
    }

    private static string Tool(string name, string path)
    {
        if (!File.Exists(path))
        {
            Assert.Skip($"{name} is not installed ({path}); test.sh installs it when apt is available.");
        }

        return path;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task WaitForPortAsync(int port, Process server)
    {
        for (var i = 0; i < 100; i++)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException("nginx stopped: " + await server.StandardError.ReadToEndAsync());
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"nginx did not listen on {port}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] args, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? Path.GetTempPath() };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    [GeneratedRegex(@"^\s*(ENV|ARG)\s+.*(PASSWORD|SECRET|API_?KEY|TOKEN)\w*\s*=", RegexOptions.IgnoreCase)]
    private static partial Regex SecretSetting();

    /// <summary>A deploy/nginx file in a throwaway prefix: self-signed certificate, node names pointed at local ports.</summary>
    private sealed class NginxSite : IDisposable
    {
        private NginxSite(string prefix) => Prefix = prefix;

        public string Prefix { get; }

        public string MainConfig => Path.Combine(Prefix, "nginx.conf");

        public static NginxSite Prepare(string file, int? listenPort, int[] nodePorts)
        {
            var site = new NginxSite(Directory.CreateTempSubdirectory("coop-nginx-").FullName + "/");
            Directory.CreateDirectory(Path.Combine(site.Prefix, "logs"));
            var text = File.ReadAllText(Path.Combine(Deploy, "nginx", file));
            if (text.Contains("ssl_certificate", StringComparison.Ordinal))
            {
                var (crt, key) = SelfSigned(site.Prefix);
                text = Regex.Replace(text, @"ssl_certificate\s+\S+;", $"ssl_certificate {crt};");
                text = Regex.Replace(text, @"ssl_certificate_key\s+\S+;", $"ssl_certificate_key {key};");
            }

            for (var i = 0; i < nodePorts.Length; i++)
            {
                text = text.Replace($"coop-node-{i + 1}:8080", $"127.0.0.1:{nodePorts[i]}", StringComparison.Ordinal);
            }

            if (listenPort is { } port)
            {
                text = Regex.Replace(text, @"listen\s+\[::\]:80;", string.Empty);
                text = Regex.Replace(text, @"listen\s+80;", $"listen 127.0.0.1:{port};");
            }

            File.WriteAllText(Path.Combine(site.Prefix, "site.conf"), text);
            File.WriteAllText(site.MainConfig, $$"""
                pid {{site.Prefix}}nginx.pid;
                error_log stderr;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path {{site.Prefix}}body;
                    proxy_temp_path {{site.Prefix}}proxy;
                    fastcgi_temp_path {{site.Prefix}}fastcgi;
                    uwsgi_temp_path {{site.Prefix}}uwsgi;
                    scgi_temp_path {{site.Prefix}}scgi;
                    include {{site.Prefix}}site.conf;
                }
                """);
            return site;
        }

        private static (string Crt, string Key) SelfSigned(string directory)
        {
            using var rsa = System.Security.Cryptography.RSA.Create(2048);
            var request = new System.Security.Cryptography.X509Certificates.CertificateRequest(
                "CN=coop.example.org", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(TimeProvider.System.GetUtcNow().AddDays(-1), TimeProvider.System.GetUtcNow().AddDays(1));
            var crt = Path.Combine(directory, "coop.crt");
            var key = Path.Combine(directory, "coop.key");
            File.WriteAllText(crt, certificate.ExportCertificatePem());
            File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
            return (crt, key);
        }

        public void Dispose() => Directory.Delete(Prefix, recursive: true);
    }

    /// <summary>A stand-in for a Coop node: answers every request with its name; a WebSocket gets its name and the forwarded headers.</summary>
    private sealed class FakeNode(WebApplication app) : IAsyncDisposable
    {
        public int Port { get; private set; }

        public static async Task<FakeNode> StartAsync(string name)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.UseWebSockets();
            app.Run(async context =>
            {
                if (context.WebSockets.IsWebSocketRequest)
                {
                    using var socket = await context.WebSockets.AcceptWebSocketAsync();
                    var text = $"{name} ws proto={context.Request.Headers["X-Forwarded-Proto"]} for={context.Request.Headers["X-Forwarded-For"]}";
                    await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                    await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return;
                }

                await context.Response.WriteAsync(name);
            });
            await app.StartAsync();
            return new FakeNode(app) { Port = new Uri(app.Urls.Single()).Port };
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
