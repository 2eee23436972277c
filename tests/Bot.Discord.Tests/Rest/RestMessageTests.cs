using System.Text.Json;
using System.Text.RegularExpressions;
using Bot.Discord.Gateway;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Discord.Rest;
using Bot.Discord.Tests.Infrastructure;
using FakeDiscord;

namespace Bot.Discord.Tests.Rest;

public sealed class RestMessageTests
{
    private const ulong Channel = 42;
    private const ulong Guild = 900000000000000010;

    [Fact]
    public async Task Every_kind_of_outgoing_message_carries_allowed_mentions_with_no_parse_types()
    {
        await using var harness = await GatewayHarness.StartReadyAsync();
        var fake = harness.FakeGateway;
        var rest = harness.Rest;
        var question = FakePayloads.Message(Channel, "@everyone 问题", Guild);
        await fake.SendMessageCreateAsync(question);
        var asked = (await harness.WaitForEventAsync<MessageCreateEvent>()).Message;

        var reply = await rest.CreateMessageAsync(Channel, new CreateMessageRequest
        {
            Content = "@everyone <@1> <@&2> 回答",
            MessageReference = MessageReference.ReplyTo(asked),
            Embeds = [new Embed { Title = "t", Description = "d", Fields = [new EmbedField { Name = "n", Value = "v" }] }],
            Components = [MessageComponent.ActionRow(MessageComponent.Button(ButtonStyle.Secondary, "更多结果", "more:1", PartialEmoji.Unicode("🔎")))],
        });
        await rest.EditMessageAsync(Channel, reply.Id, new EditMessageRequest { Content = "@here edited" });

        var slash = FakePayloads.SlashCommand("ask", Channel, Guild, [FakePayloads.Option("question", 3, "q")]);
        await fake.SendInteractionCreateAsync(slash);
        await rest.CreateInteractionResponseAsync(Id(slash), Token(slash), InteractionResponse.Message("@everyone answer", ephemeral: true));

        var deferred = FakePayloads.SlashCommand("search", Channel, Guild);
        await fake.SendInteractionCreateAsync(deferred);
        await rest.CreateInteractionResponseAsync(Id(deferred), Token(deferred), InteractionResponse.Defer());
        await rest.EditOriginalResponseAsync(harness.Server.Options.ApplicationId, Token(deferred), new WebhookMessageRequest { Content = "@everyone late answer" });
        await rest.CreateFollowupMessageAsync(harness.Server.Options.ApplicationId, Token(deferred), new WebhookMessageRequest { Content = "@everyone more" });

        var click = FakePayloads.ButtonClick("more:1", harness.Server.State.GetMessage(reply.Id)!, Guild);
        await fake.SendInteractionCreateAsync(click);
        await rest.CreateInteractionResponseAsync(Id(click), Token(click), InteractionResponse.UpdateMessage("@everyone page 2"));

        var messages = harness.Server.Rest.Requests.Where(r => r.Method is "POST" or "PATCH")
            .Select(r => r.Body!.Value.TryGetProperty("data", out var data) ? data : r.Body!.Value)
            .Where(body => body.TryGetProperty("content", out _))
            .ToArray();
        Assert.Equal(6, messages.Length); // create, edit, callback 4, edit original, follow-up, callback 7; the bare defer carries no message
        Assert.All(messages, body => Assert.Equal("""{"parse":[]}""", body.GetProperty("allowed_mentions").GetRawText()));
        Assert.Equal(19, harness.Server.State.GetMessage(reply.Id)!["type"]!.GetValue<int>());
        Assert.Equal("@everyone page 2", harness.Server.State.GetMessage(reply.Id)!["content"]!.GetValue<string>());
        Assert.Equal("@everyone late answer", harness.Server.State.OriginalResponse(Id(deferred))!["content"]!.GetValue<string>());
        Assert.Single(harness.Server.State.Followups(Id(deferred)));
        Assert.Equal(64, harness.Server.State.InteractionResponses(Id(slash))[0]["data"]!["flags"]!.GetValue<int>());
    }

    [Fact]
    public async Task An_explicit_allowed_mentions_is_sent_as_given()
    {
        await using var harness = await RestHarness.StartAsync();

        await harness.Rest.CreateMessageAsync(1, new CreateMessageRequest
        {
            Content = "<@123>", AllowedMentions = new AllowedMentions { Users = [123], RepliedUser = false },
        });

        var allowed = harness.Requests("POST /channels/1/messages").Single().Body!.Value.GetProperty("allowed_mentions");
        Assert.Equal("""{"users":["123"],"replied_user":false}""", allowed.GetRawText());
    }

