using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using SkiaSharp;

namespace KerasClassifier.Keras.Tests.Testing;

/// <summary>
/// Writes small images in the formats and quirks the decoder must handle. PNG, GIF, BMP and the EXIF
/// block are assembled byte by byte, so each test controls exactly what the file contains.
/// </summary>
internal static class TestImages
{
    /// <summary>
    /// Creates an RGBA bitmap of <paramref name="width"/> x <paramref name="height"/> whose colour at
    /// (x, y) is <paramref name="colorAt"/>(x, y).
    /// </summary>
    public static SKBitmap Bitmap(int width, int height, Func<int, int, SKColor> colorAt, SKAlphaType alphaType = SKAlphaType.Premul)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, alphaType));
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                bitmap.SetPixel(x, y, colorAt(x, y));
            }
        }

        return bitmap;
    }

    /// <summary>Encodes a bitmap with SkiaSharp and writes it to <paramref name="path"/>.</summary>
    public static void Save(SKBitmap bitmap, string path, SKEncodedImageFormat format, int quality = 95)
    {
        using SKData data = bitmap.Encode(format, quality);
        File.WriteAllBytes(path, data.ToArray());
    }

    /// <summary>Writes a solid-colour JPEG.</summary>
    public static void SolidJpeg(string path, SKColor color, int width = 16, int height = 16)
    {
        using SKBitmap bitmap = Bitmap(width, height, (_, _) => color);
        Save(bitmap, path, SKEncodedImageFormat.Jpeg);
    }

    /// <summary>
    /// Inserts an EXIF APP1 segment holding only an orientation tag (0x0112) right after the JPEG's SOI marker.
    /// </summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        var exif = new MemoryStream();
        exif.Write("Exif\0\0"u8);

        // TIFF header, big-endian: "MM", 42, offset 8 to the first IFD.
        exif.Write([0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08]);

        // One IFD entry: tag 0x0112, type 3 (SHORT), count 1, value in the first two bytes of the field.
        exif.Write([0x00, 0x01]);
        exif.Write([0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01]);
        exif.Write([(byte)(orientation >> 8), (byte)orientation, 0x00, 0x00]);
        exif.Write([0x00, 0x00, 0x00, 0x00]);

        byte[] payload = exif.ToArray();
        var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        output.Write([0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)]);
        output.Write(payload);
        output.Write(jpeg, 2, jpeg.Length - 2);

        return output.ToArray();
    }

    /// <summary>
    /// Overwrites the height and width in a JPEG's first SOF0 or SOF2 header, leaving the pixel data
    /// for the original size.
    /// </summary>
    public static byte[] WithJpegDimensions(byte[] jpeg, ushort width, ushort height)
    {
        byte[] patched = (byte[])jpeg.Clone();
        for (int i = 2; i < patched.Length - 8; i++)
        {
            if (patched[i] == 0xFF && patched[i + 1] is 0xC0 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(patched.AsSpan(i + 5), height);
                BinaryPrimitives.WriteUInt16BigEndian(patched.AsSpan(i + 7), width);

                return patched;
            }
        }

        throw new InvalidOperationException("No SOF0 or SOF2 marker in the JPEG.");
    }

    /// <summary>
    /// Builds a PNG from raw scanlines (without filter bytes; filter 0 is added to each row).
    /// </summary>
    public static byte[] Png(int width, int height, byte bitDepth, byte colorType, byte[] rows, byte[]? palette = null)
    {
        int rowLength = rows.Length / height;
        var filtered = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            filtered.WriteByte(0);
            filtered.Write(rows, y * rowLength, rowLength);
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(filtered.ToArray());
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colorType;

        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        if (palette is not null)
        {
            WriteChunk(png, "PLTE", palette);
        }

        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);

        return png.ToArray();
    }

    /// <summary>
    /// Builds a GIF with a global palette of up to 256 colours and one image per entry of
    /// <paramref name="frames"/>. The LZW stream sends every pixel as a literal 9-bit code and resets
    /// the table often enough that the code width never grows.
    /// </summary>
    public static byte[] Gif(int width, int height, byte[] palette, params byte[][] frames)
    {
        var gif = new MemoryStream();
        gif.Write(Encoding.ASCII.GetBytes("GIF89a"));
        gif.Write([(byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8)]);

        // Global colour table flag, 8 bits per colour, 256 entries.
        gif.Write([0xF7, 0x00, 0x00]);
        var table = new byte[768];
        palette.CopyTo(table, 0);
        gif.Write(table);

        foreach (byte[] indices in frames)
        {
            // Image descriptor at (0, 0), no local table, not interlaced.
            gif.Write([0x2C, 0, 0, 0, 0, (byte)width, (byte)(width >> 8), (byte)height, (byte)(height >> 8), 0x00]);
            gif.WriteByte(8);

            var codes = new List<int> { 256 };
            for (int i = 0; i < indices.Length; i++)
            {
                if (i > 0 && i % 200 == 0)
                {
                    codes.Add(256);
                }

                codes.Add(indices[i]);
            }

            codes.Add(257);
            byte[] packed = PackCodes(codes, 9);
            for (int offset = 0; offset < packed.Length; offset += 255)
            {
                int length = Math.Min(255, packed.Length - offset);
                gif.WriteByte((byte)length);
                gif.Write(packed, offset, length);
            }

            gif.WriteByte(0x00);
        }

        gif.WriteByte(0x3B);

        return gif.ToArray();
    }

    /// <summary>
    /// Builds an uncompressed 24-bit bottom-up BMP.
    /// </summary>
    public static byte[] Bmp(int width, int height, Func<int, int, SKColor> colorAt)
    {
        int rowLength = ((width * 3) + 3) & ~3;
        int pixelBytes = rowLength * height;
        var bmp = new byte[54 + pixelBytes];
        bmp[0] = (byte)'B';
        bmp[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), pixelBytes);

        for (int y = 0; y < height; y++)
        {
            int row = 54 + ((height - 1 - y) * rowLength);
            for (int x = 0; x < width; x++)
            {
                SKColor color = colorAt(x, y);
                bmp[row + (3 * x)] = color.Blue;
                bmp[row + (3 * x) + 1] = color.Green;
                bmp[row + (3 * x) + 2] = color.Red;
            }
        }

        return bmp;
    }

    private static byte[] PackCodes(List<int> codes, int width)
    {
        var output = new List<byte>();
        int buffer = 0;
        int bits = 0;
        foreach (int code in codes)
        {
            buffer |= code << bits;
            bits += width;
            while (bits >= 8)
            {
                output.Add((byte)buffer);
                buffer >>= 8;
                bits -= 8;
            }
        }

        if (bits > 0)
        {
            output.Add((byte)buffer);
        }

        return output.ToArray();
    }

    private static void WriteChunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);

        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typeAndData);

        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        png.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte value in data)
        {
            crc ^= value;
            for (int bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
            }
        }

        return ~crc;
    }
}
