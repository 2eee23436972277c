using Bot.Search.Analysis;
using Bot.Search.Index;
using Lucene.Net.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// A question resolved against one commit: its distinct bigram-field terms with weights and IDF, its segments'
/// weights and bigrams in order (for phrases), and its words with how characteristic of the corpus each is.
/// </summary>
internal sealed class QueryPlan
{
    /// <summary>
    /// A word's share of Chinese at large is its SmartCn count over about this many words; times the words of a passage,
    /// it is the share of passages that would hold it if the corpus were ordinary Chinese.
    /// </summary>
    private const double GeneralWords = 8e6;

    private QueryPlan(List<PlannedTerm> terms, List<PlannedSegment> segments, List<PlannedConcept> concepts)
    {
        Terms = terms;
        Segments = segments;
        Concepts = concepts;
        TotalWeight = segments.Sum(s => s.Weight);
    }

    /// <summary>Distinct terms of the bigram field; a term's index here is how features refer to it.</summary>
    public List<PlannedTerm> Terms { get; }

    public List<PlannedSegment> Segments { get; }

    public List<PlannedConcept> Concepts { get; }

    public double TotalWeight { get; }

    /// <summary>A word SmartCn's dictionary counts at most this often is taken for a name.</summary>
    private const int NameFrequency = 20;

    public static QueryPlan Create(AnalyzedQuery query, CorpusSearcher searcher, QueryWeights weights)
    {
        var reader = searcher.IndexReader;
        var n = Math.Max(1, searcher.PassageCount);
        // The distinct terms first, then all looked up in one pass over each segment of the index: the query and
        // the reader of occurrences reuse the lookups.
        var byText = new Dictionary<string, int>(StringComparer.Ordinal);
        var distinct = new List<(string Text, QueryTermKind Kind, float Weight)>();
        var segmentTerms = new List<int[]>();
        foreach (var segment in query.Segments)
        {
            var indexes = new int[segment.Terms.Count];
            for (var i = 0; i < segment.Terms.Count; i++)
            {
                var term = segment.Terms[i];
                var weight = weights.Of(term.Kind);
                if (!byText.TryGetValue(term.Term, out var index))
                {
                    byText[term.Term] = index = distinct.Count;
                    distinct.Add((term.Term, term.Kind, weight));
                }
                else if (weight > distinct[index].Weight)
                {
                    distinct[index] = (term.Term, term.Kind, weight);
                }
                indexes[i] = index;
            }
            segmentTerms.Add(indexes);
        }
        var lucene = distinct.Select(d => new Term(PassageFields.Bigrams, d.Text)).ToList();
        var contexts = Lookup(reader, lucene);
        var terms = distinct.Select((d, i) => new PlannedTerm(d.Text, d.Kind, d.Weight, Idf(n, contexts[i].DocFreq), lucene[i], contexts[i])).ToList();

        var segments = segmentTerms.Select(indexes => new PlannedSegment(
            indexes.Distinct().Sum(i => terms[i].IsBackoff ? 0 : terms[i].Weight * terms[i].Idf),
            indexes.Where(i => terms[i].Kind is QueryTermKind.Bigram or QueryTermKind.Bridge).ToArray())).ToList();

        var concepts = new List<PlannedConcept>();
        foreach (var concept in query.Concepts)
        {
            var indexes = concept.Terms.Select(t => byText.TryGetValue(t, out var i) ? i : -1).Where(i => i >= 0).ToArray();
            if (indexes.Length == 0)
                continue;
            var df = indexes.Min(i => terms[i].DocumentFrequency);
            // A common single character (做, 发) or a number is never the key of a question, however often the corpus has it.
            var keyness = concept.Word.Length == 1 && concept.GeneralFrequency >= QueryAnalyzer.RareCharacterFrequency || concept.Word.All(char.IsAsciiDigit)
                ? double.NegativeInfinity
                : Math.Log((df + 0.5) / n) - Math.Log((concept.GeneralFrequency + 0.5) / GeneralWords * searcher.AverageWords);
            concepts.Add(new PlannedConcept(concept.Word, indexes, indexes.Average(i => terms[i].Idf), keyness, concept.GeneralFrequency <= NameFrequency && !concept.Word.All(char.IsAsciiDigit)));
        }
        return new QueryPlan(terms, segments, concepts);
    }

    /// <summary>
    /// Where each term is in each segment of the commit: what TermContext.Build does for one term, for all of them
    /// with one terms enumerator per segment (making one is what costs).
    /// </summary>
    private static TermContext[] Lookup(IndexReader reader, IReadOnlyList<Term> bigrams)
    {
        var contexts = bigrams.Select(_ => new TermContext(reader.Context)).ToArray();
        foreach (var leaf in reader.Leaves)
        {
            var terms = leaf.AtomicReader.GetTerms(PassageFields.Bigrams)?.GetEnumerator();
            if (terms is null)
                continue;
            for (var i = 0; i < bigrams.Count; i++)
                if (terms.SeekExact(bigrams[i].Bytes))
                    contexts[i].Register(terms.GetTermState(), leaf.Ord, terms.DocFreq, terms.TotalTermFreq);
        }
        return contexts;
    }

    /// <summary>BM25's IDF, as Lucene computes it: never negative, highest for terms the corpus lacks.</summary>
    public static double Idf(int passages, int documentFrequency) =>
        Math.Log(1 + (passages - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/// <param name="Lucene">The term in the bigram field.</param>
/// <param name="Context">Where the term is in each segment of the commit, looked up once per question.</param>
internal sealed record PlannedTerm(string Text, QueryTermKind Kind, float Weight, double Idf, Term Lucene, TermContext Context)
{
    public bool IsBackoff => Kind == QueryTermKind.Backoff;

    public int DocumentFrequency => Context.DocFreq;
}

/// <param name="Weight">The segment's share of the question: the weighted IDF of its terms.</param>
/// <param name="BigramTerms">Its bigrams in order (indexes into <see cref="QueryPlan.Terms"/>), for phrase matching.</param>
internal sealed record PlannedSegment(double Weight, int[] BigramTerms);

/// <param name="Terms">Indexes into <see cref="QueryPlan.Terms"/> that make up the word.</param>
/// <param name="Weight">The word's mean IDF (a word no passage has weighs the most).</param>
/// <param name="Keyness">How characteristic of this corpus the word is: its share of passages here against its frequency in
/// Chinese at large. 模型 in a corpus about AI is key; 今天 or 喜欢 are common everywhere and key nowhere.</param>
/// <param name="IsName">Rare or unknown in Chinese at large (尼崎藩, 宇宙奇兵, Schulman): what names an article or a person.</param>
internal sealed record PlannedConcept(string Word, int[] Terms, double Weight, double Keyness, bool IsName);
