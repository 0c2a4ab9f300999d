using System.Net;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Net;

/// <summary>
/// Caps the body of every response an outbound client receives at <see cref="OutboundOptions.MaxResponseBytes"/>: a
/// larger declared Content-Length is refused before the body is read, and a body that turns out larger (chunked, or a
/// lying header) fails the read once the cap is passed, so a hostile endpoint cannot make Coop buffer gigabytes.
/// </summary>
public sealed class OutboundResponseLimitHandler(IOptionsMonitor<OutboundOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var max = options.CurrentValue.MaxResponseBytes;
        if (max <= 0)
        {
            return response;
        }

        if (response.Content.Headers.ContentLength > max)
        {
            response.Dispose();
            throw TooLarge(request.RequestUri, max);
        }

        response.Content = new LimitedContent(response.Content, max, request.RequestUri);
        return response;
    }

    internal static HttpRequestException TooLarge(Uri? uri, long max) =>
        new(HttpRequestError.ConfigurationLimitExceeded, $"The response from {uri?.Host ?? "the endpoint"} is larger than {max} bytes (Outbound:MaxResponseBytes).");

    private sealed class LimitedContent : HttpContent
    {
        private readonly HttpContent inner;
        private readonly long max;
        private readonly Uri? uri;

        public LimitedContent(HttpContent inner, long max, Uri? uri)
        {
            this.inner = inner;
            this.max = max;
            this.uri = uri;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await using var body = await CreateContentReadStreamAsync();
            await body.CopyToAsync(stream);
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await using var body = await CreateContentReadStreamAsync(cancellationToken);
            await body.CopyToAsync(stream, cancellationToken);
        }

        protected override async Task<Stream> CreateContentReadStreamAsync() =>
            new LimitedStream(await inner.ReadAsStreamAsync(), max, uri);

        protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
            new LimitedStream(await inner.ReadAsStreamAsync(cancellationToken), max, uri);

        protected override bool TryComputeLength(out long length)
        {
            length = inner.Headers.ContentLength ?? 0;
            return inner.Headers.ContentLength is not null;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    private sealed class LimitedStream(Stream inner, long max, Uri? uri) : Stream
    {
        private long total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => total;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private int Count(int read)
        {
            total += read;
            if (total > max)
            {
                throw TooLarge(uri, max);
            }

            return read;
        }
    }
}
