using System.Text.Json.Nodes;
using Bot.Answers;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Data.Sqlite;
using static Bot.Tests.Infrastructure.VoteChecks;

namespace Bot.Tests;

/// <summary>
/// The bot started on a database file the version before votes made: its answers and pins are kept, their buttons and
/// the pin keep working, and the new tables and columns are added.
/// </summary>
public sealed class MigrationTests
{
    /// <summary>The bot's tables as the version before votes created them (src/Bot/Storage/BotDatabase.cs at that time).</summary>
    private const string SchemaBeforeVotes = """
        PRAGMA journal_mode=WAL;
        CREATE TABLE IF NOT EXISTS answers(
            id INTEGER PRIMARY KEY,
            guild_id INTEGER,
            channel_id INTEGER NOT NULL,
            message_id INTEGER,
            question TEXT NOT NULL,
            source TEXT,
            created_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS answers_by_message ON answers(message_id);
        CREATE TABLE IF NOT EXISTS pins(
            message_id INTEGER PRIMARY KEY,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            answer_id INTEGER NOT NULL,
            question TEXT NOT NULL,
            passages TEXT NOT NULL,
            pinned_by INTEGER NOT NULL,
            pinned_by_name TEXT NOT NULL,
            pinned_utc TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS pins_by_guild ON pins(guild_id);
        CREATE TABLE IF NOT EXISTS pin_intents(
            message_id INTEGER PRIMARY KEY,
            action TEXT NOT NULL,
            guild_id INTEGER NOT NULL,
            channel_id INTEGER NOT NULL,
            answer_id INTEGER NOT NULL,
            question TEXT NOT NULL,
            passages TEXT NOT NULL,
            pinned_by INTEGER NOT NULL,
            pinned_by_name TEXT NOT NULL,
            created_utc TEXT NOT NULL);
        """;

    private const long OldAnswerId = 7;

    [Fact]
    public async Task A_database_from_before_votes_keeps_its_answers_and_pins_and_gains_votes_and_the_question_log()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var guild = BotUnderTest.DefaultGuildId;
        var channel = BotUnderTest.NewId();
        // What the earlier version left: its answer on Discord (two buttons) and pinned, and in its database.
        var (status, posted) = await bot.CallDiscordAsync(HttpMethod.Post, $"/channels/{channel}/messages", OldAnswerMessage());
        Assert.Equal(200, status);
        var messageId = posted!.MessageId();
        Assert.Equal(204, await bot.CallDiscordAsync(HttpMethod.Put, $"/channels/{channel}/messages/pins/{messageId}"));
        WriteDatabaseBeforeVotes(bot.IndexPath, guild, channel, messageId);

        await bot.StartBotAsync();

        // Answers and pins are all there.
        var answer = bot.Answers.Find(OldAnswerId);
        Assert.Equal((PinTests.Question, messageId), (answer?.Question, answer?.MessageId));
        Assert.Null(answer!.FirstPassage);
        Assert.Equal(PinTests.Question, bot.Pins.Find(messageId)?.Question);
        var pins = await bot.InteractAsync(BotUnderTest.Slash("pins", BotUnderTest.NewId(), guild));
        Assert.Contains(AnswerFormatter.MessageLink(guild, channel, messageId), pins.Data.SingleEmbed().Description);
        var similar = await bot.AskAsync(BotUnderTest.UserMessage(BotUnderTest.NewId(), $"?ask {PinTests.SimilarQuestion}", guild));
        Assert.StartsWith("📌 **版主置顶**", similar.Embed.Description);
        Assert.Contains("PPO", similar.Embed.Description);

        // The old answer's button works, and its next page carries the vote buttons, which count.
        var more = await bot.ClickAsync(messageId, "更多结果", guild);
        Assert.Equal(7, more.CallbackType);
        Assert.StartsWith("第 4–", more.Data.SingleEmbed().Footer);
        Assert.Equal(["更多结果", "置顶", Up, Down], more.Data.Buttons().Select(b => b.Label));
        Assert.Equal("已记录：没有帮助", await bot.VoteAsync(messageId, Down, BotUnderTest.User(BotUnderTest.NewId(), "member"), guild));
        Assert.Equal((1, 0), bot.VotesOn(OldAnswerId));

        // New answers come after the old ones and remember what they showed first; questions are logged.
        Assert.True(AnswerId(similar.Body) > OldAnswerId);
        Assert.NotNull(bot.Answers.Find(AnswerId(similar.Body))!.FirstPassage);
        Assert.Contains(bot.Questions.AskedIn(guild, DateTimeOffset.UtcNow.AddMinutes(-5)), q => q.Question == PinTests.SimilarQuestion);

        // Starting again changes nothing more.
        await bot.RestartBotAsync();
        Assert.Equal(PinTests.Question, bot.Pins.Find(messageId)?.Question);
        Assert.Equal((1, 0), bot.VotesOn(OldAnswerId));
    }

    private static JsonObject OldAnswerMessage() => new()
    {
        ["content"] = "",
        ["embeds"] = new JsonArray(new JsonObject { ["title"] = $"问：{PinTests.Question}", ["description"] = "**1.** 他发明了近端策略优化算法（PPO）……" }),
        ["components"] = new JsonArray(new JsonObject
        {
            ["type"] = 1,
            ["components"] = new JsonArray(
                new JsonObject { ["type"] = 2, ["style"] = 2, ["label"] = "更多结果", ["custom_id"] = $"more:{OldAnswerId}:3" },
                new JsonObject { ["type"] = 2, ["style"] = 2, ["label"] = "置顶", ["custom_id"] = $"pin:{OldAnswerId}", ["emoji"] = new JsonObject { ["name"] = "📌" } }),
        }),
        ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() },
    };

    private static void WriteDatabaseBeforeVotes(string path, ulong guild, ulong channel, ulong messageId)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = SchemaBeforeVotes + """
            INSERT INTO answers(id, guild_id, channel_id, message_id, question, source, created_utc)
            VALUES ($answer, $guild, $channel, $message, $question, NULL, '2026-10-01T08:00:00.0000000+00:00');
            INSERT INTO pins(message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, pinned_utc)
            VALUES ($message, $guild, $channel, $answer, $question, $passages, 42, 'moderator', '2026-10-01T08:05:00.0000000+00:00');
            """;
        command.Parameters.AddWithValue("$answer", OldAnswerId);
        command.Parameters.AddWithValue("$guild", (long)guild);
        command.Parameters.AddWithValue("$channel", (long)channel);
        command.Parameters.AddWithValue("$message", (long)messageId);
        command.Parameters.AddWithValue("$question", PinTests.Question);
        command.Parameters.AddWithValue("$passages", """
            [{"source":"000_7d9274b9fc19eeb6.txt","title":"John Schulman 访谈","url":null,"locator":"第 3 段","text":"他发明了广泛应用的近端策略优化算法（PPO）。"}]
            """);
        command.ExecuteNonQuery();
    }
}
