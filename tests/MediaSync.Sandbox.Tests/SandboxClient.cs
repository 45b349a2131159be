using System.Net.Http.Headers;
using System.Text.Json;

namespace MediaSync.Sandbox.Tests;

/// <summary>Plain HttpClient helpers the tests share: what a provider client would do, nothing smarter.</summary>
internal static class SandboxClient
{
    public static HttpClient Create(SandboxHost sandbox, TimeSpan? timeout = null) =>
        new() { BaseAddress = sandbox.BaseUri, Timeout = timeout ?? TimeSpan.FromSeconds(60) };

    public static string PlayerApi(SandboxHost sandbox, string? action = null, string extra = "")
    {
        var account = sandbox.Account;
        var url = $"player_api.php?username={Uri.EscapeDataString(account.Username)}&password={Uri.EscapeDataString(account.Password)}";
        return (action is null ? url : $"{url}&action={action}") + extra;
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient http, string url, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}: {body}");
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }

    public static void Jellyfin(HttpRequestMessage request, SandboxHost sandbox) =>
        request.Headers.TryAddWithoutValidation("Authorization", $"MediaBrowser Client=\"tests\", Token=\"{sandbox.Options.JellyfinApiKey}\"");

    public static void Plex(HttpRequestMessage request, SandboxHost sandbox)
    {
        request.Headers.Add("X-Plex-Token", sandbox.Options.PlexToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
    }

    public static void Tmdb(HttpRequestMessage request, SandboxHost sandbox) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", sandbox.Options.TmdbToken);

    public static string Text(this JsonElement element) =>
        element.ValueKind == JsonValueKind.Number ? element.GetRawText() : element.GetString() ?? string.Empty;

    public static int Int(this JsonElement element) => int.Parse(element.Text(), System.Globalization.CultureInfo.InvariantCulture);
}
