using Bot.Search.Ranking;

namespace Bot.Storage;

/// <summary>Which passage: its file and where in it, as a citation names it.</summary>
internal sealed record PassageKey(string Source, string Locator)
{
    public static PassageKey Of(PassageView passage) => new(passage.Source, passage.Locator);

    public static PassageKey Of(PinnedPassage passage) => new(passage.Source, passage.Locator);

    public bool Is(PassageView passage) => passage.Source == Source && passage.Locator == Locator;
}
