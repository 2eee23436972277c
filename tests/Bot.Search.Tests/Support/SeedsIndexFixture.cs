using Bot.Search.Corpus;
using Bot.Search.Index;

namespace Bot.Search.Tests.Support;

/// <summary>
/// The five seed transcripts indexed once per test class that only reads them: a copy of the seeds and an
/// index file in a temp folder of its own.
/// </summary>
public sealed class SeedsIndexFixture : IDisposable
{
    private readonly TempCorpus corpus = new(withSeeds: true);

    public SeedsIndexFixture()
    {
        Index = corpus.Open();
        Report = Index.Update();
        DocumentCount = Index.Documents.Count;
        PassageCount = Index.PassageCount;
    }

    public SearchIndex Index { get; }

    internal IndexReport Report { get; }

    public int DocumentCount { get; }

    public int PassageCount { get; }

    public string IndexPath => corpus.IndexPath;

    public string CorpusPath => corpus.CorpusPath;

    public void Dispose() => corpus.Dispose();
}

/// <summary>The seeds as the parser reads them, for tests about passages rather than search.</summary>
internal static class ParsedSeeds
{
    private static readonly Lazy<IReadOnlyDictionary<string, (string Raw, ParsedTranscript Parsed)>> All = new(() =>
        Repo.SeedFiles().ToDictionary(
            f => Path.GetFileName(f),
            f =>
            {
                var raw = TranscriptDecoder.Decode(File.ReadAllBytes(f)).Text!;
                return (raw, new TranscriptParser().Parse(Path.GetFileName(f), raw));
            }));

    public static IReadOnlyDictionary<string, (string Raw, ParsedTranscript Parsed)> ByName => All.Value;
}
