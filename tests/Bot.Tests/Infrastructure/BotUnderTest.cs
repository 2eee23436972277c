using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bot.Hosting;
using Bot.Search.Index;
using Bot.Storage;
using FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Bot.Tests.Infrastructure;

/// <summary>How to set up a bot under test. Everything has a default that suits most tests.</summary>
public sealed record BotTestOptions
{
    /// <summary>Discord:GuildId (commands registered in this guild); null registers them globally.</summary>
    public ulong? GuildId { get; init; } = BotUnderTest.DefaultGuildId;

    public IReadOnlyList<ulong> AnswerChannels { get; init; } = [];

    /// <summary>High by default so that no test runs into the cooldown by accident.</summary>
    public int CooldownQuestions { get; init; } = 10_000;

    public int CooldownSeconds { get; init; } = 1;

    public int DeferAfterMilliseconds { get; init; } = 1500;

    public string LogLevel { get; init; } = "Trace";

    /// <summary>Transcripts written into the corpus folder next to the copy of seeds/ (file name → UTF-8 text).</summary>
    public IReadOnlyDictionary<string, string> ExtraCorpusFiles { get; init; } = new Dictionary<string, string>();

    /// <summary>Replaces services after the bot's own composition (e.g. a slow ISearchIndex).</summary>
    public Action<IServiceCollection>? Customize { get; init; }

    /// <summary>Guilds the fake announces in READY; the default guild when null.</summary>
    public IReadOnlyList<FakeGuild>? Guilds { get; init; }

    /// <summary>Adjusts the fake Discord (deadlines, pin limit, recording off for load runs); the token is set by the fixture.</summary>
    public Func<FakeDiscordOptions, FakeDiscordOptions>? ConfigureDiscord { get; init; }

    /// <summary>More configuration keys (e.g. <c>Discord:GlobalRequestsPerSecond</c>, <c>Discord:Timings:ReconnectBaseDelay</c>).</summary>
    public IReadOnlyDictionary<string, string?> Configuration { get; init; } = new Dictionary<string, string?>();
}

/// <summary>
/// The real bot (<see cref="BotHost"/>, the same composition <c>serve</c> runs) connected to a fake Discord on 127.0.0.1,
/// with its own corpus folder (a copy of seeds/) and index file. The bot can be stopped and started again on the same
/// index file and fake server (restart, crash recovery), and every log line of every run is captured.
/// <code>
/// await using var bot = await BotUnderTest.StartAsync(new BotTestOptions { AnswerChannels = [channel] });
/// var question = BotUnderTest.UserMessage(channel, "?ask 什么是超级对齐");
/// var reply = await bot.AskAsync(question);           // the bot's reply: request body and the stored message
/// var result = await bot.InteractAsync(FakePayloads.SlashCommand("ask", channel, guild, [...]));
/// </code>
/// </summary>
public sealed class BotUnderTest : IAsyncDisposable
{
    public const ulong DefaultGuildId = 900000000000000010;
    public const string Prefix = "?ask";

    /// <summary>
    /// Only bounds a hang: every wait is for an event, which comes as soon as the machine gets to it. Beside other work
    /// (two CPU-burning processes and a parallel test run) indexing or grouping took more than 15 s.
    /// </summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly JsonObject DefaultAsker = FakePayloads.User(800000000000000001, "asker");

    private int starts;

    private BotUnderTest(FakeDiscordServer discord, BotTestOptions options, string folder, string token)
    {
        Discord = discord;
        Options = options;
        Folder = folder;
        Token = token;
    }

    public FakeDiscordServer Discord { get; }

    public BotTestOptions Options { get; }

    /// <summary>A temporary folder holding the corpus and the index file; deleted on dispose.</summary>
    public string Folder { get; }

    public string CorpusPath => Path.Combine(Folder, "corpus");

    /// <summary>The bot's database file (Index:Path).</summary>
    public string IndexPath => Path.Combine(Folder, "data", "bot.db");

    /// <summary>The Lucene index folder beside <see cref="IndexPath"/>.</summary>
    public string IndexFolder => PassageIndex.FolderFor(IndexPath);

    /// <summary>The (fake) token, unique to this instance so that a leak into a log line is unmistakable.</summary>
    public string Token { get; }

    public LogCapture Log { get; } = new();

    /// <summary>The running bot; null between <see cref="StopBotAsync"/> and <see cref="StartBotAsync"/>.</summary>
    public IHost? Host { get; private set; }

    public IServiceProvider Services => Host?.Services ?? throw new InvalidOperationException("The bot is not running.");

    public ulong BotUserId => Discord.Options.BotUserId;

