using System.Collections.Concurrent;
using Bot.Search.Analysis;
using Bot.Search.Ranking;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Util;

namespace Bot.Search.Index;

/// <summary>
/// One commit of the index as questions see it: Lucene's searcher (BM25) with what the reranker reads for every
/// candidate kept in arrays by document number (its transcript, length, units, question length), the transcripts, and
/// which passage of each set of identical copies competes. Built once per commit by <see cref="Factory"/>, so no
/// question waits for it.
/// </summary>
internal sealed class CorpusSearcher : IndexSearcher
{
    private readonly int[] fileOf;
    private readonly int[] length;
    private readonly int[] firstUnit;
    private readonly int[] lastUnit;
    private readonly int[] questionLength;
    private readonly int[][] passagesOf;
    private readonly Dictionary<string, int> fileIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> fileOfRecord = [];
    private readonly ConcurrentDictionary<int, IReadOnlySet<string>> titleTerms = new();

    public CorpusSearcher(IndexReader reader, RankingParameters parameters) : base(reader)
    {
        Similarity = new BM25Similarity(parameters.K1, parameters.B);
        var maxDoc = reader.MaxDoc;
        fileOf = new int[maxDoc];
        length = new int[maxDoc];
        firstUnit = new int[maxDoc];
        lastUnit = new int[maxDoc];
        questionLength = new int[maxDoc];
        Array.Fill(fileOf, -1);

        var files = new List<(IndexedDocument File, int Doc)>();
        var sourceOf = new string?[maxDoc];
        var digestOf = new long[maxDoc];
        foreach (var leaf in reader.Leaves)
        {
            var atomic = leaf.AtomicReader;
            var live = atomic.LiveDocs;
            var sources = atomic.GetSortedDocValues(PassageFields.Source);
            var measures = atomic.GetBinaryDocValues(PassageFields.Measures);
            var value = new BytesRef();
            var names = new Dictionary<int, string>();
            var scratch = new BytesRef();
            for (var doc = 0; doc < atomic.MaxDoc; doc++)
            {
                if (live is not null && !live.Get(doc))
                    continue;
                var ord = sources?.GetOrd(doc) ?? -1;
                if (ord < 0)
                {
                    files.Add((ReadFile(atomic.Document(doc)), leaf.DocBase + doc));
                    continue;
                }
                if (!names.TryGetValue(ord, out var source))
                {
                    sources!.LookupOrd(ord, scratch);
                    names[ord] = source = scratch.Utf8ToString();
                }
                var global = leaf.DocBase + doc;
                sourceOf[global] = source;
                measures!.Get(doc, value);
                var measured = PassageMeasures.Decode(value);
                length[global] = measured.Length;
                firstUnit[global] = measured.FirstUnit;
                lastUnit[global] = measured.LastUnit;
                questionLength[global] = measured.QuestionLength;
                digestOf[global] = measured.Digest;
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.File.Source, b.File.Source));
        Files = files.Select(f => f.File).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            fileIndex[files[i].File.Source] = i;
            fileOfRecord[files[i].Doc] = i;
        }
        var passages = new List<int>[files.Count];
        for (var i = 0; i < passages.Length; i++)
            passages[i] = [];
        long totalLength = 0;
        for (var doc = 0; doc < maxDoc; doc++)
        {
            if (sourceOf[doc] is not { } source || !fileIndex.TryGetValue(source, out var file))
                continue;
            fileOf[doc] = file;
            passages[file].Add(doc);
            totalLength += length[doc];
            PassageCount++;
        }
        passagesOf = passages.Select(p => p.ToArray()).ToArray();
        AverageLength = PassageCount == 0 ? 1 : (float)totalLength / PassageCount;
        AverageWords = PassageCount == 0 ? 1 : Math.Max(1, reader.GetSumTotalTermFreq(PassageFields.Text) / (double)PassageCount);
        var representative = Representatives(digestOf);
        // No filter at all when no two passages are the same (the usual case): filtering costs a query a third more.
        Representative = representative.Cardinality == PassageCount ? null : new DocumentSetFilter(reader.Leaves.Select(leaf => Slice(representative, leaf)).ToList());
        Contents = new ContentSimilarity(this);
    }

    /// <summary>The indexed transcripts, by file name.</summary>
    public IReadOnlyList<IndexedDocument> Files { get; }

    public int PassageCount { get; }

    /// <summary>Mean passage length in characters, for BM25's length normalisation of the reranker's own terms.</summary>
    public float AverageLength { get; }

    /// <summary>Mean number of SmartCn words in a passage.</summary>
    public double AverageWords { get; }

    /// <summary>Passes only the first of each set of identical passages (copies of a file): the others never compete.</summary>
    public Filter? Representative { get; }

    /// <summary>Tells passages that say the same thing; remembers its comparisons for this commit.</summary>
    public ContentSimilarity Contents { get; }

    /// <summary>The passage as shown: its text, locator, section and ordinal, read from its doc value.</summary>
    public StoredPassage Passage(int doc)
    {
        var leaves = IndexReader.Leaves;
        var leaf = leaves[ReaderUtil.SubIndex(doc, leaves)];
        var value = new BytesRef();
        // Fetched per call: Lucene keeps one instance of a doc value per thread.
        leaf.AtomicReader.GetBinaryDocValues(PassageFields.Shown).Get(doc - leaf.DocBase, value);
        return ShownPassage.Decode(value);
    }

    /// <summary>Each transcript's BM25 score for a query of its title fields (only the file records have them).</summary>
    public float[] TitleScores(Query query)
    {
        var collector = new TitleCollector(new float[Files.Count], fileOfRecord);
        if (Files.Count > 0)
            Search(query, collector);
        return collector.Scores;
    }

    /// <summary>
    /// Writes each file record's score into its transcript's place, document at a time: no priority queue, and not
    /// Lucene's term-at-a-time table allocated for every query and segment (measured: 100 KB a question for a few
    /// hundred records).
    /// </summary>
    private sealed class TitleCollector(float[] scores, Dictionary<int, int> fileOfRecord) : ICollector
    {
        private Scorer? scorer;
        private int docBase;

        public float[] Scores => scores;

        public bool AcceptsDocsOutOfOrder => false;

        public void SetScorer(Scorer scorer) => this.scorer = scorer;

        public void SetNextReader(AtomicReaderContext context) => docBase = context.DocBase;

        public void Collect(int doc)
        {
            if (fileOfRecord.TryGetValue(docBase + doc, out var file))
                scores[file] = scorer!.GetScore();
        }
    }

    /// <summary>The bigram-field terms of a transcript's title, analysed the first time a question needs them.</summary>
    public IReadOnlySet<string> TitleTerms(int file) =>
        titleTerms.GetOrAdd(file, f => AnalyzedToken.Read(QueryAnalyzer.Bigrams, PassageFields.TitleBigrams, Files[f].Title).Select(t => t.Term).ToHashSet(StringComparer.Ordinal));

    /// <summary>The transcript a passage belongs to, as an index into <see cref="Files"/>.</summary>
    public int FileOf(int doc) => fileOf[doc];

    /// <summary>The passage's length in characters.</summary>
    public int Length(int doc) => length[doc];

    public int QuestionLength(int doc) => questionLength[doc];

    /// <summary>The document numbers of a transcript's passages.</summary>
    public IReadOnlyList<int> PassagesOf(int file) => passagesOf[file];

    /// <summary>The index of the transcript with this file name (exact, else ignoring case), or -1.</summary>
    public int FindFile(string source)
    {
        if (fileIndex.TryGetValue(source, out var exact))
            return exact;
        for (var i = 0; i < Files.Count; i++)
            if (Files[i].Source.Equals(source, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }

    /// <summary>True when both passages are windows of the same transcript that share lines.</summary>
    public bool Overlap(int a, int b) =>
        fileOf[a] == fileOf[b] && firstUnit[a] >= 0 && firstUnit[b] >= 0 && firstUnit[a] <= lastUnit[b] && firstUnit[b] <= lastUnit[a];

    /// <summary>Of identical passages, the one from the cleanest transcript (then the first by file name) competes.</summary>
    private FixedBitSet Representatives(long[] digestOf)
    {
        var best = new Dictionary<long, int>();
        for (var doc = 0; doc < fileOf.Length; doc++)
        {
            if (fileOf[doc] < 0)
                continue;
            if (!best.TryGetValue(digestOf[doc], out var other) || Better(doc, other))
                best[digestOf[doc]] = doc;
        }
        var bits = new FixedBitSet(Math.Max(1, fileOf.Length));
        foreach (var doc in best.Values)
            bits.Set(doc);
        return bits;
    }

    private bool Better(int doc, int other)
    {
        var (a, b) = (Files[fileOf[doc]], Files[fileOf[other]]);
        return a.Quality != b.Quality ? a.Quality > b.Quality : string.CompareOrdinal(a.Source, b.Source) < 0;
    }

    private static FixedBitSet Slice(FixedBitSet global, AtomicReaderContext leaf)
    {
        var bits = new FixedBitSet(Math.Max(1, leaf.AtomicReader.MaxDoc));
        for (var doc = 0; doc < leaf.AtomicReader.MaxDoc; doc++)
            if (global.Get(leaf.DocBase + doc))
                bits.Set(doc);
        return bits;
    }

    private static IndexedDocument ReadFile(Lucene.Net.Documents.Document record) => new(
        record.Get(PassageFields.Source),
        record.Get(PassageFields.Title),
        record.Get(PassageFields.Url),
        record.GetField(PassageFields.Quality).GetDoubleValue() ?? 0,
        record.Get(PassageFields.Hash),
        record.Get(PassageFields.Encoding),
        record.GetField(PassageFields.PassageCount).GetInt32Value() ?? 0);

    /// <summary>Makes a <see cref="CorpusSearcher"/> for each commit <see cref="SearcherManager"/> opens.</summary>
    public sealed class Factory(RankingParameters parameters) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new CorpusSearcher(reader, parameters);
    }
}
