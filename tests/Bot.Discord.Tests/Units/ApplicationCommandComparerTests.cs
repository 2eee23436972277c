using System.Text.Json;
using Bot.Discord.Interactions;
using Bot.Discord.Json;
using Bot.Discord.Models;

namespace Bot.Discord.Tests.Units;

public sealed class ApplicationCommandComparerTests
{
    private static readonly ApplicationCommand Ask = new()
    {
        Name = "ask",
        Description = "Ask",
        Options =
        [
            new() { Type = ApplicationCommandOptionType.String, Name = "question", Description = "Q", Required = true },
            new()
            {
                Type = ApplicationCommandOptionType.Integer, Name = "limit", Description = "How many",
                Choices = [ApplicationCommandOptionChoice.Integer("three", 3), ApplicationCommandOptionChoice.Integer("five", 5)],
            },
        ],
    };

    [Fact]
    public void What_discord_returns_for_our_definition_is_equivalent()
    {
        const string returned = """
        [{"id":"1","application_id":"2","version":"3","type":1,"name":"ask","name_localizations":null,"description":"Ask","description_localizations":null,
          "default_member_permissions":null,"dm_permission":true,"contexts":null,"integration_types":[0],"nsfw":false,
          "options":[{"type":3,"name":"question","description":"Q","required":true},
                     {"type":4,"name":"limit","description":"How many","choices":[{"name":"three","value":3.0},{"name":"five","value":5}]}]}]
        """;
        var existing = JsonSerializer.Deserialize(returned, DiscordJsonContext.Wire.IReadOnlyListApplicationCommand)!;

        Assert.True(ApplicationCommandComparer.AreEquivalent([Ask], existing));
    }

    public static TheoryData<ApplicationCommand> Changes() =>
    [
        Ask with { Description = "Ask the transcripts" },
        Ask with { Name = "question" },
        Ask with { DefaultMemberPermissions = Permissions.ManageMessages },
        Ask with { NameLocalizations = new Dictionary<string, string> { ["zh-CN"] = "提问" } },
        Ask with { Options = [Ask.Options![0] with { Required = false }, Ask.Options[1]] },
        Ask with { Options = [Ask.Options![1], Ask.Options[0]] },
        Ask with { Options = [Ask.Options![0], Ask.Options[1] with { Choices = [ApplicationCommandOptionChoice.Integer("three", 3)] }] },
        Ask with { Options = [Ask.Options![0] with { MaxLength = 100 }, Ask.Options[1]] },
        Ask with { Contexts = [InteractionContextType.Guild] },
    ];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Any_change_that_users_would_see_needs_an_overwrite(ApplicationCommand changed) =>
        Assert.False(ApplicationCommandComparer.AreEquivalent([changed], [Ask]));

    [Fact]
    public void Missing_or_extra_commands_need_an_overwrite()
    {
        var context = new ApplicationCommand { Type = ApplicationCommandType.Message, Name = "ask" };

        Assert.False(ApplicationCommandComparer.AreEquivalent([Ask, context], [Ask]));
        Assert.False(ApplicationCommandComparer.AreEquivalent([Ask], [Ask, context]));
        Assert.True(ApplicationCommandComparer.AreEquivalent([context, Ask], [Ask, context]));
    }
}
