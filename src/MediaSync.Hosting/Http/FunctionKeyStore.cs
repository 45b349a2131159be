using System.Security.Cryptography;
using System.Text;
using MediaSync.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace MediaSync.Hosting.Http;

/// <summary>
/// The keys from configuration (names in <see cref="FunctionsHostSettings"/>), held as SHA-256 digests and
/// compared with <see cref="CryptographicOperations.FixedTimeEquals"/> against every candidate key, so neither the
/// key length nor which key matched shows in the timing.
/// </summary>
internal sealed class FunctionKeyStore
{
    /// <summary>Shorter keys are refused at start-up: they could be guessed.</summary>
    public const int MinimumKeyLength = 16;

    private readonly byte[]? master;
    private readonly byte[][] hostKeys;
    private readonly byte[][] systemKeys;
    private readonly Dictionary<string, byte[][]> functionKeys;

    public FunctionKeyStore(IConfiguration configuration, IEnumerable<string> functionNames)
    {
        string? masterKey = configuration[FunctionsHostSettings.MasterKey];
        master = string.IsNullOrEmpty(masterKey) ? null : Digest(masterKey);
        hostKeys = Digests(configuration.GetSection(FunctionsHostSettings.HostKeys));
        systemKeys = Digests(configuration.GetSection(FunctionsHostSettings.SystemKeys));
        functionKeys = functionNames.ToDictionary(
            n => n,
            n => Digests(configuration.GetSection(FunctionsHostSettings.FunctionKeys(n))),
            StringComparer.OrdinalIgnoreCase);
    }

    public bool HasMasterKey => master is not null;

    /// <summary>Lists the key settings that are set but too short (by name, never by value).</summary>
    public static IEnumerable<string> ShortKeySettings(IConfiguration configuration, IEnumerable<string> functionNames)
    {
        var settings = new List<KeyValuePair<string, string?>> { new(FunctionsHostSettings.MasterKey, configuration[FunctionsHostSettings.MasterKey]) };
        settings.AddRange(Flat(configuration.GetSection(FunctionsHostSettings.HostKeys)));
        settings.AddRange(Flat(configuration.GetSection(FunctionsHostSettings.SystemKeys)));
        foreach (string name in functionNames)
        {
            settings.AddRange(Flat(configuration.GetSection(FunctionsHostSettings.FunctionKeys(name))));
        }

        return settings.Where(s => s.Value is { Length: > 0 and < MinimumKeyLength }).Select(s => s.Key);
    }

    public bool Authorizes(AuthLevel level, string functionName, string? candidate)
    {
        if (level == AuthLevel.Anonymous)
        {
            return true;
        }

        if (string.IsNullOrEmpty(candidate))
        {
            return false;
        }

        byte[] digest = Digest(candidate);
        bool ok = Matches(master, digest);
        switch (level)
        {
            case AuthLevel.Function:
                ok |= MatchesAny(hostKeys, digest);
                ok |= functionKeys.TryGetValue(functionName, out byte[][]? own) && MatchesAny(own, digest);
                break;
            case AuthLevel.System:
                ok |= MatchesAny(systemKeys, digest);
                break;
        }

        return ok;
    }

    private static bool MatchesAny(byte[][] keys, byte[] digest)
    {
        bool any = false;
        foreach (byte[] key in keys)
        {
            // No early exit: every key is compared.
            any |= CryptographicOperations.FixedTimeEquals(key, digest);
        }

        return any;
    }

    private static bool Matches(byte[]? key, byte[] digest) => key is not null && CryptographicOperations.FixedTimeEquals(key, digest);

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static byte[][] Digests(IConfigurationSection section) =>
        Flat(section).Where(k => !string.IsNullOrEmpty(k.Value)).Select(k => Digest(k.Value!)).ToArray();

    private static IEnumerable<KeyValuePair<string, string?>> Flat(IConfigurationSection section) =>
        section.GetChildren().Select(c => new KeyValuePair<string, string?>(c.Path, c.Value));
}
