using System.Security.Cryptography;

namespace Coop.Infrastructure.ChildSafety;

/// <summary>
/// Reads a caller's stream once, forward only, hashing (MD5) and counting what passes through, so an upload is
/// streamed without buffering and its MD5 can be compared with the one NCMEC reports. Not seekable, so the HTTP
/// stack sends it chunked instead of measuring it.
/// </summary>
internal sealed class Md5CountingStream(Stream inner) : Stream
{
    private readonly IncrementalHash md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
    private string? finalMd5;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    /// <summary>Lower-case hex MD5 of everything read so far.</summary>
    /// <remarks>The HTTP stack disposes the request content (this stream) once sent; the hash is kept then.</remarks>
    public string Md5Hex() => finalMd5 ?? Convert.ToHexStringLower(md5.GetCurrentHash());

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Track(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Track(buffer.Span[..read]);
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && finalMd5 is null)
        {
            finalMd5 = Md5Hex();
            md5.Dispose();
        }

        // The caller owns the inner stream.
        base.Dispose(disposing);
    }

    private void Track(ReadOnlySpan<byte> data)
    {
        md5.AppendData(data);
        BytesRead += data.Length;
    }
}
