using MediaSync.Catalog.Storage;
using MediaSync.Functions.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MediaSync.Functions.Tests.Sources;

public sealed class SourcesOptionsTests
{
    [Fact]
    public void Directory_BindsSourcesFromFlatSettings()
    {
        using ServiceProvider services = Build(new()
        {
            ["Sources:acme:Kind"] = "xtream",
            ["Sources:acme:BaseUrl"] = "http://127.0.0.1:9/",
            ["Sources:acme:Username"] = "user",
            ["Sources:acme:Password"] = "p4ss",
            ["Sources:acme:Schedule"] = "0 0 3 * * *",
            ["Sources:home:Kind"] = "Jellyfin",
            ["Sources:home:BaseUrl"] = "http://127.0.0.1:8/",
            ["Sources:home:ApiKey"] = "key",
            ["Sources:home:Libraries:0"] = "tv1",
            ["Sources:home:ScheduleMode"] = "full",
            ["Sources:off:Kind"] = "plex",
            ["Sources:off:BaseUrl"] = "http://127.0.0.1:7/",
            ["Sources:off:Token"] = "t",
            ["Sources:off:Enabled"] = "false",
        });

        var directory = services.GetRequiredService<SourceDirectory>();

        Assert.Equal(["acme", "home"], directory.All.Select(s => s.Id));
        ConfiguredSource acme = directory.Get("ACME");
        Assert.Equal(SourceKind.Xtream, acme.Kind);
        Assert.Equal("acme", acme.Id);
        Assert.Contains("p4ss", acme.Secrets);
        Assert.DoesNotContain("p4ss", acme.ToString(), StringComparison.Ordinal);
        Assert.Equal(["tv1"], directory.Get("home").Options.Libraries);
        Assert.Equal(SyncMode.Full, directory.Get("home").Options.ScheduleMode);
        Assert.False(directory.TryGet("off", out _));
        Assert.Equal("off", Assert.Throws<UnknownSourceException>(() => directory.Get("off")).SourceId);
    }

    [Fact]
    public void Validation_NamesEverySettingThatIsWrong_WithoutItsValue()
    {
        using ServiceProvider services = Build(new()
        {
            ["Sources:Bad_Id:Kind"] = "m3u",
            ["Sources:Bad_Id:PlaylistUrl"] = "http://127.0.0.1/get.php?username=u&password=s3cret",
            ["Sources:my-iptv:Kind"] = "m3u",
            ["Sources:my-iptv:PlaylistUrl"] = "http://127.0.0.1/list.m3u",
            ["Sources:x1:Kind"] = "xtream",
            ["Sources:x1:BaseUrl"] = "ftp://example/",
            ["Sources:x1:Password"] = "s3cret",
            ["Sources:p1:Kind"] = "plex",
            ["Sources:p1:BaseUrl"] = "http://127.0.0.1/",
            ["Sources:p1:MaxStreams"] = "-1",
            ["Sources:p1:DispatcharrAccountId"] = "3",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SourcesOptions>>().Value);

        string message = string.Join("\n", error.Failures);
        Assert.Contains("Sources:Bad_Id: a source id must be", message, StringComparison.Ordinal);
        Assert.Contains("Sources:my-iptv: a source id must be", message, StringComparison.Ordinal);
        Assert.Contains("Sources:x1:BaseUrl must be an absolute http(s) URL", message, StringComparison.Ordinal);
        Assert.Contains("Sources:x1:Username and Password are required", message, StringComparison.Ordinal);
        Assert.Contains("Sources:p1:Token is required", message, StringComparison.Ordinal);
        Assert.Contains("Sources:p1:MaxStreams must be 0", message, StringComparison.Ordinal);
        Assert.Contains("Sources:p1:DispatcharrAccountId must be a positive Dispatcharr M3U account id, on an xtream source", message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMediaSyncSources(configuration);
        return services.BuildServiceProvider();
    }
}
