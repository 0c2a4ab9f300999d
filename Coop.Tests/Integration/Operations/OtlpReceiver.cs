using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coop.Tests.Integration.Operations;

/// <summary>
/// A loopback OTLP/HTTP collector: accepts protobuf POSTs at /v1/metrics and /v1/traces and keeps the decoded
/// metric names (with their data points' attributes) and span names, read with <see cref="Protobuf"/>.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;

    private OtlpReceiver(WebApplication app) => this.app = app;

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>(scope name, metric name) → attribute sets of its data points, with each point's value.</summary>
    public ConcurrentBag<OtlpMetricPoint> MetricPoints { get; } = [];

    public ConcurrentBag<OtlpSpan> Spans { get; } = [];

    public ConcurrentBag<string> ContentTypes { get; } = [];

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            receiver.ContentTypes.Add(request.ContentType ?? string.Empty);
            foreach (var point in OtlpDecoding.Metrics(await ReadAsync(request)))
            {
                receiver.MetricPoints.Add(point);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        app.MapPost("/v1/traces", async (HttpRequest request) =>
        {
            receiver.ContentTypes.Add(request.ContentType ?? string.Empty);
            foreach (var span in OtlpDecoding.Spans(await ReadAsync(request)))
            {
                receiver.Spans.Add(span);
            }

            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}

internal sealed record OtlpMetricPoint(string Scope, string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);

internal sealed record OtlpSpan(string Scope, string Name, IReadOnlyDictionary<string, string> Attributes);

/// <summary>Walks the OTLP protobuf messages by field number (opentelemetry-proto's metrics/v1 and trace/v1).</summary>
internal static class OtlpDecoding
{
    public static IEnumerable<OtlpMetricPoint> Metrics(byte[] request)
    {
        foreach (var resource in Protobuf.Messages(request, 1))
        {
            foreach (var scopeMetrics in Protobuf.Messages(resource, 2))
            {
                var scope = Protobuf.Messages(scopeMetrics, 1).Select(s => Protobuf.String(s, 1)).FirstOrDefault() ?? string.Empty;
                foreach (var metric in Protobuf.Messages(scopeMetrics, 2))
                {
                    var name = Protobuf.String(metric, 1) ?? string.Empty;
                    var points = new List<OtlpMetricPoint>();
                    // gauge = 5, sum = 7 (NumberDataPoint: as_double = 4, as_int = 6, attributes = 7); histogram = 9 (count = 4, attributes = 9).
                    foreach (var body in Protobuf.Messages(metric, 5).Concat(Protobuf.Messages(metric, 7)))
                    {
                        foreach (var point in Protobuf.Messages(body, 1))
                        {
                            var value = Protobuf.Fixed(point, 6) is { } i ? (double)(long)i : Protobuf.Fixed(point, 4) is { } d ? BitConverter.UInt64BitsToDouble(d) : 0;
                            points.Add(new OtlpMetricPoint(scope, name, Attributes(point, 7), value));
                        }
                    }

                    foreach (var body in Protobuf.Messages(metric, 9))
                    {
                        foreach (var point in Protobuf.Messages(body, 1))
                        {
                            points.Add(new OtlpMetricPoint(scope, name, Attributes(point, 9), Protobuf.Fixed(point, 4) ?? 0));
                        }
                    }

                    if (points.Count == 0)
                    {
                        points.Add(new OtlpMetricPoint(scope, name, new Dictionary<string, string>(), 0));
                    }

                    foreach (var point in points)
                    {
                        yield return point;
                    }
                }
            }
        }
    }

    public static IEnumerable<OtlpSpan> Spans(byte[] request)
    {
        foreach (var resource in Protobuf.Messages(request, 1))
        {
            foreach (var scopeSpans in Protobuf.Messages(resource, 2))
            {
                var scope = Protobuf.Messages(scopeSpans, 1).Select(s => Protobuf.String(s, 1)).FirstOrDefault() ?? string.Empty;
                foreach (var span in Protobuf.Messages(scopeSpans, 2))
                {
                    yield return new OtlpSpan(scope, Protobuf.String(span, 5) ?? string.Empty, Attributes(span, 9));
                }
            }
        }
    }

    private static Dictionary<string, string> Attributes(byte[] message, int field) =>
        Protobuf.Messages(message, field).ToDictionary(
            kv => Protobuf.String(kv, 1) ?? string.Empty,
            kv => Protobuf.Messages(kv, 2).Select(v => Protobuf.String(v, 1) ?? Protobuf.Varint(v, 3)?.ToString(System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault() ?? string.Empty);
}

/// <summary>A minimal protobuf wire-format reader: enough to walk nested messages and read strings, varints and fixed64s.</summary>
internal static class Protobuf
{
    public static IEnumerable<byte[]> Messages(byte[] message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 2).Select(f => f.Bytes!);

    public static string? String(byte[] message, int field) =>
        Messages(message, field).Select(b => System.Text.Encoding.UTF8.GetString(b)).LastOrDefault();

    public static ulong? Varint(byte[] message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 0).Select(f => (ulong?)f.Value).LastOrDefault();

    public static ulong? Fixed(byte[] message, int field) =>
        Fields(message).Where(f => f.Number == field && f.WireType == 1).Select(f => (ulong?)f.Value).LastOrDefault();

    private static List<(int Number, int WireType, ulong Value, byte[]? Bytes)> Fields(byte[] message)
    {
        var fields = new List<(int, int, ulong, byte[]?)>();
        var position = 0;
        while (position < message.Length)
        {
            var key = ReadVarint(message, ref position);
            var number = (int)(key >> 3);
            var wireType = (int)(key & 7);
            switch (wireType)
            {
                case 0:
                    fields.Add((number, wireType, ReadVarint(message, ref position), null));
                    break;
                case 1:
                    fields.Add((number, wireType, BitConverter.ToUInt64(message, position), null));
                    position += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref position);
                    fields.Add((number, wireType, 0, message[position..(position + length)]));
                    position += length;
                    break;
                case 5:
                    fields.Add((number, wireType, BitConverter.ToUInt32(message, position), null));
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unexpected protobuf wire type {wireType} at byte {position}.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("A varint is longer than 10 bytes.");
    }
}
