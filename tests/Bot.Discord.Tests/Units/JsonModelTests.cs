using System.Text.Json;
using Bot.Discord.Interactions;
using Bot.Discord.Json;
using Bot.Discord.Models;
using Bot.Discord.Rest;

namespace Bot.Discord.Tests.Units;

public sealed class JsonModelTests
{
    [Theory]
    [InlineData("\"175928847299117063\"", 175928847299117063UL)]
    [InlineData("175928847299117063", 175928847299117063UL)]
    [InlineData("\"18446744073709551615\"", ulong.MaxValue)]
    public void Snowflakes_are_read_from_strings_and_numbers(string json, ulong expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize($$"""{"id":{{json}},"username":"u"}""", DiscordJsonContext.Wire.User)!.Id);

    [Theory]
    [InlineData("\"12a\"")]
    [InlineData("\"-1\"")]
    [InlineData("true")]
    public void Malformed_snowflakes_are_rejected(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize($$"""{"id":{{json}}}""", DiscordJsonContext.Wire.User));

    [Fact]
    public void Snowflakes_are_written_as_strings_including_nullable_ones_and_lists()
    {
        var json = JsonSerializer.Serialize(
            new CreateMessageRequest
            {
                MessageReference = new MessageReference { MessageId = 175928847299117063, ChannelId = 1 },
                AllowedMentions = new AllowedMentions { Users = [2, 3] },
            },
            DiscordJsonContext.Wire.CreateMessageRequest);

        Assert.Equal("""{"allowed_mentions":{"users":["2","3"]},"message_reference":{"message_id":"175928847299117063","channel_id":"1"}}""", json);
    }

    [Fact]
    public void Permissions_parse_from_the_decimal_string_including_pin_messages()
    {
        var member = JsonSerializer.Deserialize(
            """{"id":"1","type":2,"token":"t","member":{"permissions":"2251799813693440","roles":["1","2"]}}""", DiscordJsonContext.Wire.Interaction)!.Member!;

        Assert.True(member.Permissions.HasFlag(Permissions.PinMessages));
        Assert.True(member.Permissions.HasFlag(Permissions.ManageMessages));
        Assert.False(member.Permissions.HasFlag(Permissions.Administrator));
        Assert.Equal([1UL, 2UL], member.Roles);
        Assert.Equal(
            """{"name":"pins","description":"","default_member_permissions":"2251799813685248"}""",
            JsonSerializer.Serialize<IReadOnlyList<ApplicationCommand>>([new ApplicationCommand { Name = "pins", DefaultMemberPermissions = Permissions.PinMessages }], DiscordJsonContext.Wire.IReadOnlyListApplicationCommand)[1..^1]);
    }

    [Fact]
    public void A_message_context_menu_interaction_is_read_with_its_resolved_target()
    {
        const string json = """
        {
          "id": "100", "application_id": "200", "type": 2, "token": "tok", "version": 1,
          "guild_id": "300", "channel_id": "400", "app_permissions": "2251799813770240",
          "member": { "user": { "id": "500", "username": "mod", "global_name": null }, "roles": [], "permissions": "8192", "nick": null },
          "data": {
            "id": "600", "name": "用机器人回答", "type": 3, "target_id": "700",
            "resolved": { "messages": { "700": { "id": "700", "channel_id": "400", "content": "什么是RLHF？", "author": { "id": "800", "username": "asker" }, "mentions": [], "embeds": [] } } }
          },
          "locale": "zh-CN", "entitlements": [], "authorizing_integration_owners": { "0": "300" }, "context": 0
        }
        """;

        var interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Wire.Interaction)!;

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(ApplicationCommandType.Message, interaction.Data!.Type);
        Assert.Equal("什么是RLHF？", interaction.Data.Resolved!.Messages![interaction.Data.TargetId!.Value].Content);
        Assert.Equal(Permissions.ManageMessages, interaction.Member!.Permissions);
        Assert.True(interaction.AppPermissions.HasFlag(Permissions.PinMessages));
        Assert.Equal("mod", interaction.InvokingUser!.Username);
    }

    [Fact]
    public void Nested_options_and_autocomplete_focus_are_read()
    {
        const string json = """
        {"id":"1","application_id":"2","type":4,"token":"t","data":{"id":"3","name":"search","type":1,"options":[
          {"name":"sub","type":1,"options":[{"name":"source","type":3,"value":"00","focused":true},{"name":"limit","type":4,"value":5}]}]}}
        """;

        var sub = JsonSerializer.Deserialize(json, DiscordJsonContext.Wire.Interaction)!.Data!.GetOption("sub")!;

        Assert.True(sub.Options![0].Focused);
        Assert.Equal("00", sub.Options[0].AsString());
        Assert.Equal(5, sub.Options[1].AsInt64());
    }

    [Fact]
    public void A_null_where_the_model_promises_a_value_is_rejected_rather_than_passed_on()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize("""{"id":"1","channel_id":"2","content":null}""", DiscordJsonContext.Wire.Message));
    }

    [Fact]
    public void Outgoing_components_and_responses_omit_unset_fields()
    {
        var json = JsonSerializer.Serialize(
            InteractionResponse.Message("hi", components: [MessageComponent.ActionRow(MessageComponent.Button(ButtonStyle.Primary, "更多结果", "more:1"))], ephemeral: true),
            DiscordJsonContext.Wire.InteractionResponse);

        Assert.Equal("""{"type":4,"data":{"content":"hi","components":[{"type":1,"components":[{"type":2,"style":1,"label":"更多结果","custom_id":"more:1"}]}],"flags":64}}""", json);
    }
}