    public ulong ApplicationId => Discord.Options.ApplicationId;

    /// <summary>Times the bot has been started on this fake server and index file.</summary>
    public int Starts => starts;

    public static async Task<BotUnderTest> StartAsync(BotTestOptions? options = null)
    {
        var bot = await CreateAsync(options);
        try
        {
            await bot.StartBotAsync();
            return bot;
        }
        catch
        {
            try
            {
                await bot.DisposeAsync();
            }
            catch
            {
                // The failure to start is what the test needs to see.
            }
            throw;
        }
    }

    /// <summary>The fake server and the folders, without the bot yet (e.g. to prepare the database first).</summary>
    public static async Task<BotUnderTest> CreateAsync(BotTestOptions? options = null)
    {
        options ??= new BotTestOptions();
        var token = "fake-token-" + Guid.NewGuid().ToString("N");
        var discordOptions = new FakeDiscordOptions
        {
            HeartbeatInterval = TimeSpan.FromSeconds(2),
            Guilds = options.Guilds ?? [new FakeGuild(DefaultGuildId, "Test Guild")],
        };
        discordOptions = (options.ConfigureDiscord?.Invoke(discordOptions) ?? discordOptions) with { Token = token };
        var discord = await FakeDiscordServer.StartAsync(discordOptions);
        var folder = Path.Combine(Path.GetTempPath(), "bot-tests", Guid.NewGuid().ToString("N"));
        var bot = new BotUnderTest(discord, options, folder, token);
        Directory.CreateDirectory(bot.CorpusPath);
        Directory.CreateDirectory(Path.GetDirectoryName(bot.IndexPath)!);
        foreach (var seed in Directory.GetFiles(Repo.Seeds))
            File.Copy(seed, Path.Combine(bot.CorpusPath, Path.GetFileName(seed)));
        foreach (var (name, text) in options.ExtraCorpusFiles)
            File.WriteAllText(Path.Combine(bot.CorpusPath, name), text, new UTF8Encoding(false));
        return bot;
    }

