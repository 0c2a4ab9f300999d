using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Coop.Tests.Support;
using Coop.Web.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Integration.Cli;

/// <summary>The container's HEALTHCHECK: <c>Coop.Web healthcheck</c> run as a process against a real HTTP server on loopback.</summary>
[Trait("Category", "Integration")]
public sealed class HealthCheckVerbTests
{
    [Fact]
    public async Task Exits_0_when_the_liveness_endpoint_answers_ok_finding_the_port_in_ASPNETCORE_URLS()
    {
        await using var server = await ProbeTarget.StartAsync(HttpStatusCode.OK);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = $"http://+:{server.Port}" }, TestSettings.NewTempDirectory(), "healthcheck");

        Assert.True(result.ExitCode == 0, result.All);
        Assert.Equal(["/health/live"], server.Paths);
    }

    [Fact]
    public async Task Exits_1_when_the_endpoint_answers_an_error()
    {
        await using var server = await ProbeTarget.StartAsync(HttpStatusCode.ServiceUnavailable);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?>(), TestSettings.NewTempDirectory(), "healthcheck", "--url", $"http://127.0.0.1:{server.Port}", "--path", "/health/ready");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("503", result.StandardError, StringComparison.Ordinal);
        Assert.Equal(["/health/ready"], server.Paths);
    }

    [Fact]
    public async Task Exits_1_when_nothing_listens()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            TestSettings.NewTempDirectory(), "healthcheck", "--timeout", "3");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"localhost:{port}/health/live", result.StandardError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://+:8080", null, "http://localhost:8080")]
    [InlineData("https://*:8443;http://0.0.0.0:8080", null, "http://localhost:8080")]
    [InlineData("http://[::]:5080", null, "http://localhost:5080")]
    [InlineData("http://127.0.0.1:5080", "9000", "http://127.0.0.1:5080")]
    [InlineData(null, "8080", "http://localhost:8080")]
    [InlineData(null, null, "http://localhost:5000")]
    public void Finds_the_local_address_the_way_Kestrel_reads_it(string? urls, string? ports, string expected)
    {
        var environment = new Dictionary<string, string?> { ["ASPNETCORE_URLS"] = urls, ["ASPNETCORE_HTTP_PORTS"] = ports };

        Assert.Equal(expected, HealthCheckVerb.LocalAddress(name => environment.GetValueOrDefault(name)));
    }

    private sealed class ProbeTarget : IAsyncDisposable
    {
        private readonly WebApplication app;
        private readonly ConcurrentQueue<string> paths = new();

        private ProbeTarget(WebApplication app) => this.app = app;

        public int Port { get; private set; }

        public IReadOnlyList<string> Paths => [.. paths];

        public static async Task<ProbeTarget> StartAsync(HttpStatusCode status)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var target = new ProbeTarget(app);
            app.Run(context =>
            {
                target.paths.Enqueue(context.Request.Path.Value!);
                context.Response.StatusCode = (int)status;
                return Task.CompletedTask;
            });
            await app.StartAsync();
            target.Port = new Uri(app.Urls.Single()).Port;
            return target;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
