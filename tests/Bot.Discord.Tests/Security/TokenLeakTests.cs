using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Security;

public sealed class TokenLeakTests
{
    [Fact]
    public void Options_print_without_the_token()
    {
        var options = new DiscordClientOptions { Token = TestTimings.Token };

        Assert.DoesNotContain(TestTimings.Token, options.ToString());
        Assert.Contains("Token = (redacted)", options.ToString());
        Assert.Contains("Token = (not set)", new DiscordClientOptions().ToString());
    }

    [Theory]
    [InlineData("Bot " + TestTimings.Token)]
    [InlineData(TestTimings.Token + " ")]
    public void Option_validation_explains_without_repeating_the_token(string token)
    {
        var options = new DiscordClientOptions { Token = token };

        var problem = options.Validate();
        var error = Assert.Throws<ArgumentException>(() => new RestClient(options));

        Assert.NotNull(problem);
        Assert.DoesNotContain(TestTimings.Token, problem);
        Assert.DoesNotContain(TestTimings.Token, error.ToString());
    }

    [Fact]
    public void A_missing_token_says_how_to_set_it()
    {
        var problem = new DiscordClientOptions().Validate();

        Assert.Contains("DISCORD_TOKEN", problem);
        Assert.Contains("Discord:Token", problem);
    }

    [Fact]
    public async Task Neither_the_bot_token_nor_interaction_tokens_reach_logs_or_exceptions_through_failures()
    {
        var errors = new List<Exception>();
        var interactionTokens = new List<string>();
        var harness = await GatewayHarness.StartReadyAsync();
        await using (harness)
        {
            var fake = harness.Server;
            var rest = harness.Rest;
            await (await fake.Gateway.WaitForConnectionNumberAsync(1)).SendReconnectAsync();
            await harness.WaitForEventAsync<ResumedEvent>();

            var interaction = FakePayloads.SlashCommand("ask", 42, 900000000000000010);
            interactionTokens.Add(interaction["token"]!.GetValue<string>());
            await fake.Gateway.SendInteractionCreateAsync(interaction);
            fake.Rest.Enqueue("POST /interactions/{id}/{token}/callback", FakeResponse.RateLimited(0.05));
            await rest.CreateInteractionResponseAsync(ulong.Parse(interaction["id"]!.GetValue<string>()), interactionTokens[0], InteractionResponse.Defer());
            fake.Rest.Enqueue("PATCH /webhooks/{app}/{token}/messages/@original", FakeResponse.ServerError(503), times: 10);
            errors.Add(await Assert.ThrowsAnyAsync<DiscordException>(() =>
                rest.EditOriginalResponseAsync(fake.Options.ApplicationId, interactionTokens[0], new WebhookMessageRequest { Content = "x" })));
            fake.Rest.Enqueue("POST /webhooks/{app}/{token}", FakeResponse.Error(400, 50035, "Invalid Form Body"));
            errors.Add(await Assert.ThrowsAnyAsync<DiscordException>(() =>
                rest.CreateFollowupMessageAsync(fake.Options.ApplicationId, interactionTokens[0], new WebhookMessageRequest { Content = "x" })));
            fake.Rest.Enqueue("POST /channels/{c}/messages", FakeResponse.LostResponse());
            await rest.CreateMessageAsync(42, new CreateMessageRequest { Content = "x" });
            fake.Rest.Enqueue("PUT /channels/{c}/messages/pins/{m}", FakeResponse.Error(403, 50013, "Missing Permissions"));
            errors.Add(await Assert.ThrowsAnyAsync<DiscordException>(() => rest.PinMessageAsync(42, 1)));
            fake.Rest.Enqueue("GET /users/@me", FakeResponse.Error(401, 0, "401: Unauthorized"));
            errors.Add(await Assert.ThrowsAnyAsync<DiscordException>(() => rest.GetCurrentUserAsync()));
            errors.Add(await Assert.ThrowsAnyAsync<DiscordException>(() => rest.GetCurrentApplicationAsync()));

            await (await fake.Gateway.WaitForConnectionNumberAsync(2)).CloseAsync(4004);
            errors.Add(await Assert.ThrowsAsync<GatewayFatalException>(() => harness.Run.WaitAsync(TimeSpan.FromSeconds(10))));
        }

        var secrets = interactionTokens.Append(TestTimings.Token).ToArray();
        Assert.NotEmpty(harness.Log.Lines);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(harness.Log.Lines, line => line.Contains(secret));
            Assert.DoesNotContain(errors, error => error.ToString().Contains(secret, StringComparison.Ordinal));
        }
    }
}
