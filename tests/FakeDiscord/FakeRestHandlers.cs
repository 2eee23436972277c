using System.Globalization;
using System.Text.Json.Nodes;

namespace FakeDiscord;

/// <summary>Default answers for the endpoints the bot uses, with Discord's validation and error codes where they matter.</summary>
internal sealed class FakeRestHandlers(FakeDiscordOptions options, FakeDiscordState state, FakeGateway gateway, ServerClock clock)
{
    private readonly Dictionary<(string Channel, string Nonce), ulong> _nonces = [];

    public FakeResult Handle(FakeRequest request)
    {
        var segments = request.Path.Trim('/').Split('/');
        return (request.Method, segments) switch
        {
            ("GET", ["gateway", "bot"]) => GatewayBot(),
            ("GET", ["users", "@me"]) => FakeResult.Ok(state.BotUser()),
            ("GET", ["applications", "@me"]) => FakeResult.Ok(new JsonObject
            {
                ["id"] = options.ApplicationId.ToString(), ["name"] = options.BotUserName, ["flags"] = 0, ["bot"] = state.BotUser(),
            }),
            ("POST", ["channels", var channel, "messages"]) => CreateMessage(Id(channel), request.Body as JsonObject),
            ("GET", ["channels", var channel, "messages", "pins"]) => ListPins(Id(channel), request),
            ("PUT", ["channels", var channel, "messages", "pins", var message]) => Pin(Id(channel), Id(message)),
            ("DELETE", ["channels", var channel, "messages", "pins", var message]) => Unpin(Id(channel), Id(message)),
            ("GET", ["channels", var channel, "messages", var message]) => GetMessage(Id(channel), Id(message)),
            ("PATCH", ["channels", var channel, "messages", var message]) => EditMessage(Id(channel), Id(message), request.Body as JsonObject),
            ("POST", ["interactions", var id, var token, "callback"]) => Callback(Id(id), token, request.Body as JsonObject),
            ("PATCH", ["webhooks", _, var token, "messages", "@original"]) => EditOriginal(token, request.Body as JsonObject),
            ("POST", ["webhooks", _, var token]) => Followup(token, request.Body as JsonObject),
            ("GET", ["applications", _, "commands"]) => FakeResult.Ok(state.GlobalCommands()),
            ("PUT", ["applications", _, "commands"]) => OverwriteCommands(null, request.Body),
            ("GET", ["applications", _, "guilds", var guild, "commands"]) => FakeResult.Ok(state.GuildCommands(Id(guild))),
            ("PUT", ["applications", _, "guilds", var guild, "commands"]) => OverwriteCommands(Id(guild), request.Body),
            _ => FakeResult.Error(404, 0, "404: Not Found"),
        };
    }

    private static ulong Id(string segment) => ulong.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0;

    private FakeResult GatewayBot()
    {
        var (remaining, resetAfter) = gateway.SessionStarts.Current();
        return FakeResult.Ok(new JsonObject
        {
            ["url"] = gateway.Url,
            ["shards"] = options.RecommendedShards,
            ["session_start_limit"] = new JsonObject
            {
                ["total"] = options.SessionStartTotal,
                ["remaining"] = remaining,
                ["reset_after"] = resetAfter,
                ["max_concurrency"] = options.MaxConcurrency,
            },
        });
    }

