namespace Bot.Tests.Infrastructure;

/// <summary>
/// One bot shared by the tests of a class (each test in its own channels), started once and stopped after the last. xunit
/// makes one per test class, so classes content with the default options share this type and still get a bot each.
/// </summary>
public class BotFixture : IAsyncLifetime
{
    public BotUnderTest Bot { get; private set; } = null!;

    protected virtual BotTestOptions CreateOptions() => new();

    public async Task InitializeAsync() => Bot = await BotUnderTest.StartAsync(CreateOptions());

    public async Task DisposeAsync()
    {
        if (Bot is not null)
            await Bot.DisposeAsync();
    }
}