    /// <summary>
    /// Starts the bot and waits until it is serving: READY received, the index in line with the corpus folder and the
    /// commands registered (or found up to date).
    /// </summary>
    public async Task StartBotAsync(Action<IServiceCollection>? customize = null)
    {
        if (Host is not null)
            throw new InvalidOperationException("The bot is already running.");
        var sessions = Discord.Gateway.Sessions.Count;
        var setUps = Log.Count(IsCommandSetUpLine);
        var host = BotHost.Build(Configuration(), services =>
        {
            // The console would only echo what the capture records; keep test output quiet.
            var console = services.Where(d => d.ServiceType == typeof(ILoggerProvider) && d.ImplementationType == typeof(ConsoleLoggerProvider)).ToList();
            console.ForEach(d => services.Remove(d));
            services.AddSingleton<ILoggerProvider>(Log);
            Options.Customize?.Invoke(services);
            customize?.Invoke(services);
        });
        Host = host;
        try
        {
            await host.StartAsync().WaitAsync(Timeout);
            await Discord.Gateway.WaitForReadyAsync(sessions, Timeout);
            await host.Services.GetRequiredService<LiveSearchIndex>().Ready.WaitAsync(Timeout);
            await Log.WaitForAsync(IsCommandSetUpLine, setUps + 1);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"The bot did not get ready ({e.Message}). Its last log lines:\n{string.Join("\n", Log.Lines.TakeLast(40))}", e);
        }
        starts++;
    }

    /// <summary>Stops the bot gracefully (as on SIGTERM) and disposes it; the fake server and the files stay.</summary>
    public async Task StopBotAsync()
    {
        if (Host is not { } host)
            return;
        Host = null;
        try
        {
            await host.StopAsync().WaitAsync(Timeout);
        }
        finally
        {
            host.Dispose();
        }
    }

    /// <summary>A new bot process, as after a restart: same index file, same fake server.</summary>
    public async Task RestartBotAsync(Action<IServiceCollection>? customize = null)
    {
        await StopBotAsync();
        await StartBotAsync(customize);
    }

    public async ValueTask DisposeAsync()
    {
        Exception? failure = null;
        try
        {
            await StopBotAsync();
        }
        catch (Exception e)
        {
            failure = e;
        }
        await Discord.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the OS cleans temp folders.
        }
        if (failure is not null)
            throw failure;

        // Whatever a test did, these hold for the whole session.
        AssertNoTokenInLogs();
        AssertEveryMessageHasNoMentions();
    }

    // ---- configuration ----

    private IConfiguration Configuration()
    {
        var values = new Dictionary<string, string?>
        {
            ["Discord:Token"] = Token,
            ["Discord:ApiBaseUrl"] = Discord.ApiBaseUrl,
            ["Discord:GuildId"] = Options.GuildId?.ToString() ?? "",
            ["Discord:Prefix"] = Prefix,
            ["Corpus:Path"] = CorpusPath,
            ["Index:Path"] = IndexPath,
            ["Bot:CooldownQuestions"] = Options.CooldownQuestions.ToString(),
            ["Bot:CooldownSeconds"] = Options.CooldownSeconds.ToString(),
            ["Bot:DeferAfterMilliseconds"] = Options.DeferAfterMilliseconds.ToString(),
            ["Logging:LogLevel:Default"] = Options.LogLevel,
        };
        for (var i = 0; i < Options.AnswerChannels.Count; i++)
            values[$"Discord:AnswerChannels:{i}"] = Options.AnswerChannels[i].ToString();
        foreach (var (key, value) in Options.Configuration)
            values[key] = value;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    private static bool IsCommandSetUpLine(LogLine line) =>
        line.Category.EndsWith(nameof(DiscordBotService), StringComparison.Ordinal) && line.Message.Contains("slash commands", StringComparison.OrdinalIgnoreCase);

    /// <summary>The settings that point a bot process of its own (<see cref="BotProcess"/>) at this fake server and these folders.</summary>
    public Dictionary<string, string> ProcessEnvironment() => new()
    {
        ["DISCORD_TOKEN"] = Token,
        ["Discord__ApiBaseUrl"] = Discord.ApiBaseUrl,
        ["Corpus__Path"] = CorpusPath,
        ["Index__Path"] = IndexPath,
    };

    // ---- payloads ----

    public static ulong NewId() => Snowflakes.Next();

    public static JsonObject User(ulong id, string name) => FakePayloads.User(id, name);

    /// <summary>A member's message; <paramref name="author"/> defaults to the usual asker.</summary>
    public static JsonObject UserMessage(ulong channelId, string content, ulong? guildId = DefaultGuildId, JsonObject? author = null, IEnumerable<JsonObject>? mentions = null) =>
        FakePayloads.Message(channelId, content, guildId, (JsonObject)(author ?? DefaultAsker).DeepClone(), mentions);

    /// <summary>A message that mentions the bot, as Discord sends it: the mention in the content and in <c>mentions</c>.</summary>
    public JsonObject Mention(ulong channelId, string question, ulong? guildId = DefaultGuildId, JsonObject? author = null) =>
        UserMessage(channelId, $"<@{BotUserId}> {question}", guildId, author, [FakePayloads.User(BotUserId, Discord.Options.BotUserName, bot: true)]);

    // ---- channel messages ----

    /// <summary>Dispatches MESSAGE_CREATE (the fake stores the message too).</summary>
    public async Task<JsonObject> SendAsync(JsonObject message)
    {
        await Discord.Gateway.SendMessageCreateAsync(message);
        return message;
    }

    /// <summary>Sends a message and waits for the bot's reply to it.</summary>
    public async Task<Reply> AskAsync(JsonObject message, TimeSpan? timeout = null)
    {
        await SendAsync(message);
        return await WaitForReplyAsync(message.MessageId(), timeout);
    }

    /// <summary>The bot's reply to a message: the POST whose <c>message_reference.message_id</c> is that message.</summary>
    public async Task<Reply> WaitForReplyAsync(ulong questionId, TimeSpan? timeout = null)
    {
        var request = await Discord.Rest.WaitForRequestAsync(r => IsReplyTo(r, questionId), timeout ?? Timeout);
        return ToReply(request, questionId);
    }

    /// <summary>Replies (successful or not) the bot has posted so far to a message.</summary>
    public IReadOnlyList<RecordedRequest> RepliesTo(ulong questionId) => Discord.Rest.Requests.Where(r => IsReplyTo(r, questionId));

    /// <summary>Every message the bot has posted in a channel so far (requests, whatever they answer).</summary>
    public IReadOnlyList<RecordedRequest> PostsIn(ulong channelId) =>
        Discord.Rest.Requests.Where(r => r.Method == "POST" && r.Path == $"/channels/{channelId}/messages");

    /// <summary>Whether a request is the bot posting a reply to message <paramref name="questionId"/>.</summary>
    public static bool IsReplyTo(RecordedRequest request, ulong questionId) =>
        request.Method == "POST" && request.Matches("POST /channels/{channel_id}/messages")
        && request.Body is { } body
        && body.TryGetProperty("message_reference", out var reference)
        && reference.TryGetProperty("message_id", out var id)
        && id.ToString() == questionId.ToString();

    private Reply ToReply(RecordedRequest request, ulong questionId)
    {
        var body = request.BodyObject()!;
        var channelId = ulong.Parse(request.Path.Split('/')[2]);
        var stored = Discord.State.MessagesIn(channelId)
            .LastOrDefault(m => m["author"]?["id"].Id() == BotUserId && m["message_reference"]?["message_id"].Id() == questionId);
        return new Reply(request, body, stored);
    }

    // ---- interactions ----

    /// <summary>Dispatches INTERACTION_CREATE and waits for the bot's callback (its acknowledgement, within 3 s or the fake refuses it).</summary>
    public async Task<InteractionResult> InteractAsync(JsonObject interaction, TimeSpan? timeout = null)
    {
        await Discord.Gateway.SendInteractionCreateAsync(interaction);
        var result = new InteractionResult(this, interaction);
        await result.WaitForCallbackAsync(timeout);
        return result;
    }

    /// <summary>A slash command with options given as (name, type, value); type 3 string, 4 integer, 5 boolean.</summary>
    public static JsonObject Slash(string name, ulong channelId, ulong? guildId = DefaultGuildId, JsonObject? user = null, string permissions = FakePayloads.DefaultMemberPermissions, params (string Name, int Type, JsonNode? Value)[] options) =>
        FakePayloads.SlashCommand(name, channelId, guildId, options.Select(o => FakePayloads.Option(o.Name, o.Type, o.Value)), (JsonObject?)user?.DeepClone(), permissions);

    /// <summary>Clicks the button labelled <paramref name="label"/> on a message as the fake now holds it.</summary>
    public Task<InteractionResult> ClickAsync(ulong messageId, string label, ulong? guildId = DefaultGuildId, JsonObject? user = null, string permissions = FakePayloads.DefaultMemberPermissions)
    {
        var message = Discord.State.GetMessage(messageId) ?? throw new InvalidOperationException($"The fake holds no message {messageId}.");
        var button = message.Button(label);
        return InteractAsync(FakePayloads.ButtonClick(button.CustomId, message, guildId, (JsonObject?)user?.DeepClone(), permissions));
    }

    /// <summary>A message context-menu command ("用机器人回答", "置顶回答") on <paramref name="target"/>.</summary>
    public static JsonObject MessageMenu(string name, JsonObject target, ulong? guildId = DefaultGuildId, JsonObject? user = null, string permissions = FakePayloads.DefaultMemberPermissions) =>
        FakePayloads.MessageCommand(name, target, guildId, (JsonObject?)user?.DeepClone(), permissions);

    // ---- storage and Discord's side ----

    internal PinStore Pins => Services.GetRequiredService<PinStore>();

    internal AnswerStore Answers => Services.GetRequiredService<AnswerStore>();

    internal QuestionLog Questions => Services.GetRequiredService<QuestionLog>();

    internal LiveSearchIndex Index => Services.GetRequiredService<LiveSearchIndex>();

    /// <summary>Does on the fake what Discord would have done for a request the bot made (e.g. before a crash).</summary>
    public async Task<int> CallDiscordAsync(HttpMethod method, string path) => (await CallDiscordAsync(method, path, null)).Status;

    /// <summary>A request as the bot, with a JSON body (e.g. a message an earlier version of the bot posted); the status and the response.</summary>
    public async Task<(int Status, JsonObject? Response)> CallDiscordAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, Discord.ApiBaseUrl + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", Token);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null);
    }

    /// <summary>Waits until <paramref name="condition"/> holds, checking every 100 ms; false after <paramref name="timeout"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Timeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(100);
        }
        return true;
    }

    // ---- session-wide checks ----

    public void AssertNoTokenInLogs()
    {
        var leaks = Log.Lines.Where(l => l.Contains(Token)).ToList();
        Assert.True(leaks.Count == 0, "The token appeared in log lines:\n" + string.Join("\n", leaks));
    }

    /// <summary>Every request that carries a message (post, edit, interaction response, follow-up) says <c>allowed_mentions: {parse: []}</c>.</summary>
    public void AssertEveryMessageHasNoMentions()
    {
        foreach (var (request, message) in OutgoingMessages())
        {
            var parse = message["allowed_mentions"]?["parse"] as JsonArray;
            Assert.True(parse is { Count: 0 }, $"{request} sent a message without allowed_mentions {{parse: []}}: {message.ToJsonString()}");
            var users = message["allowed_mentions"]?["users"] as JsonArray;
            var roles = message["allowed_mentions"]?["roles"] as JsonArray;
            Assert.True(users is null or { Count: 0 }, $"{request} allows user mentions");
            Assert.True(roles is null or { Count: 0 }, $"{request} allows role mentions");
        }
    }

    /// <summary>The requests that carry a message, with the object holding its fields.</summary>
    public IReadOnlyList<(RecordedRequest Request, JsonObject Message)> OutgoingMessages()
    {
        var list = new List<(RecordedRequest, JsonObject)>();
        foreach (var request in Discord.Rest.Requests.Snapshot())
        {
            if (request.BodyObject() is not { } body)
                continue;
            if (request.Matches("POST /channels/{channel_id}/messages") || request.Matches("PATCH /channels/{channel_id}/messages/{message_id}")
                || request.Matches("PATCH /webhooks/{application_id}/{token}/messages/@original") || request.Matches("POST /webhooks/{application_id}/{token}"))
            {
                list.Add((request, body));
            }
            else if (request.Matches("POST /interactions/{id}/{token}/callback") && body["type"].Int() is 4 or 7 && body["data"] is JsonObject data)
            {
                list.Add((request, data));
            }
        }
        return list;
    }
}