    private FakeResult CreateMessage(ulong channelId, JsonObject? body)
    {
        if (body is null)
        {
            return FakeResult.Error(400, 50035, "Invalid Form Body");
        }

        if (ValidateContent(body, requireSomething: true) is { } invalid)
        {
            return invalid;
        }

        var nonce = body["nonce"]?.ToString();
        if (nonce is not null && body["enforce_nonce"]?.GetValue<bool>() == true)
        {
            lock (_nonces)
            {
                if (_nonces.TryGetValue((channelId.ToString(), nonce), out var existingId) && state.GetMessage(existingId) is { } existing)
                {
                    return FakeResult.Ok(existing);
                }
            }
        }

        JsonObject? reference = null;
        if (body["message_reference"] is JsonObject requested && requested["message_id"] is { } referencedId)
        {
            var referencedChannel = requested["channel_id"] is { } c ? Id(c.ToString()) : channelId;
            if (state.Message(referencedChannel, Id(referencedId.ToString())) is null)
            {
                if (requested["fail_if_not_exists"]?.GetValue<bool>() != false)
                {
                    return FakeResult.Error(400, 50035, "Invalid Form Body", FieldError("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message"));
                }
            }
            else
            {
                reference = new JsonObject { ["type"] = 0, ["message_id"] = referencedId.ToString(), ["channel_id"] = referencedChannel.ToString() };
            }
        }

        var message = NewBotMessage(channelId, body);
        message["type"] = reference is null ? 0 : 19;
        message["message_reference"] = reference;
        message["nonce"] = nonce;
        state.AddMessage(message);
        if (nonce is not null)
        {
            lock (_nonces)
            {
                _nonces[(channelId.ToString(), nonce)] = Id(message["id"]!.GetValue<string>());
            }
        }

        return FakeResult.Ok(message);
    }

    private FakeResult GetMessage(ulong channelId, ulong messageId) =>
        state.GetMessage(messageId) is { } message && message["channel_id"]?.GetValue<string>() == channelId.ToString()
            ? FakeResult.Ok(message)
            : UnknownMessage();

    private FakeResult EditMessage(ulong channelId, ulong messageId, JsonObject? body)
    {
        if (state.Message(channelId, messageId) is not { } message)
        {
            return UnknownMessage();
        }

        if (message["author"]?["id"]?.GetValue<string>() != options.BotUserId.ToString())
        {
            return FakeResult.Error(403, 50005, "Cannot edit a message authored by another user");
        }

        if (body is null || ValidateContent(body, requireSomething: false) is { } invalid)
        {
            return FakeResult.Error(400, 50035, "Invalid Form Body");
        }

        return FakeResult.Ok(Update(message, body));
    }

    private FakeResult Pin(ulong channelId, ulong messageId)
    {
        if (state.Message(channelId, messageId) is not { } message)
        {
            return UnknownMessage();
        }

        var pins = state.PinsOf(channelId);
        lock (pins)
        {
            if (pins.Any(p => p.MessageId == messageId))
            {
                return FakeResult.NoContent;
            }

            if (pins.Count >= options.MaxPinsPerChannel)
            {
                return FakeResult.Error(400, 30003, $"Maximum number of pins reached ({options.MaxPinsPerChannel})");
            }

            pins.Add((messageId, DateTimeOffset.UtcNow));
        }

        lock (message)
        {
            message["pinned"] = true;
        }

        return FakeResult.NoContent;
    }

    private FakeResult Unpin(ulong channelId, ulong messageId)
    {
        if (state.Message(channelId, messageId) is not { } message)
        {
            return UnknownMessage();
        }

        var pins = state.PinsOf(channelId);
        lock (pins)
        {
            pins.RemoveAll(p => p.MessageId == messageId);
        }

        lock (message)
        {
            message["pinned"] = false;
        }

        return FakeResult.NoContent;
    }

