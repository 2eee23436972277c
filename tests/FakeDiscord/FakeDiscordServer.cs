namespace FakeDiscord;

public sealed class FakeDiscordServer
{
}