/// <summary>The bot's reply to a channel message: what it sent, and the message the fake now holds.</summary>
public sealed record Reply(RecordedRequest Request, JsonObject Body, JsonObject? Stored)
{
    public ulong MessageId => Stored?.MessageId() ?? throw new InvalidOperationException($"The fake did not store the reply {Request}: status {Request.StatusCode}.");

    public string Content => Body["content"].Text() ?? "";

    public EmbedView Embed => Body.SingleEmbed();
}

/// <summary>An interaction the fake dispatched, and what the bot did with it.</summary>
public sealed class InteractionResult(BotUnderTest bot, JsonObject interaction)
{
    public JsonObject Interaction { get; } = interaction;

    public ulong Id { get; } = interaction.MessageId();

    public string Token { get; } = interaction["token"].Text()!;

    public RecordedRequest Callback { get; private set; } = null!;

    public JsonObject CallbackBody => Callback.BodyObject()!;

    /// <summary>4 message, 5 deferred message, 6 deferred update, 7 update, 8 autocomplete.</summary>
    public int CallbackType => CallbackBody["type"].Int() ?? 0;

    public JsonObject Data => CallbackBody["data"] as JsonObject ?? [];

    public int Flags => Data["flags"].Int() ?? 0;

    public bool IsEphemeral => (Flags & 64) != 0;

