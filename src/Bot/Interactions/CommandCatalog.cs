using System.Globalization;
using Bot.Discord.Interactions;
using Bot.Discord.Models;
using Bot.Gaps;
using Bot.Localization;

namespace Bot.Interactions;

/// <summary>
/// The bot's slash commands and message context menus, as registered with Discord: named and described in simplified
/// Chinese, with the names in zh-CN and zh-TW and the descriptions in zh-CN, zh-TW and en-US (Localization/Strings.resx);
/// the slash commands' own names are English. Discord shows each member the words of their language.
/// </summary>
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
            Description = Word(nameof(Strings.AskDescription)),
            DescriptionLocalizations = Descriptions(nameof(Strings.AskDescription)),
            NameLocalizations = Names(nameof(Strings.AskName)),
            Contexts = Everywhere,
            Options =
            [
                Text("question", nameof(Strings.AskQuestionName), nameof(Strings.AskQuestionDescription), required: true, MaxQuestionLength),
                Source(),
                new()
                {
                    Type = ApplicationCommandOptionType.Boolean, Name = "private", NameLocalizations = Names(nameof(Strings.AskPrivateName)),
                    Description = Word(nameof(Strings.AskPrivateDescription)), DescriptionLocalizations = Descriptions(nameof(Strings.AskPrivateDescription)),
                },
            ],
        },
        new()
        {
            Type = ApplicationCommandType.ChatInput,
            Name = Search,
            Description = Word(nameof(Strings.SearchDescription)),
            DescriptionLocalizations = Descriptions(nameof(Strings.SearchDescription)),
            NameLocalizations = Names(nameof(Strings.SearchName)),
            Contexts = Everywhere,
            Options =
            [
                Text("query", nameof(Strings.SearchQueryName), nameof(Strings.SearchQueryDescription), required: true, MaxQueryLength),
                Source(),
                new()
                {
                    Type = ApplicationCommandOptionType.Integer, Name = "limit", NameLocalizations = Names(nameof(Strings.SearchLimitName)),
                    Description = Word(nameof(Strings.SearchLimitDescription)), DescriptionLocalizations = Descriptions(nameof(Strings.SearchLimitDescription)),
                    MinValue = 1, MaxValue = 10,
                },
            ],
        },
        Plain(Sources, nameof(Strings.SourcesName), nameof(Strings.SourcesDescription), Everywhere),
        Plain(Pins, nameof(Strings.PinsName), nameof(Strings.PinsDescription), GuildOnly),
        Plain(Help, nameof(Strings.HelpName), nameof(Strings.HelpDescription), Everywhere),
        new()
        {
            Type = ApplicationCommandType.ChatInput,
            Name = Gaps,
            Description = Word(nameof(Strings.GapsDescription)),
            DescriptionLocalizations = Descriptions(nameof(Strings.GapsDescription)),
            NameLocalizations = Names(nameof(Strings.GapsName)),
            Contexts = GuildOnly,
            DefaultMemberPermissions = Permissions.ManageMessages,
            Options =
            [
                new()
                {
                    Type = ApplicationCommandOptionType.Integer, Name = "days", NameLocalizations = Names(nameof(Strings.GapsDaysName)),
                    Description = Word(nameof(Strings.GapsDaysDescription)), DescriptionLocalizations = Descriptions(nameof(Strings.GapsDaysDescription)),
                    MinValue = 1, MaxValue = GapsCommand.MaxDays,
                },
            ],
        },
        new() { Type = ApplicationCommandType.Message, Name = AnswerMessage, NameLocalizations = MenuNames(nameof(Strings.AnswerMessageName)), Contexts = Everywhere },

        // Discord hides a command from members without all of its default permissions; a bit set cannot say "Pin Messages
        // or Manage Messages", and Pin Messages is the one Discord itself requires for pinning. The check stays (PinService.MayPin).
        new()
        {
            Type = ApplicationCommandType.Message, Name = PinAnswer, NameLocalizations = MenuNames(nameof(Strings.PinAnswerName)), Contexts = GuildOnly,
            DefaultMemberPermissions = Permissions.PinMessages,
        },
    ];

    private static ApplicationCommand Plain(string name, string localName, string description, IReadOnlyList<InteractionContextType> contexts) => new()
    {
        Type = ApplicationCommandType.ChatInput,
        Name = name,
        NameLocalizations = Names(localName),
        Description = Word(description),
        DescriptionLocalizations = Descriptions(description),
        Contexts = contexts,
    };

    private static ApplicationCommandOption Text(string name, string localName, string description, bool required, int maxLength) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = name,
        NameLocalizations = Names(localName),
        Description = Word(description),
        DescriptionLocalizations = Descriptions(description),
        Required = required,
        MinLength = 1,
        MaxLength = maxLength,
    };

    private static ApplicationCommandOption Source() => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = "source",
        NameLocalizations = Names(nameof(Strings.SourceName)),
        Description = Word(nameof(Strings.SourceDescription)),
        DescriptionLocalizations = Descriptions(nameof(Strings.SourceDescription)),
        Autocomplete = true,
    };

    /// <summary>The default words: simplified Chinese.</summary>
    private static string Word(string resource) => BotLanguage.Word(resource, BotLanguage.Simplified);

    /// <summary>A slash command's or option's name in both Chinese scripts (its English name is the default).</summary>
    private static Dictionary<string, string> Names(string resource) => Localized(resource, BotLanguage.Simplified, BotLanguage.Traditional);

    /// <summary>A context menu's name, whose default is Chinese: in English too.</summary>
    private static Dictionary<string, string> MenuNames(string resource) => Localized(resource, BotLanguage.Simplified, BotLanguage.Traditional, BotLanguage.English);

    private static Dictionary<string, string> Descriptions(string resource) => Localized(resource, BotLanguage.Simplified, BotLanguage.Traditional, BotLanguage.English);

    /// <summary>Keyed by Discord's locale names, which are these cultures' names.</summary>
    private static Dictionary<string, string> Localized(string resource, params CultureInfo[] languages) =>
        languages.ToDictionary(language => language.Name, language => BotLanguage.Word(resource, language));
}
