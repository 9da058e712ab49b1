using System.Buffers.Binary;
using System.IO.Compression;

namespace TiLianBang.Core.Demo;

/// <summary>
/// Pictures for the demo's 首页轮播, drawn in code (a diagonal gradient with soft bands in the given colours) so
/// that the demo ships no binary files: an uncompressed-looking PNG is a few kilobytes once deflated.
/// </summary>
public static class DemoPictures
{
    public const int Width = 750;
    public const int Height = 300;

    public static byte[] BannerPng(uint fromRgb, uint toRgb)
    {
        var raw = new byte[Height * (1 + Width * 3)];
        var i = 0;
        for (var y = 0; y < Height; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < Width; x++)
            {
                var t = (x / (double)Width * 0.7) + (y / (double)Height * 0.3);
                // Wide soft bands suggest a lit elevator hall rather than a flat fill.
                var band = 0.06 * Math.Sin((x + (2 * y)) / 60.0);
                raw[i++] = Mix(fromRgb >> 16, toRgb >> 16, t, band);
                raw[i++] = Mix(fromRgb >> 8, toRgb >> 8, t, band);
                raw[i++] = Mix(fromRgb, toRgb, t, band);
            }
        }
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR"u8, header);
        using (var deflated = new MemoryStream())
        {
            using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }
            Chunk(png, "IDAT"u8, deflated.ToArray());
        }
        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static byte Mix(uint from, uint to, double t, double band)
    {
        var value = ((from & 0xFF) * (1 - t)) + ((to & 0xFF) * t);
        return (byte)Math.Clamp(value * (1 + band), 0, 255);
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        png.Write(number);
    }

    private static uint Crc32(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }
        return crc;
    }
}
