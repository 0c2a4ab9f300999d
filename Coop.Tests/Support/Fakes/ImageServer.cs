using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Support.Fakes;

/// <summary>A platform's media host on a real loopback port: serves the files of a folder at <c>/images/{name}</c> and counts requests per path.</summary>
public sealed class ImageServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ImageServer(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = default!;

    public ConcurrentDictionary<string, int> Hits { get; } = new(StringComparer.Ordinal);

    public static async Task<ImageServer> StartAsync(string folder)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ImageServer(app);
        app.MapGet("/images/{name}", (string name, HttpContext context) =>
        {
            server.Hits.AddOrUpdate(name, 1, (_, n) => n + 1);
            var path = Path.Combine(folder, Path.GetFileName(name));
            return File.Exists(path)
                ? Results.File(File.ReadAllBytes(path), name.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg")
                : Results.NotFound();
        });
        await app.StartAsync();
        server.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public string UrlFor(string name) => new Uri(BaseAddress, "/images/" + name).ToString();

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