    /// <summary>The text of a plain (non-embed) response.</summary>
    public string Content => Data["content"].Text() ?? "";

    /// <summary>The original response message as the fake holds it now (after edits).</summary>
    public JsonObject? Original => bot.Discord.State.OriginalResponse(Id);

    internal async Task WaitForCallbackAsync(TimeSpan? timeout)
    {
        Callback = await bot.Discord.Rest.WaitForRequestAsync(
            r => r.Method == "POST" && r.Path.StartsWith($"/interactions/{Id}/", StringComparison.Ordinal) && r.Path.EndsWith("/callback", StringComparison.Ordinal),
            timeout ?? BotUnderTest.Timeout);
        Assert.True(Callback.StatusCode is 200 or 204, $"The fake refused the callback of interaction {Id}: {Callback}");
    }

    /// <summary>The <paramref name="count"/>-th edit of the original response (after a deferral), as sent.</summary>
    public async Task<JsonObject> WaitForEditAsync(int count = 1, TimeSpan? timeout = null)
    {
        var edits = await bot.Discord.Rest.WaitForRequestsAsync($"PATCH /webhooks/{bot.ApplicationId}/{Token}/messages/@original", count, timeout ?? BotUnderTest.Timeout);
        Assert.True(edits[count - 1].StatusCode == 200, $"The fake refused the edit: {edits[count - 1]}");
        return edits[count - 1].BodyObject()!;
    }

    /// <summary>
    /// A reply: the response itself (type 4), or, when the work outlasted Bot:DeferAfterMilliseconds (a search on a
    /// loaded machine may), "thinking…" (type 5) and then the edit. What the user ends up seeing either way.
    /// </summary>
    public async Task<JsonObject> ReplyAsync(TimeSpan? timeout = null)
    {
        Assert.True(CallbackType is 4 or 5, $"callback type {CallbackType}, not a reply");
        return await FinalMessageAsync(timeout);
    }

    /// <summary>What the user ends up seeing: the edit after a deferral, or the response itself.</summary>
    public async Task<JsonObject> FinalMessageAsync(TimeSpan? timeout = null) =>
        CallbackType is 5 or 6 ? await WaitForEditAsync(1, timeout) : Data;
}
