using MediaSync.Functions.Dashboard;
using MediaSync.Functions.Progress;

namespace MediaSync.Functions.Tests;

public sealed class ProgressReadingTests
{
    [Fact]
    public void ReadProgress_ProgressStatusWithExtraFields_KeepsOnlyTheNumbersAndPhase()
    {
        ProgressView? view = DashboardSummaryEndpoint.ReadProgress(
            """{"phase":"running","done":3,"total":10,"perSecond":1.5,"etaSeconds":4.7,"url":"http://h/get.php?username=u&password=secret"}""");

        Assert.Equal(new ProgressView("running", 3, 10, 1.5, 4.7), view);
    }

    [Fact]
    public void ReadProgress_SyncStatusWithItems_KeepsTheItems()
    {
        ProgressView? view = DashboardSummaryEndpoint.ReadProgress("""{"phase":"vod","done":3,"total":10,"perSecond":1.5,"etaSeconds":4.7,"items":12345}""");

        Assert.Equal(new ProgressView("vod", 3, 10, 1.5, 4.7, 12345), view);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("\"just text\"")]
    [InlineData("""{"done":3}""")]
    [InlineData("""{"done":3,"total":0}""")]
    [InlineData("""{"done":"3","total":10}""")]
    public void ReadProgress_NoUsableProgress_ReturnsNull(string? customStatus) =>
        Assert.Null(DashboardSummaryEndpoint.ReadProgress(customStatus));

    [Fact]
    public void ProgressStatusOf_HalfDoneAfterFiveSeconds_ReportsRateAndEta()
    {
        ProgressStatus status = ProgressStatus.Of("running", 10, 20, TimeSpan.FromSeconds(5));

        Assert.Equal(2, status.PerSecond);
        Assert.Equal(5, status.EtaSeconds);
    }

    [Fact]
    public void ProgressStatusOf_NothingElapsed_HasNoEta()
    {
        ProgressStatus status = ProgressStatus.Of("starting", 0, 20, TimeSpan.Zero);

        Assert.Equal(0, status.PerSecond);
        Assert.Null(status.EtaSeconds);
    }
}
