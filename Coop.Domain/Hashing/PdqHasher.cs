namespace Coop.Domain.Hashing;

/// <summary>A PDQ hash and its quality (0–100; Meta suggests ignoring hashes of quality under 50 as too featureless).</summary>
public sealed record PdqResult(PdqHash Hash, int Quality);

/// <summary>
/// Meta's PDQ perceptual hash (ThreatExchange <c>pdq</c>, hashing document of 2019), computed from pixels:
/// RGB to luminance (Rec. 601), two X/Y passes of Jarosz box filters with a window of a 128th of each dimension,
/// decimation to 64×64, a quality metric from the gradients, a DCT keeping coefficients 1–16 in each direction,
/// and one bit per coefficient above the median. Images are expected at most 512 pixels on a side (as the
/// reference Python hasher thumbnails them); larger ones work but cost more.
/// </summary>
public static class PdqHasher
{
    /// <summary>The reference refuses images smaller than this on either side.</summary>
    public const int MinimumDimension = 5;

    private const float LumaR = 0.299f;
    private const float LumaG = 0.587f;
    private const float LumaB = 0.114f;
    private const int WindowDivisor = 128;
    private const int JaroszPasses = 2;

    private static readonly float[] Dct = BuildDct();

    /// <summary>Hashes 8-bit RGBA pixels (row-major, 4 bytes per pixel, not premultiplied; alpha is ignored as the reference does).</summary>
    public static PdqResult FromRgba(ReadOnlySpan<byte> rgba, int width, int height)
    {
        CheckSize(width, height);
        if (rgba.Length < (long)width * height * 4)
        {
            throw new ArgumentException("The pixel buffer is smaller than width × height × 4.", nameof(rgba));
        }

        var luma = new float[width * height];
        for (int i = 0, p = 0; i < luma.Length; i++, p += 4)
        {
            luma[i] = (LumaR * rgba[p]) + (LumaG * rgba[p + 1]) + (LumaB * rgba[p + 2]);
        }

        return FromLuma(luma, width, height);
    }

    /// <summary>Hashes a luminance buffer (row-major, 0–255). The buffer is used as scratch space.</summary>
    public static PdqResult FromLuma(float[] luma, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(luma);
        CheckSize(width, height);
        var scratch = new float[width * height];
        var windowAlongRows = (width + WindowDivisor - 1) / WindowDivisor;
        var windowAlongCols = (height + WindowDivisor - 1) / WindowDivisor;
        for (var pass = 0; pass < JaroszPasses; pass++)
        {
            for (var row = 0; row < height; row++)
            {
                Box1D(luma, scratch, row * width, width, 1, windowAlongRows);
            }

            for (var col = 0; col < width; col++)
            {
                Box1D(scratch, luma, col, height, width, windowAlongCols);
            }
        }

        var block = new float[64 * 64];
        for (var i = 0; i < 64; i++)
        {
            var sourceRow = (int)((i + 0.5) * height / 64);
            for (var j = 0; j < 64; j++)
            {
                var sourceCol = (int)((j + 0.5) * width / 64);
                block[(i * 64) + j] = luma[(sourceRow * width) + sourceCol];
            }
        }

        var quality = Quality(block);
        var coefficients = Dct64To16(block);
        return new PdqResult(ToBits(coefficients), quality);
    }

    private static void CheckSize(int width, int height)
    {
        if (width < MinimumDimension || height < MinimumDimension)
        {
            throw new ArgumentException($"PDQ needs an image at least {MinimumDimension}×{MinimumDimension} pixels; this one is {width}×{height}.");
        }
    }

    /// <summary>A 1-D box filter of <paramref name="window"/> samples centred on each output, shrinking at the edges.</summary>
    private static void Box1D(float[] input, float[] output, int start, int length, int stride, int window)
    {
        var half = (window + 2) / 2;
        var phase1 = half - 1;
        var phase2 = window - half + 1;
        var phase3 = length - window;
        var phase4 = half - 1;
        int li = start, ri = start, oi = start, count = 0;
        var sum = 0f;
        for (var i = 0; i < phase1; i++, ri += stride)
        {
            sum += input[ri];
            count++;
        }

        for (var i = 0; i < phase2; i++, ri += stride, oi += stride)
        {
            sum += input[ri];
            count++;
            output[oi] = sum / count;
        }

        for (var i = 0; i < phase3; i++, li += stride, ri += stride, oi += stride)
        {
            sum += input[ri];
            sum -= input[li];
            output[oi] = sum / count;
        }

        for (var i = 0; i < phase4; i++, li += stride, oi += stride)
        {
            sum -= input[li];
            count--;
            output[oi] = sum / count;
        }
    }

    private static int Quality(float[] block)
    {
        var gradientSum = 0;
        for (var i = 0; i < 63; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                gradientSum += Math.Abs((int)((block[(i * 64) + j] - block[((i + 1) * 64) + j]) * 100 / 255));
            }
        }

        for (var i = 0; i < 64; i++)
        {
            for (var j = 0; j < 63; j++)
            {
                gradientSum += Math.Abs((int)((block[(i * 64) + j] - block[(i * 64) + j + 1]) * 100 / 255));
            }
        }

        return Math.Min(100, gradientSum / 90);
    }

    private static float[] BuildDct()
    {
        var scale = Math.Sqrt(2.0 / 64.0);
        var d = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                d[(i * 64) + j] = (float)(scale * Math.Cos(Math.PI / 2 / 64.0 * (i + 1) * ((2 * j) + 1)));
            }
        }

        return d;
    }

    /// <summary>B = D A Dᵀ, keeping only the 16×16 low-frequency coefficients after the DC term.</summary>
    private static float[] Dct64To16(float[] a)
    {
        var t = new float[16 * 64];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 64; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += Dct[(i * 64) + k] * a[(k * 64) + j];
                }

                t[(i * 64) + j] = sum;
            }
        }

        var b = new float[16 * 16];
        for (var i = 0; i < 16; i++)
        {
            for (var j = 0; j < 16; j++)
            {
                var sum = 0f;
                for (var k = 0; k < 64; k++)
                {
                    sum += t[(i * 64) + k] * Dct[(j * 64) + k];
                }

                b[(i * 16) + j] = sum;
            }
        }

        return b;
    }

    private static PdqHash ToBits(float[] coefficients)
    {
        // The reference's Torben median of 256 values is the lower median: the 128th smallest.
        var sorted = (float[])coefficients.Clone();
        Array.Sort(sorted);
        var median = sorted[127];
        var hash = default(PdqHash);
        for (var k = 0; k < 256; k++)
        {
            if (coefficients[k] > median)
            {
                hash = hash.WithBit(k);
            }
        }

        return hash;
    }
}
