using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Support.Fakes;

/// <summary>
/// A platform's webhook endpoint on a real loopback port (Kestrel on 127.0.0.1:0). It verifies
/// <c>Coop-Signature</c> with nothing but the organization's public key PEM, as a platform would
/// (RSA.ImportFromPem + VerifyData over the raw body), answers 401 to a bad or missing signature,
/// records every request, and can be told to fail, answer a given status, redirect or stall.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<ReceivedWebhook> received = new();
    private int failuresLeft;

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>The key the receiver trusts; requests are rejected with 401 when it is null or does not match.</summary>
    public string? PublicKeyPem { get; set; }

    /// <summary>What a correctly signed request gets when no failure is pending.</summary>
    public int SuccessStatus { get; set; } = 200;

    /// <summary>Held before answering (to make the sender time out).</summary>
    public TimeSpan ResponseDelay { get; set; } = TimeSpan.Zero;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>The JSON body a correctly signed, successful request is answered with (a platform's partial-items endpoint); "ok" text when null.</summary>
    public Func<ReceivedWebhook, string>? RespondWith { get; set; }

    public IReadOnlyList<ReceivedWebhook> Requests => [.. received];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        app.MapPost("/redirect", (string to) => Results.Redirect(to, permanent: false, preserveMethod: true));
        app.MapPost("/{**path}", (Func<HttpContext, Task<IResult>>)receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public Uri UrlFor(string path) => new(BaseAddress, path);

    /// <summary>The next <paramref name="count"/> requests are answered 500 (after being recorded).</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    /// <summary>Waits until at least <paramref name="count"/> requests have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (received.Count < count)
        {
            await Task.Delay(20, cts.Token);
        }

        return Requests;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var valid = Verify(body, headers.GetValueOrDefault("Coop-Signature"), PublicKeyPem);
        int status;
        if (!valid)
        {
            status = StatusCodes.Status401Unauthorized;
        }
        else if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            status = StatusCodes.Status500InternalServerError;
        }
        else
        {
            Interlocked.Exchange(ref failuresLeft, 0);
            status = SuccessStatus;
        }

        var request = new ReceivedWebhook(context.Request.Path, body, headers, valid, status, TimeProvider.System.GetUtcNow());
        received.Enqueue(request);
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        if (valid && status < 300 && RespondWith is { } respond)
        {
            return Results.Text(respond(request), "application/json", statusCode: status);
        }

        return Results.Text(valid ? "ok" : "bad signature", statusCode: status);
    }

    /// <summary>What a platform does: import the PEM, verify RSASSA-PKCS1-v1_5/SHA-256 over the raw bytes.</summary>
    public static bool Verify(byte[] body, string? signature, string? publicKeyPem)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(publicKeyPem))
        {
            return false;
        }

        using var rsa = RSA.Create();
        rsa.ImportFromPem(publicKeyPem);
        try
        {
            return rsa.VerifyData(body, Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>One request the receiver got, with the status it answered.</summary>
public sealed record ReceivedWebhook(
    string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers, bool SignatureValid, int AnsweredStatus, DateTimeOffset ReceivedAt);
