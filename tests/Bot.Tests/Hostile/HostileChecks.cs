using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Hostile;

/// <summary>What a user would notice about a reply to hostile or careless input: what kind of reply it is, and that it pings no one.</summary>
public static partial class HostileChecks
{
    /// <summary>What the reply tells the user.</summary>
    public enum Outcome
    {
        /// <summary>Passages with their sources.</summary>
        Answer,

        /// <summary>"没有找到和这个问题相关的段落" (with the list of transcripts).</summary>
        NoPassage,

        /// <summary>"这个问题里没有可以检索的词".</summary>
        NothingToSearch,
    }

    public static Outcome OutcomeOf(EmbedView embed)
    {
        Assert.StartsWith("问：", embed.Title);
        AnswerChecks.AssertWithinLimits(embed);
        if (embed.Description.Contains("没有可以检索的词", StringComparison.Ordinal))
            return Outcome.NothingToSearch;
        if (embed.Description.Contains("没有找到和这个问题相关的段落", StringComparison.Ordinal))
            return Outcome.NoPassage;
        Assert.NotEmpty(AnswerChecks.SourceLines(embed.Description));
        return Outcome.Answer;
    }

    /// <summary>
    /// Nothing in the message can notify anyone: <c>allowed_mentions</c> parses nothing and names no one, a reply does not
    /// ping its author, and the text holds no raw <c>@everyone</c>, <c>@here</c> or <c>&lt;@id&gt;</c> that a client
    /// ignoring allowed_mentions (or a user copying the text) would turn into a ping; nor direction overrides that would
    /// make the echoed question display as something else.
    /// </summary>
    public static void AssertPingsNoOne(JsonObject message, bool isReply)
    {
        var mentions = message["allowed_mentions"] as JsonObject;
        Assert.True(mentions?["parse"] is JsonArray { Count: 0 }, $"allowed_mentions must be {{parse: []}}: {message.ToJsonString()}");
        Assert.True(mentions["users"] is null or JsonArray { Count: 0 }, "allowed_mentions names users");
        Assert.True(mentions["roles"] is null or JsonArray { Count: 0 }, "allowed_mentions names roles");
        if (isReply)
            Assert.True(mentions["replied_user"]?.GetValue<bool>() == false, "the reply would ping the asker");
        AssertNoRawMentions(AllText(message));
    }

    public static void AssertNoRawMentions(string text)
    {
        Assert.DoesNotContain("@everyone", text, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", text, StringComparison.Ordinal);
        var raw = RawMention().Match(text);
        Assert.False(raw.Success, $"un-escaped mention {raw.Value} in: {text}");
        var control = text.FirstOrDefault(IsDirectionControl);
        Assert.True(control == default, $"direction control U+{(int)control:X4} in: {text}");
    }

    /// <summary>Content, and title, description, footer and fields of every embed.</summary>
    public static string AllText(JsonObject message) =>
        (message["content"].Text() ?? "") + "\n" + string.Join("\n", message.Embeds().Select(e => e.AllText));

    public static bool IsDirectionControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>No handler failed with an exception (the dispatcher logs those as errors) and nothing was logged as critical.</summary>
    public static void AssertNoHandlerFailed(BotUnderTest bot)
    {
        var failures = bot.Log.Lines.Where(l => l.Level >= LogLevel.Error).ToList();
        Assert.True(failures.Count == 0, "handlers failed:\n" + string.Join("\n", failures.Select(f => f + "\n" + f.Exception)));
    }

    /// <summary>An ephemeral plain-text reply (a refusal, or a mistake the user can fix), with the callback in time.</summary>
    public static string AssertEphemeralText(InteractionResult result)
    {
        Assert.Equal(4, result.CallbackType);
        Assert.True(result.IsEphemeral, $"not ephemeral: {result.CallbackBody.ToJsonString()}");
        Assert.Empty(result.Data.Embeds());
        Assert.True(Json.ChineseCharacters(result.Content) >= 4, $"not a clear Chinese message: {result.Content}");
        AssertPingsNoOne(result.Data, isReply: false);
        return result.Content;
    }

    /// <summary><c>&lt;@id&gt;</c>, <c>&lt;@!id&gt;</c> or <c>&lt;@&amp;id&gt;</c> not preceded by the backslash that makes Discord show it as text.</summary>
    [GeneratedRegex(@"(?<!\\)<@[!&]?\d+>")]
    private static partial Regex RawMention();
}

/// <summary>
/// The database as questions must leave it: the same tables, the same rows in every table but <c>answers</c> (where
/// each answer shown is remembered for its buttons) and <c>question_log</c> (where each question asked is logged for
/// <c>/gaps</c>), and the index answering a control question exactly as before.
/// </summary>
public sealed record DatabaseState(IReadOnlyDictionary<string, long> Rows, string ControlAnswer)
{
    public const string ControlQuestion = "Schulman 发明了哪些强化学习算法";

    internal static DatabaseState Of(BotUnderTest bot)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = bot.IndexPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            connection.Open();
            var tables = new List<string>();
            using (var list = connection.CreateCommand())
            {
                list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
                using var reader = list.ExecuteReader();
                while (reader.Read())
                    tables.Add(reader.GetString(0));
            }
            foreach (var table in tables.Where(t => t is not ("answers" or "question_log")))
            {
                using var count = connection.CreateCommand();
                count.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"")}\"";
                rows[table] = (long)count.ExecuteScalar()!;
            }
            rows["(answers table exists)"] = tables.Contains("answers") ? 1 : 0;
            rows["(question_log table exists)"] = tables.Contains("question_log") ? 1 : 0;
        }
        var hits = bot.Index.Search(ControlQuestion, new Bot.Search.Ranking.SearchOptions { Limit = 5 }).Hits;
        return new DatabaseState(rows, string.Join("|", hits.Select(h => $"{h.Passage.Source}#{h.Passage.Locator}#{h.Score:0.000}")));
    }

    public void AssertUnchangedIn(BotUnderTest bot)
    {
        var now = Of(bot);
        Assert.Equal(Rows, now.Rows);
        Assert.Equal(ControlAnswer, now.ControlAnswer);
    }
}
