using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Gaps;

namespace Bot.Interactions;

/// <summary>The bot's slash commands and message context menus, as registered with Discord.</summary>
internal static class CommandCatalog
{
    public const string Ask = "ask";
    public const string Search = "search";
    public const string Sources = "sources";
    public const string Pins = "pins";
    public const string Help = "help";
    public const string Gaps = "gaps";
    public const string AnswerMessage = "用机器人回答";
    public const string PinAnswer = "置顶回答";

    public const int MaxQuestionLength = 1000;
    public const int MaxQueryLength = 200;

    private static readonly IReadOnlyList<InteractionContextType> Everywhere = [InteractionContextType.Guild, InteractionContextType.BotDm];
    private static readonly IReadOnlyList<InteractionContextType> GuildOnly = [InteractionContextType.Guild];

    public static IReadOnlyList<ApplicationCommand> All { get; } =
    [
        new()
        {
            Type = ApplicationCommandType.ChatInput,
            Name = Ask,
            Description = "用转录稿回答问题，并注明出处",
            NameLocalizations = Chinese("提问"),
            Contexts = Everywhere,
            Options =
            [
                Text("question", "问题", "你想问什么", required: true, MaxQuestionLength),
                Source(),
                new() { Type = ApplicationCommandOptionType.Boolean, Name = "private", Description = "只让你自己看到回答", NameLocalizations = Chinese("仅自己可见") },
            ],
        },
        new()
        {
            Type = ApplicationCommandType.ChatInput,
            Name = Search,
            Description = "列出匹配的段落和它们的位置",
            NameLocalizations = Chinese("检索"),
            Contexts = Everywhere,
            Options =
            [
                Text("query", "关键词", "要找的词语", required: true, MaxQueryLength),
                Source(),
                new()
                {
                    Type = ApplicationCommandOptionType.Integer, Name = "limit", Description = "最多列出几段（1–10）",
                    NameLocalizations = Chinese("数量"), MinValue = 1, MaxValue = 10,
                },
            ],
        },
        new() { Type = ApplicationCommandType.ChatInput, Name = Sources, Description = "列出所有转录稿", NameLocalizations = Chinese("转录稿"), Contexts = Everywhere },
        new() { Type = ApplicationCommandType.ChatInput, Name = Pins, Description = "本服务器的置顶回答", NameLocalizations = Chinese("置顶"), Contexts = GuildOnly },
        new() { Type = ApplicationCommandType.ChatInput, Name = Help, Description = "使用说明", NameLocalizations = Chinese("帮助"), Contexts = Everywhere },
        new()
        {
            Type = ApplicationCommandType.ChatInput,
            Name = Gaps,
            Description = "版主：转录稿答不上来的问题，和被点 👎 的回答",
            NameLocalizations = Chinese("问答缺口"),
            Contexts = GuildOnly,
            DefaultMemberPermissions = Permissions.ManageMessages,
            Options =
            [
                new()
                {
                    Type = ApplicationCommandOptionType.Integer, Name = "days", Description = "看最近几天（默认：全部保留的记录）",
                    NameLocalizations = Chinese("天数"), MinValue = 1, MaxValue = GapsCommand.MaxDays,
                },
            ],
        },
        new() { Type = ApplicationCommandType.Message, Name = AnswerMessage, Contexts = Everywhere },

        // Discord hides a command from members without all of its default permissions; a bit set cannot say "Pin Messages
        // or Manage Messages", and Pin Messages is the one Discord itself requires for pinning. The check stays (PinService.MayPin).
        new() { Type = ApplicationCommandType.Message, Name = PinAnswer, Contexts = GuildOnly, DefaultMemberPermissions = Permissions.PinMessages },
    ];

    private static ApplicationCommandOption Text(string name, string chineseName, string description, bool required, int maxLength) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = name,
        NameLocalizations = Chinese(chineseName),
        Description = description,
        Required = required,
        MinLength = 1,
        MaxLength = maxLength,
    };

    private static ApplicationCommandOption Source() => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = "source",
        NameLocalizations = Chinese("来源"),
        Description = "只在这份转录稿里找",
        Autocomplete = true,
    };

    private static Dictionary<string, string> Chinese(string name) => new() { ["zh-CN"] = name };
}
