using System.Text.Json.Nodes;
using Bot.Answers;
using Microsoft.Data.Sqlite;

namespace Bot.Tests.Infrastructure;

/// <summary>Members voting on answers, and what the database holds of their votes.</summary>
internal static class VoteChecks
{
    public const string Up = "有帮助";
    public const string Down = "没有帮助";

    /// <summary>The stored answer a message shows, read from its buttons.</summary>
    public static long AnswerId(JsonNode? message) =>
        CustomIds.TryParseMore(message.Button("更多结果").CustomId, out var id, out _) ? id : throw new InvalidOperationException("no answer id on the buttons");

    /// <summary>Clicks 👍 (<see cref="Up"/>) or 👎 (<see cref="Down"/>) as <paramref name="member"/>; what only that member is told.</summary>
    public static async Task<string> VoteAsync(this BotUnderTest bot, ulong messageId, string label, JsonObject member, ulong guildId)
    {
        var click = await bot.ClickAsync(messageId, label, guildId, member);
        var told = (await click.FinalMessageAsync())["content"].Text() ?? "";
        Assert.True(click.IsEphemeral, $"the vote's reply is not private: {click.CallbackBody.ToJsonString()}");
        return told;
    }

    /// <summary>How many 👎 and 👍 an answer has in the database.</summary>
    public static (int Down, int Up) VotesOn(this BotUnderTest bot, long answerId)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = bot.IndexPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(value = -1), 0), coalesce(sum(value = 1), 0) FROM votes WHERE answer_id = $answer";
        command.Parameters.AddWithValue("$answer", answerId);
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    /// <summary>No vote on any of these answers, checked after the bot has answered something else (a late write would show by then).</summary>
    public static async Task AssertNoVotesAsync(this BotUnderTest bot, ulong channel, ulong guild, params long[] answerIds)
    {
        await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐", guild));
        foreach (var answerId in answerIds)
            Assert.Equal((0, 0), bot.VotesOn(answerId));
    }
}
