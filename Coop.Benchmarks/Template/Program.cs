using System.Runtime;
using Coop.Benchmarks.Template.Components;
using Microsoft.AspNetCore.Components.Server;

var builder = WebApplication.CreateBuilder(args);

// Benchmark hook: serve the framework's static assets (blazor.web.js) from the build output in any environment.
builder.WebHost.UseStaticWebAssets();

// Add services to the container.
builder.Services.AddRazorComponents()
    .AddInteractiveServerComponents();

// Benchmark hook: the disconnected-circuit retention (Coop.Benchmarks passes the same value it gives the console).
if (builder.Configuration["Benchmark:CircuitRetention"] is { } retention)
{
    builder.Services.Configure<CircuitOptions>(o => o.DisconnectedCircuitRetentionPeriod = TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture));
}

var app = builder.Build();

// Configure the HTTP request pipeline.
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    // The default HSTS value is 30 days. You may want to change this for production scenarios, see https://aka.ms/aspnetcore-hsts.
    app.UseHsts();
}
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseHttpsRedirection();

app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>()
    .AddInteractiveServerRenderMode();

// Benchmark hook: the process's resident memory and managed heap after a full, compacting collection (as Coop.Benchmarks
// measures the console in its own process).
app.MapGet("/_benchmark/memory", () =>
{
    GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var status = File.ReadAllLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
    var rssKb = long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
    return Results.Json(new { rss = rssKb * 1024, heap = GC.GetTotalMemory(false) });
});

app.Run();
