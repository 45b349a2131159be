namespace MediaSync.TestSupport;

/// <summary>
/// Class fixture handing out the shared Azurite's connection string. Use fresh resource names per
/// test (<see cref="UniqueNames"/>) so tests never see each other's data.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    public string ConnectionString => Server.ConnectionString;

    public AzuriteServer Server => server ?? throw new InvalidOperationException("The fixture has not been initialized.");

    public async Task InitializeAsync() => server = await AzuriteServer.GetSharedAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
