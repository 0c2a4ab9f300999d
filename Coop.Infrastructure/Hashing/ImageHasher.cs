using System.Security.Cryptography;
using Coop.Domain.Hashing;
using SkiaSharp;

namespace Coop.Infrastructure.Hashing;

/// <summary>An image Coop will not hash (unreadable, too large, too small), with a message for the trace.</summary>
public sealed class ImageRejectedException(string message) : Exception(message);

/// <summary>
/// Decodes images with SkiaSharp and hashes them (MD5, SHA-256 of the bytes; PDQ of the pixels). Guards against
/// decompression bombs: the byte size is capped by the caller, and the pixel count is read from the header and
/// refused above <see cref="MaxPixels"/> before anything is decoded. Large JPEGs are decoded at a reduced scale
/// and every image is scaled to at most 512 pixels on a side before PDQ, as Meta's reference Python hasher does.
/// </summary>
public static class ImageHasher
{
    /// <summary>The most pixels a header may announce (100 megapixels).</summary>
    public const long MaxPixels = 100_000_000;

    private const int PdqSide = 512;

    public static ImageHashes Hash(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
#pragma warning disable CA5351 // MD5 is a bank's matching key (HMA, NCMEC lists), not a security measure.
        var md5 = Convert.ToHexStringLower(MD5.HashData(bytes));
#pragma warning restore CA5351
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var pdq = Pdq(bytes);
        return new ImageHashes(md5, sha256, pdq.Hash, pdq.Quality);
    }

    public static PdqResult Pdq(byte[] bytes)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw new ImageRejectedException("The file is not an image Coop can read (JPEG, PNG, GIF, WebP, BMP…).");
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
        {
            throw new ImageRejectedException("The image has no pixels.");
        }

        if ((long)info.Width * info.Height > MaxPixels)
        {
            throw new ImageRejectedException($"The image is {info.Width}×{info.Height} pixels, more than Coop decodes ({MaxPixels / 1_000_000} megapixels).");
        }

        // Let the codec shrink on decode (JPEG can decode at 1/2, 1/4, 1/8) while staying at least PDQ's working size.
        var scale = Math.Min(1f, (float)PdqSide / Math.Min(info.Width, info.Height));
        var size = codec.GetScaledDimensions(scale);
        if (Math.Min(size.Width, size.Height) < Math.Min(PdqSide, Math.Min(info.Width, info.Height)))
        {
            size = info.Size;
        }

        var decodeInfo = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var decoded = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, decoded.GetPixels());
        if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
        {
            throw new ImageRejectedException($"The image could not be decoded ({result}).");
        }

        var bitmap = decoded;
        SKBitmap? resized = null;
        try
        {
            var longest = Math.Max(size.Width, size.Height);
            if (longest > PdqSide)
            {
                var factor = (double)PdqSide / longest;
                var target = new SKImageInfo(
                    Math.Max(1, (int)Math.Round(size.Width * factor)), Math.Max(1, (int)Math.Round(size.Height * factor)), SKColorType.Rgba8888, SKAlphaType.Unpremul);
                resized = decoded.Resize(target, new SKSamplingOptions(SKCubicResampler.Mitchell))
                    ?? throw new ImageRejectedException("The image could not be scaled.");
                bitmap = resized;
            }

            if (bitmap.Width < PdqHasher.MinimumDimension || bitmap.Height < PdqHasher.MinimumDimension)
            {
                throw new ImageRejectedException($"The image is {bitmap.Width}×{bitmap.Height} pixels; PDQ needs at least {PdqHasher.MinimumDimension}×{PdqHasher.MinimumDimension}.");
            }

            return PdqHasher.FromRgba(bitmap.GetPixelSpan(), bitmap.Width, bitmap.Height);
        }
        finally
        {
            resized?.Dispose();
        }
    }
}
