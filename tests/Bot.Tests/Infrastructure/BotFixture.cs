namespace Bot.Tests.Infrastructure;

/// <summary>One bot shared by the tests of a class (each test in its own channels), started once and stopped after the last.</summary>
public abstract class BotFixture : IAsyncLifetime
{
    public BotUnderTest Bot { get; private set; } = null!;

    protected abstract BotTestOptions CreateOptions();

    public async Task InitializeAsync() => Bot = await BotUnderTest.StartAsync(CreateOptions());

    public async Task DisposeAsync()
    {
        if (Bot is not null)
            await Bot.DisposeAsync();
    }
}
