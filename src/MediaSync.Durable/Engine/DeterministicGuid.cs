using System.Security.Cryptography;
using System.Text;

namespace MediaSync.Durable.Engine;

/// <summary>Name-based UUID v5 (RFC 4122, SHA-1), the algorithm durabletask-dotnet uses for <c>NewGuid</c>.</summary>
internal static class DeterministicGuid
{
    // IMPORTANT: the namespace durabletask-dotnet uses, so ids match after a port.
    public static readonly Guid OrchestrationNamespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(Guid namespaceId, string name)
    {
        byte[] ns = namespaceId.ToByteArray();
        SwapByteOrder(ns);
        byte[] nameBytes = Encoding.UTF8.GetBytes(name);
        byte[] data = new byte[ns.Length + nameBytes.Length];
        ns.CopyTo(data, 0);
        nameBytes.CopyTo(data, ns.Length);

#pragma warning disable CA5350 // SHA-1 is what RFC 4122 v5 specifies; this is an identifier, not security.
        byte[] hash = SHA1.HashData(data);
#pragma warning restore CA5350
        byte[] guid = new byte[16];
        Array.Copy(hash, guid, 16);
        guid[6] = (byte)((guid[6] & 0x0F) | (5 << 4));
        guid[8] = (byte)((guid[8] & 0x3F) | 0x80);
        SwapByteOrder(guid);
        return new Guid(guid);
    }

    private static void SwapByteOrder(byte[] guid)
    {
        (guid[0], guid[3]) = (guid[3], guid[0]);
        (guid[1], guid[2]) = (guid[2], guid[1]);
        (guid[4], guid[5]) = (guid[5], guid[4]);
        (guid[6], guid[7]) = (guid[7], guid[6]);
    }
}
