using System.Buffers.Binary;
using System.IO.Compression;

namespace Samples.Tests.Browser;

/// <summary>
/// Just enough of a PNG reader to check a browser screenshot: its size and
/// whether anything was drawn on it (8-bit, non-interlaced images, which is
/// what Chromium writes).
/// </summary>
public sealed class PngImage
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly byte[] _pixels;
    private readonly int _bytesPerPixel;

    private PngImage(int width, int height, int bytesPerPixel, byte[] pixels)
    {
        Width = width;
        Height = height;
        _bytesPerPixel = bytesPerPixel;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>How many different pixel values the image holds, counting up to <paramref name="atMost"/>.</summary>
    public int DistinctColours(int atMost = 16)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var offset = 0; offset < _pixels.Length && seen.Count < atMost; offset += _bytesPerPixel)
        {
            seen.Add(Convert.ToHexString(_pixels, offset, _bytesPerPixel));
        }

        return seen.Count;
    }

    public static PngImage Read(byte[] file)
    {
        if (file.Length < Signature.Length || !file.AsSpan(0, Signature.Length).SequenceEqual(Signature))
        {
            throw new InvalidDataException("not a PNG file");
        }

        int width = 0, height = 0, bytesPerPixel = 0;
        using var compressed = new MemoryStream();
        for (var position = Signature.Length; position + 8 <= file.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(position));
            var type = System.Text.Encoding.ASCII.GetString(file, position + 4, 4);
            var data = file.AsSpan(position + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                bytesPerPixel = ReadBytesPerPixel(bitDepth: data[8], colourType: data[9], interlace: data[12]);
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            position += 12 + length;
        }

        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, bytesPerPixel, Unfilter(raw.ToArray(), width, height, bytesPerPixel));
    }

    private static int ReadBytesPerPixel(byte bitDepth, byte colourType, byte interlace)
    {
        if (bitDepth != 8 || interlace != 0)
        {
            throw new InvalidDataException($"unsupported PNG: bit depth {bitDepth}, interlace {interlace}");
        }

        return colourType switch
        {
            0 => 1,
            2 => 3,
            4 => 2,
            6 => 4,
            _ => throw new InvalidDataException($"unsupported PNG colour type {colourType}"),
        };
    }

    // Each row starts with a filter byte; undo it (PNG specification, section 9).
    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        var stride = width * bpp;
        var pixels = new byte[stride * height];
        for (var row = 0; row < height; row++)
        {
            var filter = raw[row * (stride + 1)];
            var source = raw.AsSpan((row * (stride + 1)) + 1, stride);
            var target = pixels.AsSpan(row * stride, stride);
            var above = row > 0 ? pixels.AsSpan((row - 1) * stride, stride) : new byte[stride];
            for (var i = 0; i < stride; i++)
            {
                var left = i >= bpp ? target[i - bpp] : 0;
                var up = above[i];
                var upLeft = i >= bpp ? above[i - bpp] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"unknown PNG filter {filter}"),
                };
                target[i] = (byte)(source[i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        var estimate = left + up - upLeft;
        var toLeft = Math.Abs(estimate - left);
        var toUp = Math.Abs(estimate - up);
        var toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
