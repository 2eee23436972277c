using System.Text.Json.Nodes;
using Bot.Answers;
using Bot.Storage;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Data.Sqlite;
using static Bot.Tests.Infrastructure.VoteChecks;

namespace Bot.Tests;

/// <summary>
/// The bot started on a database file an earlier version made: before votes, its answers and pins are kept, their
/// buttons and the pin keep working, and the new tables and columns are added; before Lucene, the index tables it held
/// are dropped and nothing of the bot's own.
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

    /// <summary>The index tables as the version before Lucene created them in the same file (src/Bot.Search/Index/IndexStore.cs at that time).</summary>
    private const string IndexSchemaBeforeLucene = """
        CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE documents(
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL UNIQUE,
            hash TEXT NOT NULL,
            encoding TEXT NOT NULL,
            title TEXT NOT NULL,
            url TEXT,
            quality REAL NOT NULL,
            indexed_utc TEXT NOT NULL);
        CREATE TABLE contents(
            id INTEGER PRIMARY KEY,
            digest INTEGER NOT NULL,
            text TEXT NOT NULL,
            token_count INTEGER NOT NULL,
            tokens BLOB NOT NULL);
        CREATE INDEX contents_by_digest ON contents(digest);
        CREATE TABLE passages(
            id INTEGER PRIMARY KEY,
            document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            ordinal INTEGER NOT NULL,
            locator TEXT NOT NULL,
            section TEXT,
            first_unit INTEGER NOT NULL,
            last_unit INTEGER NOT NULL,
            question_length INTEGER NOT NULL,
            content_id INTEGER NOT NULL REFERENCES contents(id));
        CREATE INDEX passages_by_document ON passages(document_id, ordinal);
        CREATE INDEX passages_by_content ON passages(content_id);
        CREATE TABLE terms(id INTEGER PRIMARY KEY, term TEXT NOT NULL UNIQUE, kind INTEGER NOT NULL);
        INSERT INTO meta VALUES ('format', 'v7'), ('generation', '12');
        INSERT INTO documents VALUES (1, '000_7d9274b9fc19eeb6.txt', 'ABC', 'utf-8', 'John Schulman 访谈', NULL, 1.0, '2026-10-01T07:00:00Z');
        INSERT INTO contents VALUES (1, 42, '他发明了广泛应用的近端策略优化算法（PPO）。', 12, x'0102');
        INSERT INTO passages VALUES (1, 1, 0, '第 3 段', NULL, 0, 1, 0, 1);
        INSERT INTO terms VALUES (1, '近端', 0);
        """;

    private static readonly string[] IndexTables = ["contents", "documents", "meta", "passages", "terms"];

    private const long OldAnswerId = 7;

    /// <summary>What an earlier version stored of a pinned answer's passages.</summary>
    private const string PinnedPassages = """
        [{"source":"000_7d9274b9fc19eeb6.txt","title":"John Schulman 访谈","url":null,"locator":"第 3 段","text":"他发明了广泛应用的近端策略优化算法（PPO）。"}]
        """;

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
        Assert.Equal(["更多结果", "全文", "置顶", Up, Down], more.Data.Buttons().Select(b => b.Label));
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

    [Fact]
    public async Task A_database_that_held_the_index_before_Lucene_loses_the_index_tables_and_keeps_everything_of_the_bot()
    {
        await using var bot = await BotUnderTest.CreateAsync();
        var guild = BotUnderTest.DefaultGuildId;
        var channel = BotUnderTest.NewId();
        WriteDatabaseBeforeLucene(bot.IndexPath, guild, channel);
        var before = BotTables(bot.IndexPath);

        await bot.StartBotAsync();

        Assert.Empty(Tables(bot.IndexPath).Intersect(IndexTables));
        Assert.Equal(before, BotTables(bot.IndexPath));
        Assert.Equal(PinTests.Question, bot.Pins.Find(OldMessageId)?.Question);
        Assert.Equal((1, 1), bot.VotesOn(OldAnswerId));
        Assert.Contains(bot.Questions.AskedIn(guild, DateTimeOffset.UtcNow.AddDays(-30)), q => q.Question == PinTests.Question);
        // Answered from the Lucene index beside the file, which holds every seed.
        Assert.Equal(Repo.SeedFiles.Count, bot.Index.Documents.Count);
        var answer = await bot.AskAsync(BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐", guild));
        AnswerChecks.AssertAnswer(bot, "什么是超级对齐", answer.Embed);

        // Starting again drops nothing more (once the bot has recorded which message carries the new answer: it does
        // so after Discord has replied to the post).
        Assert.True(await BotUnderTest.EventuallyAsync(() => Query(bot.IndexPath, "SELECT id FROM answers WHERE message_id IS NULL").Count == 0));
        var after = BotTables(bot.IndexPath);
        await bot.RestartBotAsync();
        Assert.Equal(after, BotTables(bot.IndexPath));
    }

    private const ulong OldMessageId = 900000000000000777;

    /// <summary>
    /// The file as the last version before Lucene left it: the bot's tables (their schema has not changed since) with an
    /// answer, its pin, two votes and a logged question, and the index tables beside them.
    /// </summary>
    private static void WriteDatabaseBeforeLucene(string path, ulong guild, ulong channel)
    {
        _ = new BotDatabase(path);
        ExecuteWithOldAnswer(path, guild, channel, OldMessageId, IndexSchemaBeforeLucene + """
            INSERT INTO answers(id, guild_id, channel_id, message_id, question, source, created_utc, first_source, first_locator)
            VALUES ($answer, $guild, $channel, $message, $question, NULL, '2026-10-01T08:00:00.0000000+00:00', '000_7d9274b9fc19eeb6.txt', '第 3 段');
            INSERT INTO pins(message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, pinned_utc)
            VALUES ($message, $guild, $channel, $answer, $question, $passages, 42, 'moderator', '2026-10-01T08:05:00.0000000+00:00');
            INSERT INTO votes(answer_id, member_id, value, voted_utc) VALUES ($answer, 1, -1, '2026-10-01T08:06:00.0000000+00:00'), ($answer, 2, 1, '2026-10-01T08:07:00.0000000+00:00');
            INSERT INTO question_log(guild_id, channel_id, question, asked_utc, results, best_score, answer_id)
            VALUES ($guild, $channel, $question, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-1 day'), 5, 3.5, $answer);
            """);
    }

    private static List<string> Tables(string path) =>
        Query(path, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").Select(r => r[0]).ToList();

    /// <summary>Every row of every table but the index's, as text.</summary>
    private static List<string> BotTables(string path) =>
        Tables(path).Except(IndexTables).SelectMany(t => Query(path, $"SELECT * FROM {t} ORDER BY 1, 2").Select(r => t + ": " + string.Join("|", r))).ToList();

    private static List<string[]> Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!).ToArray());
        return rows;
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
        ExecuteWithOldAnswer(path, guild, channel, messageId, SchemaBeforeVotes + """
            INSERT INTO answers(id, guild_id, channel_id, message_id, question, source, created_utc)
            VALUES ($answer, $guild, $channel, $message, $question, NULL, '2026-10-01T08:00:00.0000000+00:00');
            INSERT INTO pins(message_id, guild_id, channel_id, answer_id, question, passages, pinned_by, pinned_by_name, pinned_utc)
            VALUES ($message, $guild, $channel, $answer, $question, $passages, 42, 'moderator', '2026-10-01T08:05:00.0000000+00:00');
            """);
    }

    /// <summary>Runs <paramref name="sql"/> on the file with the old answer's values as parameters ($answer, $guild, $channel, $message, $question, $passages).</summary>
    private static void ExecuteWithOldAnswer(string path, ulong guild, ulong channel, ulong messageId, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$answer", OldAnswerId);
        command.Parameters.AddWithValue("$guild", (long)guild);
        command.Parameters.AddWithValue("$channel", (long)channel);
        command.Parameters.AddWithValue("$message", (long)messageId);
        command.Parameters.AddWithValue("$question", PinTests.Question);
        command.Parameters.AddWithValue("$passages", PinnedPassages);
        command.ExecuteNonQuery();
    }
}
