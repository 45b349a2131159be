using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace MediaSync.Catalog.Storage;

/// <summary>
/// The content hash of a row: SHA-256 over its canonical property set (names in ordinal order, each
/// with a type tag and its value), truncated to 128 bits and Base64Url-encoded. Keys and the run mark
/// are not part of it, so an unchanged row hashes the same in every run.
/// </summary>
internal static class ContentHasher
{
    private const int HashBytes = 16;

    public static string Hash(CatalogRow row)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> scratch = stackalloc byte[9];
        foreach (var (name, value) in row.Properties)
        {
            AppendString(hash, name);
            switch (value)
            {
                case string s:
                    scratch[0] = 1;
                    hash.AppendData(scratch[..1]);
                    AppendString(hash, s);
                    break;
                case long l:
                    scratch[0] = 2;
                    BinaryPrimitives.WriteInt64LittleEndian(scratch[1..], l);
                    hash.AppendData(scratch);
                    break;
                case double d:
                    scratch[0] = 3;
                    BinaryPrimitives.WriteDoubleLittleEndian(scratch[1..], d);
                    hash.AppendData(scratch);
                    break;
                case bool b:
                    scratch[0] = 4;
                    scratch[1] = b ? (byte)1 : (byte)0;
                    hash.AppendData(scratch[..2]);
                    break;
                case DateTimeOffset t:
                    scratch[0] = 5;
                    BinaryPrimitives.WriteInt64LittleEndian(scratch[1..], t.UtcTicks);
                    hash.AppendData(scratch);
                    break;
                case byte[] bytes:
                    scratch[0] = 6;
                    BinaryPrimitives.WriteInt32LittleEndian(scratch[1..], bytes.Length);
                    hash.AppendData(scratch[..5]);
                    hash.AppendData(bytes);
                    break;
                default:
                    throw new InvalidOperationException($"Unsupported property type {value.GetType()} for '{name}'.");
            }
        }

        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return Base64Url.EncodeToString(digest[..HashBytes]);
    }

    private static void AppendString(IncrementalHash hash, string value)
    {
        // Length-prefixed so that ("ab","c") and ("a","bc") never hash alike.
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, value.Length);
        hash.AppendData(length);
        int max = Encoding.UTF8.GetMaxByteCount(value.Length);
        byte[] rented = ArrayPool<byte>.Shared.Rent(max);
        try
        {
            int written = Encoding.UTF8.GetBytes(value, rented);
            hash.AppendData(rented, 0, written);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