    [Fact]
    public async Task Requests_carry_the_bot_authorization_a_discordbot_user_agent_and_json()
    {
        await using var harness = await RestHarness.StartAsync();

        await harness.Rest.CreateMessageAsync(1, new CreateMessageRequest { Content = "x" });

        var request = harness.Requests("POST /channels/1/messages").Single();
        Assert.Equal("Bot " + TestTimings.Token, request.Header("Authorization"));
        Assert.Matches(new Regex(@"^DiscordBot \(https?://[^ ,]+, \d+\.\d+\)$"), request.Header("User-Agent")!);
        Assert.StartsWith("application/json", request.Header("Content-Type"));
    }

    [Fact]
    public async Task Pins_can_be_added_listed_and_removed()
    {
        await using var harness = await RestHarness.StartAsync();
        var message = await harness.Rest.CreateMessageAsync(30, new CreateMessageRequest { Content = "pin me" });

        await harness.Rest.PinMessageAsync(30, message.Id);
        var pins = await harness.Rest.GetChannelPinsAsync(30, limit: 10);
        await harness.Rest.UnpinMessageAsync(30, message.Id);

        var pin = Assert.Single(pins.Items);
        Assert.Equal(message.Id, pin.Message!.Id);
        Assert.True(pin.PinnedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.Empty(harness.Server.State.PinnedMessageIds(30));
        Assert.Equal("/channels/30/messages/pins/" + message.Id, harness.Requests("PUT /channels/{c}/messages/pins/{m}").Single().Path);
        Assert.Equal("?limit=10", harness.Requests("GET /channels/{c}/messages/pins").Single().Query);
    }

    [Fact]
    public async Task Current_user_application_and_gateway_info_are_read()
    {
        await using var harness = await RestHarness.StartAsync();

        var user = await harness.Rest.GetCurrentUserAsync();
        var application = await harness.Rest.GetCurrentApplicationAsync();
        var gateway = await harness.Rest.GetGatewayBotAsync();

        Assert.True(user.Bot);
        Assert.Equal(harness.Server.Options.BotUserId, user.Id);
        Assert.Equal(harness.Server.Options.ApplicationId, application.Id);
        Assert.Equal(harness.Server.Gateway.Url, gateway.Url);
        Assert.Equal(1000, gateway.SessionStartLimit.Remaining);
    }

    [Fact]
    public async Task Commands_are_overwritten_only_when_the_definitions_changed()
    {
        await using var harness = await RestHarness.StartAsync();
        var appId = harness.Server.Options.ApplicationId;
        IReadOnlyList<ApplicationCommand> commands =
        [
            new()
            {
                Name = "ask",
                Description = "Ask the transcripts",
                NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "提问" },
                Options =
                [
                    new() { Type = ApplicationCommandOptionType.String, Name = "question", Description = "Your question", Required = true, MaxLength = 500 },
                    new() { Type = ApplicationCommandOptionType.String, Name = "source", Description = "Limit to one source", Autocomplete = true },
                ],
                Contexts = [InteractionContextType.Guild],
            },
            new() { Type = ApplicationCommandType.Message, Name = "用机器人回答" },
            new() { Name = "pins", Description = "Pinned answers", DefaultMemberPermissions = Permissions.PinMessages },
        ];

        Assert.True(await ApplicationCommandSync.SyncAsync(harness.Rest, appId, null, commands));
        Assert.False(await ApplicationCommandSync.SyncAsync(harness.Rest, appId, null, commands));
        var changed = commands.Select(c => c.Name == "pins" ? c with { Description = "Pinned answers in this server" } : c).ToArray();
        Assert.True(await ApplicationCommandSync.SyncAsync(harness.Rest, appId, null, changed));
        Assert.True(await ApplicationCommandSync.SyncAsync(harness.Rest, appId, Guild, changed));
        Assert.False(await ApplicationCommandSync.SyncAsync(harness.Rest, appId, Guild, changed));

        Assert.Equal(2, harness.Requests("PUT /applications/{app}/commands").Count);
        Assert.Single(harness.Requests("PUT /applications/{app}/guilds/{guild}/commands"));
        Assert.All(harness.Requests("GET /applications/{app}/commands"), r => Assert.Equal("?with_localizations=true", r.Query));
        Assert.Equal(6, harness.Server.State.CommandCreates);
        var stored = harness.Server.State.GlobalCommands();
        Assert.Equal("2251799813685248", stored[2]!["default_member_permissions"]!.GetValue<string>());
    }

    private static ulong Id(System.Text.Json.Nodes.JsonObject interaction) => ulong.Parse(interaction["id"]!.GetValue<string>());

    private static string Token(System.Text.Json.Nodes.JsonObject interaction) => interaction["token"]!.GetValue<string>();
}
