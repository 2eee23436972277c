using System.Collections;
using System.Globalization;
using System.Net.Http.Headers;
using System.Resources;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bot.Answers;
using Bot.Discord.Interactions;
using Bot.Localization;
using Bot.Search.Ranking;
using Bot.Tests.Infrastructure;
using FakeDiscord;
using ICU4N.Text;

namespace Bot.Tests;

/// <summary>
/// The member's own script and language: the bot's words follow the interaction's locale (zh-CN, zh-TW, en-US) or, for a
/// channel question, the script it is written in; commands are localised; the transcripts are quoted as written.
/// </summary>
public sealed partial class LanguageTests(BotFixture fixture) : IClassFixture<BotFixture>
{
    private const string TraditionalQuestion = "Schulman 發明了哪些強化學習算法";
    private const string TraditionalChannelQuestion = "為什麼 Schulman 離開 OpenAI？";

    private BotUnderTest Bot => fixture.Bot;

    [Fact]
    public async Task A_zh_TW_member_asking_in_traditional_characters_is_answered_in_traditional_words_with_the_transcripts_as_written()
    {
        var result = await Bot.InteractAsync(InLocale(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, TraditionalQuestion)), "zh-TW"));
        var answer = await result.FinalMessageAsync(); // the class's first question may take long enough to be deferred

        var embed = answer.SingleEmbed();
        Assert.Equal("問：" + TraditionalQuestion, embed.Title);
        AssertCitesAsWritten(TraditionalQuestion, embed, "—— 出處：《");
        Assert.DoesNotContain("出处", embed.Description);
        Assert.StartsWith("第 1–", embed.Footer);
        Assert.Contains("筆", embed.Footer);
        Assert.Equal(["更多結果", "全文", "釘選", "有幫助", "沒有幫助"], answer.Buttons().Select(b => b.Label));
    }

    [Fact]
    public async Task A_question_in_a_channel_written_in_traditional_characters_is_answered_in_traditional_words()
    {
        var channel = BotUnderTest.NewId();

        var traditional = await Bot.AskAsync(Bot.Mention(channel, TraditionalChannelQuestion));
        var simplified = await Bot.AskAsync(Bot.Mention(channel, "为什么 Schulman 离开 OpenAI？"));

        Assert.Equal("問：" + TraditionalChannelQuestion, traditional.Embed.Title);
        AssertCitesAsWritten(TraditionalChannelQuestion, traditional.Embed, "—— 出處：《");
        Assert.DoesNotContain("出处", traditional.Embed.Description);
        Assert.Equal(["更多結果", "全文", "釘選", "有幫助", "沒有幫助"], traditional.Body.Buttons().Select(b => b.Label));
        Assert.StartsWith("问：", simplified.Embed.Title);
        Assert.NotEmpty(AnswerChecks.SourceLines(simplified.Embed.Description));
        Assert.Equal(["更多结果", "全文", "置顶", "有帮助", "没有帮助"], simplified.Body.Buttons().Select(b => b.Label));
    }

    [Fact]
    public async Task An_en_US_member_gets_the_bots_words_in_English()
    {
        var result = await Bot.InteractAsync(InLocale(BotUnderTest.Slash("ask", BotUnderTest.NewId(), options: ("question", 3, TraditionalQuestion)), "en-US"));
        var answer = await result.FinalMessageAsync();

        var embed = answer.SingleEmbed();
        Assert.Equal("Q: " + TraditionalQuestion, embed.Title);
        AssertCitesAsWritten(TraditionalQuestion, embed, "—— Source: “");
        Assert.StartsWith("Results 1–", embed.Footer);
        Assert.Equal(["More results", "Full text", "Pin", "Helpful", "Not helpful"], answer.Buttons().Select(b => b.Label));
    }

    [Fact]
    public async Task Votes_pins_help_and_mistakes_answer_a_zh_TW_member_in_traditional_words()
    {
        var guild = BotUnderTest.NewId();
        var channel = BotUnderTest.NewId();
        var moderator = BotUnderTest.User(BotUnderTest.NewId(), "moderator");
        var ask = await Bot.InteractAsync(InLocale(BotUnderTest.Slash("ask", channel, guild, options: ("question", 3, TraditionalQuestion)), "zh-TW"));
        await ask.FinalMessageAsync();
        var message = ask.Original!;

        var vote = await Bot.InteractAsync(InLocale(FakePayloads.ButtonClick(message.Button("有幫助").CustomId, message, guild), "zh-TW"));
        var pin = await Bot.InteractAsync(InLocale(
            FakePayloads.ButtonClick(message.Button("釘選").CustomId, message, guild, moderator, FakePayloads.ModeratorPermissions), "zh-TW"));
        var help = await Bot.InteractAsync(InLocale(BotUnderTest.Slash("help", channel, guild), "zh-TW"));
        var empty = await Bot.InteractAsync(InLocale(BotUnderTest.Slash("ask", channel, guild, options: ("question", 3, "  ")), "zh-TW"));

        Assert.Equal("已記錄：有幫助", (await vote.FinalMessageAsync())["content"].Text());
        Assert.StartsWith("📌 已釘選。", (await pin.FinalMessageAsync())["content"].Text());
        Assert.Contains(message.MessageId(), Bot.Discord.State.PinnedMessageIds(channel));
        var helpEmbed = help.Data.SingleEmbed();
        Assert.Equal("怎麼用這個機器人", helpEmbed.Title);
        Assert.Contains("`?ask 問題`", helpEmbed.Description);
        Assert.Contains("逐字稿", helpEmbed.Description);
        Assert.StartsWith("請寫下你的問題", empty.Content);
    }

    [Theory]
    [InlineData("zh-TW", "zh-CN", "zh-TW")]
    [InlineData("zh-CN", "zh-TW", "zh-CN")]
    [InlineData("en-GB", "zh-CN", "en-US")]
    [InlineData("ja", "zh-TW", "zh-TW")] // a language the bot does not speak: the server's
    [InlineData("de", null, "zh-CN")] // nor the server's (or a DM): simplified Chinese
    internal void An_interaction_is_answered_in_the_members_language_else_the_servers_else_simplified_Chinese(string locale, string? guildLocale, string expected)
    {
        Assert.Equal(expected, BotLanguage.Of(new Interaction { Locale = locale, GuildLocale = guildLocale }).Name);
    }

    [Fact]
    public void Commands_carry_names_in_both_scripts_and_descriptions_in_three_languages()
    {
        var commands = Bot.Discord.State.GuildCommands(BotUnderTest.DefaultGuildId).OfType<JsonObject>().ToDictionary(c => c["name"].Text()!);

        var ask = commands["ask"];
        Assert.Equal("提问", ask["name_localizations"]?["zh-CN"].Text());
        Assert.Equal("提問", ask["name_localizations"]?["zh-TW"].Text());
        Assert.Equal(ask["description"].Text(), ask["description_localizations"]?["zh-CN"].Text());
        Assert.Equal("用逐字稿回答問題，並註明出處", ask["description_localizations"]?["zh-TW"].Text());
        Assert.False(string.IsNullOrEmpty(ask["description_localizations"]?["en-US"].Text()));
        foreach (var command in commands.Values.Where(c => c["type"].Int() == 1))
        {
            foreach (var item in (command["options"] as JsonArray ?? []).OfType<JsonObject>().Prepend(command))
            {
                Assert.Equal(["zh-CN", "zh-TW"], (item["name_localizations"] as JsonObject)!.Select(p => p.Key).Order());
                Assert.Equal(["en-US", "zh-CN", "zh-TW"], (item["description_localizations"] as JsonObject)!.Select(p => p.Key).Order());
            }
        }
        Assert.Equal("用機器人回答", commands["用机器人回答"]["name_localizations"]?["zh-TW"].Text());
        Assert.Equal("Pin answer", commands["置顶回答"]["name_localizations"]?["en-US"].Text());
    }

    [Theory]
    [InlineData("""{"name":"ask","type":1,"description":"问","name_localizations":{"zh-HK":"提問"}}""")] // not a Discord locale
    [InlineData("""{"name":"ask","type":1,"description":"问","name_localizations":{"en-US":"Ask Me"}}""")] // upper case and a space
    [InlineData("""{"name":"ask","type":1,"description":"问","description_localizations":{"zh-TW":""}}""")] // an empty description
    [InlineData("""{"name":"ask","type":1,"description":"问","options":[{"name":"q","type":3,"description":"问","name_localizations":{"zh-TW":"問 題"}}]}""")]
    public async Task The_fake_refuses_command_localisations_Discord_refuses(string command)
    {
        var other = BotUnderTest.NewId();
        Assert.Equal(400, await OverwriteAsync(other, $"[{command}]"));
        Assert.Equal(200, await OverwriteAsync(other, """[{"name":"ask","type":1,"description":"问","name_localizations":{"zh-TW":"提問"},"description_localizations":{"en-US":"Ask"}}]"""));
    }

    [Fact]
    public void Every_word_is_there_in_each_language_with_the_same_placeholders()
    {
        var neutral = Words(BotLanguage.Simplified);
        Assert.NotEmpty(neutral);
        foreach (var language in new[] { BotLanguage.Traditional, BotLanguage.English })
        {
            var words = Words(language);
            var commandNames = neutral.Keys.Where(k => k.EndsWith("Name", StringComparison.Ordinal) && !k.EndsWith("MessageName", StringComparison.Ordinal) && k != "PinAnswerName");
            var expected = language == BotLanguage.English ? neutral.Keys.Except(commandNames) : neutral.Keys;
            Assert.Equal(expected.Order(), words.Keys.Order());
            foreach (var (name, text) in words)
                Assert.True(Placeholders(neutral[name]).SequenceEqual(Placeholders(text)), $"{name} in {language.Name}: \"{text}\" against \"{neutral[name]}\"");
        }
    }

    [Fact]
    public void Simplified_words_hold_no_traditional_character_and_traditional_words_no_simplified_one()
    {
        var toSimplified = Transliterator.GetInstance("Traditional-Simplified");
        var toTraditional = Transliterator.GetInstance("Simplified-Traditional");
        foreach (var (name, text) in Words(BotLanguage.Simplified))
            Assert.True(ChangedHan(text, toSimplified) == "", $"{name}: {ChangedHan(text, toSimplified)} are traditional in {text}");
        foreach (var (name, text) in Words(BotLanguage.Traditional))
            Assert.True(ChangedHan(text, toTraditional) == "", $"{name}: {ChangedHan(text, toTraditional)} are simplified in {text}");
    }

    [Fact]
    public void The_satellite_assemblies_are_built_and_copied_beside_the_bot()
    {
        foreach (var language in new[] { "zh-TW", "en-US" })
            Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, language, "Bot.resources.dll")), $"no {language}/Bot.resources.dll in {AppContext.BaseDirectory}");
        Assert.False(AppContext.TryGetSwitch("System.Globalization.Invariant", out var invariant) && invariant, "InvariantGlobalization is on: zh-TW and en-US would not load");
    }

    /// <summary>
    /// The index's passages for the question, each cited with <paramref name="sourceMark"/> before its transcript's title as
    /// written, and quoted as written: some run of its own characters is in the description (none converted to the asker's script).
    /// </summary>
    private void AssertCitesAsWritten(string question, EmbedView embed, string sourceMark)
    {
        AnswerChecks.AssertWithinLimits(embed);
        var hits = Bot.Index.Search(question, new SearchOptions { Limit = AnswerFormatter.PageSize }).Hits;
        Assert.NotEmpty(hits);
        var sourceLines = embed.Description.Split('\n').Where(l => l.StartsWith(sourceMark, StringComparison.Ordinal)).ToArray();
        // A later passage is shown only when it adds an answer, so the reply may cite fewer than the search found.
        Assert.InRange(sourceLines.Length, 1, hits.Count);
        var shown = embed.Description.Replace("**", "", StringComparison.Ordinal);
        foreach (var line in sourceLines)
        {
            var passage = Assert.Single(hits, h => line.Contains($"`{h.Passage.Source}`", StringComparison.Ordinal) && line.Contains(DiscordText.Escape(h.Passage.Locator), StringComparison.Ordinal)).Passage;
            Assert.Contains(sourceMark + DiscordText.Truncated(passage.Title, 40).TrimEnd('…'), line);
            var text = passage.Text.ReplaceLineEndings(" ");
            Assert.True(Enumerable.Range(0, Math.Max(1, text.Length - 11)).Any(at => shown.Contains(DiscordText.Escape(text.Substring(at, Math.Min(12, text.Length - at))), StringComparison.Ordinal)),
                $"{passage.Source} {passage.Locator} is not quoted as written: {embed.Description}");
        }
    }

    /// <summary>The Han characters a transform changes (ICU also swaps 「」 and “”, a matter of punctuation, not of script).</summary>
    private static string ChangedHan(string text, Transliterator transform)
    {
        var transformed = transform.Transliterate(text);
        return string.Concat(text.Where((c, i) => i < transformed.Length && c != transformed[i] && c is >= '\u4E00' and <= '\u9FFF'));
    }

    private static JsonObject InLocale(JsonObject interaction, string locale)
    {
        interaction["locale"] = locale;
        return interaction;
    }

    private static Dictionary<string, string> Words(CultureInfo language) =>
        Strings.ResourceManager.GetResourceSet(language, createIfNotExists: true, tryParents: false)!
            .Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order();

    private async Task<int> OverwriteAsync(ulong guild, string commands)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Put, $"{Bot.Discord.ApiBaseUrl}/applications/{Bot.ApplicationId}/guilds/{guild}/commands")
        {
            Content = new StringContent(commands, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", Bot.Token);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