    private FakeResult ListPins(ulong channelId, FakeRequest request)
    {
        var limit = int.TryParse(request.Query["limit"], out var l) ? Math.Clamp(l, 1, 50) : 50;
        var before = DateTimeOffset.TryParse(request.Query["before"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var b) ? b : DateTimeOffset.MaxValue;
        var pins = state.PinsOf(channelId);
        (ulong MessageId, DateTimeOffset PinnedAt)[] page;
        lock (pins)
        {
            page = pins.Where(p => p.PinnedAt < before).OrderByDescending(p => p.PinnedAt).ToArray();
        }

        var items = new JsonArray(page.Take(limit)
            .Select(p => (JsonNode)new JsonObject { ["pinned_at"] = p.PinnedAt.ToString("O"), ["message"] = state.GetMessage(p.MessageId) })
            .ToArray());
        return FakeResult.Ok(new JsonObject { ["items"] = items, ["has_more"] = page.Length > limit });
    }

    private FakeResult Callback(ulong interactionId, string token, JsonObject? body)
    {
        if (state.Interaction(interactionId) is not { } interaction || interaction.Payload["token"]?.GetValue<string>() != token)
        {
            return FakeResult.Error(404, 10062, "Unknown interaction");
        }

        if (body?["type"]?.GetValue<int>() is not { } type)
        {
            return FakeResult.Error(400, 50035, "Invalid Form Body");
        }

        var data = body["data"] as JsonObject ?? [];
        lock (interaction)
        {
            if (interaction.Responses.Count > 0)
            {
                return FakeResult.Error(400, 40060, "Interaction has already been acknowledged.");
            }

            if (options.InteractionResponseDeadline is { } deadline && clock.Elapsed - interaction.ReceivedAt > deadline)
            {
                return FakeResult.Error(404, 10062, "Unknown interaction");
            }

            interaction.Responses.Add((JsonObject)body.DeepClone());
            var channelId = Id(interaction.Payload["channel_id"]?.GetValue<string>() ?? "0");
            switch (type)
            {
                case 4:
                    var reply = NewBotMessage(channelId, data);
                    reply["interaction_metadata"] = new JsonObject { ["id"] = interactionId.ToString(), ["type"] = interaction.Payload["type"]?.DeepClone() };
                    state.AddMessage(reply);
                    interaction.OriginalMessageId = Id(reply["id"]!.GetValue<string>());
                    break;
                case 5:
                    var loading = NewBotMessage(channelId, new JsonObject { ["flags"] = (data["flags"]?.GetValue<int>() ?? 0) | 128 });
                    state.AddMessage(loading);
                    interaction.OriginalMessageId = Id(loading["id"]!.GetValue<string>());
                    break;
                case 6 or 7:
                    var componentMessageId = Id(interaction.Payload["message"]?["id"]?.GetValue<string>() ?? "0");
                    interaction.OriginalMessageId = componentMessageId;
                    if (type == 7 && state.Message(channelId, componentMessageId) is { } componentMessage)
                    {
                        Update(componentMessage, data);
                    }

                    break;
            }
        }

        return FakeResult.NoContent;
    }

    private FakeResult EditOriginal(string token, JsonObject? body)
    {
        if (state.InteractionByToken(token) is not { } interaction)
        {
            return FakeResult.Error(404, 10015, "Unknown Webhook");
        }

        ulong? originalId;
        lock (interaction)
        {
            originalId = interaction.OriginalMessageId;
        }

        if (originalId is not { } id || state.GetMessage(id) is null || body is null)
        {
            return UnknownMessage();
        }

        var channelId = Id(interaction.Payload["channel_id"]?.GetValue<string>() ?? "0");
        if (ValidateContent(body, requireSomething: false) is { } invalid)
        {
            return invalid;
        }

        return state.Message(channelId, id) is { } original ? FakeResult.Ok(Update(original, body, clearLoading: true)) : UnknownMessage();
    }

    private FakeResult Followup(string token, JsonObject? body)
    {
        if (state.InteractionByToken(token) is not { } interaction)
        {
            return FakeResult.Error(404, 10015, "Unknown Webhook");
        }

        if (body is null || ValidateContent(body, requireSomething: true) is { } invalid)
        {
            return FakeResult.Error(400, 50006, "Cannot send an empty message");
        }

        lock (interaction)
        {
            if (interaction.Responses.Count == 0)
            {
                return FakeResult.Error(404, 10062, "Unknown interaction");
            }

            var message = NewBotMessage(Id(interaction.Payload["channel_id"]?.GetValue<string>() ?? "0"), body);
            state.AddMessage(message);
            interaction.FollowupIds.Add(Id(message["id"]!.GetValue<string>()));
            return FakeResult.Ok(message);
        }
    }

    private FakeResult OverwriteCommands(ulong? guildId, JsonNode? body)
    {
        if (body is not JsonArray commands)
        {
            return FakeResult.Error(400, 50035, "Invalid Form Body");
        }

        foreach (var command in commands)
        {
            if (CommandRules.Problem(command) is { } problem)
            {
                return FakeResult.Error(400, 50035, "Invalid Form Body", FieldError("name", "APPLICATION_COMMAND_INVALID", problem));
            }
        }

        return FakeResult.Ok(state.ReplaceCommands(guildId, commands));
    }

    private JsonObject NewBotMessage(ulong channelId, JsonObject body)
    {
        var message = new JsonObject
        {
            ["id"] = Snowflakes.Next().ToString(),
            ["channel_id"] = channelId.ToString(),
            ["author"] = state.BotUser(),
            ["content"] = body["content"]?.GetValue<string>() ?? "",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["edited_timestamp"] = null,
            ["tts"] = false,
            ["mention_everyone"] = false,
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["embeds"] = body["embeds"]?.DeepClone() ?? new JsonArray(),
            ["components"] = body["components"]?.DeepClone() ?? new JsonArray(),
            ["pinned"] = false,
            ["type"] = 0,
            ["flags"] = body["flags"]?.GetValue<int>() ?? 0,
        };
        if (state.GuildOf(channelId) is { } guildId)
        {
            message["guild_id"] = guildId.ToString();
        }

        return message;
    }

    private static JsonObject Update(JsonObject message, JsonObject body, bool clearLoading = false)
    {
        lock (message)
        {
            foreach (var field in new[] { "content", "embeds", "components", "flags" })
            {
                if (body.ContainsKey(field))
                {
                    message[field] = body[field]?.DeepClone();
                }
            }

            if (clearLoading)
            {
                message["flags"] = (message["flags"]?.GetValue<int>() ?? 0) & ~128;
            }

            message["edited_timestamp"] = DateTimeOffset.UtcNow.ToString("O");
            return (JsonObject)message.DeepClone();
        }
    }

    /// <summary>Discord's limits on content and embeds (developers/resources/message.mdx).</summary>
    private static FakeResult? ValidateContent(JsonObject body, bool requireSomething)
    {
        var content = body["content"]?.GetValue<string>() ?? "";
        var embeds = body["embeds"] as JsonArray ?? [];
        var components = body["components"] as JsonArray ?? [];
        if (requireSomething && content.Length == 0 && embeds.Count == 0 && components.Count == 0)
        {
            return FakeResult.Error(400, 50006, "Cannot send an empty message");
        }

        if (content.Length > 2000)
        {
            return FakeResult.Error(400, 50035, "Invalid Form Body", FieldError("content", "BASE_TYPE_MAX_LENGTH", "Must be 2000 or fewer in length."));
        }

        var total = 0;
        foreach (var embed in embeds.OfType<JsonObject>())
        {
            var title = embed["title"]?.GetValue<string>() ?? "";
            var description = embed["description"]?.GetValue<string>() ?? "";
            var fields = embed["fields"] as JsonArray ?? [];
            if (title.Length > 256 || description.Length > 4096 || fields.Count > 25)
            {
                return FakeResult.Error(400, 50035, "Invalid Form Body", FieldError("embeds", "BASE_TYPE_MAX_LENGTH", "Embed field too long."));
            }

            total += title.Length + description.Length
                + (embed["footer"]?["text"]?.GetValue<string>()?.Length ?? 0)
                + (embed["author"]?["name"]?.GetValue<string>()?.Length ?? 0)
                + fields.Sum(f => (f?["name"]?.GetValue<string>()?.Length ?? 0) + (f?["value"]?.GetValue<string>()?.Length ?? 0));
        }

        return total > 6000
            ? FakeResult.Error(400, 50035, "Invalid Form Body", FieldError("embeds", "MAX_EMBED_SIZE_EXCEEDED", "Embed size exceeds maximum size of 6000"))
            : null;
    }

    private static JsonObject FieldError(string field, string code, string message) =>
        new() { [field] = new JsonObject { ["_errors"] = new JsonArray(new JsonObject { ["code"] = code, ["message"] = message }) } };

    private static FakeResult UnknownMessage() => FakeResult.Error(404, 10008, "Unknown Message");
}
