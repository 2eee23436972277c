namespace Bot.Discord.Models;

/// <summary>Discord permission bits (developers/topics/permissions.mdx), parsed from the decimal string Discord sends.</summary>
[Flags]
public enum Permissions : ulong
{
    None = 0,
    CreateInstantInvite = 1UL << 0,
    KickMembers = 1UL << 1,
    BanMembers = 1UL << 2,
    Administrator = 1UL << 3,
    ManageChannels = 1UL << 4,
    ManageGuild = 1UL << 5,
    AddReactions = 1UL << 6,
    ViewAuditLog = 1UL << 7,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    ManageMessages = 1UL << 13,
    EmbedLinks = 1UL << 14,
    AttachFiles = 1UL << 15,
    ReadMessageHistory = 1UL << 16,
    MentionEveryone = 1UL << 17,
    UseExternalEmojis = 1UL << 18,
    ManageRoles = 1UL << 28,
    UseApplicationCommands = 1UL << 31,
    ManageThreads = 1UL << 34,
    SendMessagesInThreads = 1UL << 38,
    ModerateMembers = 1UL << 40,

    /// <summary>Split out of ManageMessages in 2025; since January 2026 the only permission that allows pinning.</summary>
    PinMessages = 1UL << 51,
}
