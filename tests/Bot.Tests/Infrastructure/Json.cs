using System.Globalization;
using System.Text.Json.Nodes;
using FakeDiscord;

namespace Bot.Tests.Infrastructure;

/// <summary>Reading what the bot sent (request bodies) and what the fake holds (messages) without ceremony.</summary>
public static class Json
{
    public static JsonObject? BodyObject(this RecordedRequest request) =>
        request.Body is { } body ? JsonNode.Parse(body.GetRawText()) as JsonObject : null;

    public static string? Text(this JsonNode? node) =>
        node is JsonValue value ? value.TryGetValue<string>(out var text) ? text : value.ToJsonString() : null;

    /// <summary>A snowflake, whether written as a string (as Discord does) or as a number.</summary>
    public static ulong? Id(this JsonNode? node) =>
        node is not JsonValue value ? null
        : value.TryGetValue<string>(out var text) ? ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null
        : value.TryGetValue<ulong>(out var number) ? number
        : null;

    public static int? Int(this JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var number) ? number : null;

    public static ulong MessageId(this JsonObject message) => message["id"].Id() ?? throw new InvalidOperationException("A message without an id.");

    /// <summary>The embeds of a message, a message body or an interaction callback's data.</summary>
    public static IReadOnlyList<EmbedView> Embeds(this JsonNode? message) =>
        (message?["embeds"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new EmbedView(e)).ToArray();

    /// <summary>The one embed a reply must have.</summary>
    public static EmbedView SingleEmbed(this JsonNode? message)
    {
        var embeds = message.Embeds();
        Assert.True(embeds.Count == 1, $"expected exactly one embed, got {embeds.Count}: {message?.ToJsonString()}");
        return embeds[0];
    }

    /// <summary>The buttons under a message, in order.</summary>
    public static IReadOnlyList<ButtonView> Buttons(this JsonNode? message) =>
        (message?["components"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .SelectMany(row => (row["components"] as JsonArray ?? []).OfType<JsonObject>())
            .Where(c => c["type"].Int() == 2)
            .Select(c => new ButtonView(c["label"].Text() ?? "", c["custom_id"].Text() ?? "", c["disabled"]?.GetValue<bool>() ?? false))
            .ToArray();

    public static ButtonView Button(this JsonNode? message, string label) =>
        message.Buttons().SingleOrDefault(b => b.Label == label)
        ?? throw new Xunit.Sdk.XunitException($"no button \"{label}\" under {message?.ToJsonString()}");

    /// <summary>Chinese (CJK unified ideographs) characters in a text.</summary>
    public static int ChineseCharacters(string text) => text.Count(c => c is >= '\u4E00' and <= '\u9FFF');
}

public sealed record ButtonView(string Label, string CustomId, bool Disabled);

/// <summary>An embed as sent, with the lengths Discord limits.</summary>
public sealed class EmbedView(JsonObject embed)
{
    public JsonObject Raw => embed;

    public string Title => embed["title"].Text() ?? "";

    public string Description => embed["description"].Text() ?? "";

    public string Footer => embed["footer"]?["text"].Text() ?? "";

    public string AuthorName => embed["author"]?["name"].Text() ?? "";

    public IReadOnlyList<(string Name, string Value)> Fields =>
        (embed["fields"] as JsonArray ?? []).OfType<JsonObject>().Select(f => (f["name"].Text() ?? "", f["value"].Text() ?? "")).ToArray();

    /// <summary>What Discord counts against the 6,000-character embed limit.</summary>
    public int TotalLength => Title.Length + Description.Length + Footer.Length + AuthorName.Length + Fields.Sum(f => f.Name.Length + f.Value.Length);

    /// <summary>Title, description and footer, for searching.</summary>
    public string AllText => $"{Title}\n{Description}\n{string.Join("\n", Fields.Select(f => f.Name + "\n" + f.Value))}\n{Footer}";

    public override string ToString() => AllText;
}
