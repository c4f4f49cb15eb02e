using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Bot.Discord.Payloads;

namespace Bot.Tests.Discord.Payloads;

/// <summary>
/// Each golden fixture (written from the examples in Discord's documentation, holding only the fields
/// the bot models) reads into its record and writes back to the same JSON, nulls aside: the bot omits
/// null fields by design.
/// </summary>
public sealed class PayloadRoundTripTests
{
    [Fact]
    public void Message_Golden_RoundTrips()
    {
        var message = RoundTrip("message.json", DiscordJsonContext.Default.Message);

        Assert.Equal("1220000000000000003", message.Author.Id);
        Assert.Equal(ComponentType.Button, message.Components![0].Components![1].Type);
        Assert.Equal("Any retrieval papers today?", message.ReferencedMessage!.Content);
        Assert.Equal(4096, message.Attachments![0].Size);
    }

    [Fact]
    public void Interaction_CommandGolden_RoundTrips()
    {
        var interaction = RoundTrip("interaction-command.json", DiscordJsonContext.Default.Interaction);

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        var search = interaction.Data!.Options![0];
        Assert.Equal(ApplicationCommandOptionType.SubCommand, search.Type);
        Assert.True(search.Options![0].Focused);
        Assert.Equal(5, search.Options[1].Value!.Value.GetInt32());
        Assert.Equal("notes.md", interaction.Data.Resolved!.Attachments!["1250000000000000006"].Filename);
        Assert.Equal("ada", interaction.Invoker!.Username);
    }

    [Fact]
    public void Interaction_ComponentGolden_RoundTrips()
    {
        var interaction = RoundTrip("interaction-component.json", DiscordJsonContext.Default.Interaction);

        Assert.Equal(["nlp", "vision"], interaction.Data!.Values!);
        Assert.Equal(ComponentType.StringSelect, interaction.Data.ComponentType);
        Assert.Equal("ada", interaction.Invoker!.Username);
    }

    [Fact]
    public void InteractionResponse_Golden_RoundTrips()
    {
        var response = RoundTrip("interaction-response.json", DiscordJsonContext.Default.InteractionResponse);

        Assert.Equal(MessageFlags.Ephemeral, response.Data!.Flags);
        Assert.Empty(response.Data.AllowedMentions!.Parse);
    }

    [Fact]
    public void ApplicationCommands_Golden_RoundTrip()
    {
        var commands = RoundTrip("application-commands.json", DiscordJsonContext.Default.ApplicationCommandArray);

        var options = commands[0].Options!;
        Assert.Equal([ApplicationCommandOptionType.String, ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.String, ApplicationCommandOptionType.Boolean, ApplicationCommandOptionType.Attachment], options.Select(o => o.Type));
        Assert.Equal(25, options[1].MaxValue);
        Assert.Equal("8192", commands[0].DefaultMemberPermissions);
    }

    [Fact]
    public void MessageReactionAdd_Golden_RoundTrips()
    {
        var reaction = RoundTrip("message-reaction-add.json", DiscordJsonContext.Default.MessageReactionAdd);

        Assert.Null(reaction.Emoji.Id);
        Assert.Equal("👍", reaction.Emoji.Name);
    }

    [Fact]
    public void Ready_Golden_RoundTrips()
    {
        var ready = RoundTrip("ready.json", DiscordJsonContext.Default.Ready);

        Assert.Equal("1270000000000000002", ready.Application.Id);
        Assert.True(ready.User.Bot);
    }

    [Fact]
    public void RestResponses_Golden_RoundTrip()
    {
        Assert.Equal(1000, RoundTrip("gateway-bot.json", DiscordJsonContext.Default.GatewayBot).SessionStartLimit.Total);
        Assert.Equal(ChannelType.PublicThread, RoundTrip("channel.json", DiscordJsonContext.Default.Channel).Type);
        Assert.Equal(50035, RoundTrip("error.json", DiscordJsonContext.Default.DiscordErrorBody).Code);
    }

    [Fact]
    public void Deserialize_UnknownFieldsAndTypes_Ignored()
    {
        const string json = """{"id": "1", "channel_id": "2", "author": {"id": "3", "username": "x", "public_flags": 64}, "content": "", "tts": false, "pinned": false, "components": [{"type": 17, "accent_color": 703487}]}""";

        var message = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.Message)!;

        Assert.Equal((ComponentType)17, message.Components![0].Type);
    }

    [Fact]
    public void Serialize_ButtonAndMessage_SnakeCaseWithoutNulls()
    {
        var json = JsonSerializer.Serialize(new MessageCreate("hi", Components: [Component.ActionRow(Component.Button(ButtonStyle.Danger, "Stop", "stop:1"))], AllowedMentions: AllowedMentions.None), DiscordJsonContext.Default.MessageCreate);

        Assert.Equal("""{"content":"hi","components":[{"type":1,"components":[{"type":2,"style":4,"label":"Stop","custom_id":"stop:1"}]}],"allowed_mentions":{"parse":[]}}""", json);
    }

    private static T RoundTrip<T>(string fixture, JsonTypeInfo<T> type)
    {
        var original = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Discord", "Payloads", "Golden", fixture));
        var value = JsonSerializer.Deserialize(original, type)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(value, type));
        var expected = WithoutNulls(JsonNode.Parse(original));
        Assert.True(JsonNode.DeepEquals(expected, written), $"{fixture} did not round-trip:\n{written?.ToJsonString()}");
        return value;
    }

    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, _) in obj.Where(p => p.Value is null).ToList())
                {
                    obj.Remove(name);
                }
                foreach (var (_, child) in obj)
                {
                    WithoutNulls(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    WithoutNulls(child);
                }
                break;
        }
        return node;
    }
}
