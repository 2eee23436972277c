using System.Globalization;
using System.Text;
using Bot.Search.Analysis;
using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// Answers a question from a snapshot: BM25 candidates from the postings, reranked by how much of the
/// question each covers and whether it contains the question's phrases, cut by a relevance threshold,
/// then near-duplicates suppressed in favour of the cleaner transcript.
/// </summary>
internal sealed class Ranker(RankingParameters parameters)
{
    [ThreadStatic]
    private static Scratch? scratch;

    public SearchResponse Search(IndexSnapshot snapshot, string question, SearchOptions options)
    {
        var query = QueryAnalyzer.Analyze(question);
        if (query.IsEmpty || snapshot.Passages.Length == 0)
            return new SearchResponse(question, [], query.Terms);

        var plan = QueryPlan.Create(query, snapshot);
        var work = Scratch.For(snapshot);
        try
        {
            foreach (var (term, index) in plan.Terms.Select((t, i) => (t, i)))
                if (term.Id >= 0)
                    work.QueryIndexOf[term.Id] = index;

            var candidates = Candidates(snapshot, plan, options, work);
            var scored = new List<Scored>(candidates.Count);
            foreach (var (passage, bm25) in candidates)
            {
                var features = Measure(snapshot.Passages[passage], plan, work);
                if (features.Coverage < parameters.MinCoverage)
                    continue;
                var score = bm25
                    * (parameters.CoverageFloor + (1 - parameters.CoverageFloor) * Math.Pow(features.Coverage, parameters.CoveragePower))
                    * (1 + parameters.PhraseBoost * features.Phrase);
                scored.Add(new Scored(snapshot.Passages[passage], score, bm25, features));
            }
            scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Passage.Index.CompareTo(b.Passage.Index));

            var distinct = SuppressNearDuplicates(scored, snapshot.Terms);
            var hits = distinct
                .Skip(options.Offset)
                .Take(options.Limit)
                .Select((s, i) => Hit(s, options.Offset + i + 1, plan, work, options.Explain))
                .ToList();
            return new SearchResponse(question, hits, query.Terms) { MoreAvailable = Math.Max(0, distinct.Count - options.Offset - options.Limit) };
        }
        finally
        {
            foreach (var term in plan.Terms)
                if (term.Id >= 0)
                    work.QueryIndexOf[term.Id] = -1;
        }
    }

    /// <summary>The best passages by BM25, one per group of identical passages.</summary>
    private List<(int Passage, double Bm25)> Candidates(IndexSnapshot snapshot, QueryPlan plan, SearchOptions options, Scratch work)
    {
        var scores = work.Scores;
        var touched = work.Touched;
        touched.Clear();
        var lengthNorm = snapshot.LengthNorm(parameters.K1, parameters.B);
        foreach (var term in plan.Terms)
        {
            if (term.Id < 0)
                continue;
            var weight = (float)(term.Weight * term.Idf * (parameters.K1 + 1));
            var passages = snapshot.Postings.Passages(term.Id);
            var frequencies = snapshot.Postings.Frequencies(term.Id);
            for (var i = 0; i < passages.Length; i++)
            {
                var p = passages[i];
                if (scores[p] == 0)
                    touched.Add(p);
                float tf = frequencies[i];
                scores[p] += weight * tf / (tf + lengthNorm[p]);
            }
        }

        var heap = new PriorityQueue<int, float>(parameters.Candidates + 1);
        foreach (var p in touched)
        {
            var score = scores[p];
            scores[p] = 0;
            var passage = snapshot.Passages[p];
            if (options.Source is not null)
            {
                if (!passage.Document.Source.Equals(options.Source, StringComparison.OrdinalIgnoreCase))
                    continue;
            }
            else if (passage.DuplicateGroup != p)
            {
                continue;
            }
            if (heap.Count < parameters.Candidates)
                heap.Enqueue(p, score);
            else if (heap.TryPeek(out _, out var lowest) && score > lowest)
                heap.EnqueueDequeue(p, score);
        }

        var result = new List<(int, double)>(heap.Count);
        while (heap.TryDequeue(out var p, out var s))
            result.Add((p, s));
        return result;
    }

    /// <summary>How much of the question a passage covers, and how much of it as unbroken phrases.</summary>
    private static Features Measure(IndexedPassage passage, QueryPlan plan, Scratch work)
    {
        var matched = work.Matched(plan.Terms.Count);
        var positions = work.Positions(plan.Terms.Count);
        var tokens = passage.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var q = work.QueryIndexOf[tokens.TermIds[i]];
            if (q < 0)
                continue;
            matched[q] = true;
            positions[q].Add(tokens.Starts[i]);
        }

        double covered = 0, phraseWeight = 0, phrase = 0;
        foreach (var segment in plan.Segments)
        {
            double segmentMatched = 0;
            foreach (var t in segment.Terms)
                if (matched[t])
                    segmentMatched += plan.Terms[t].Weight * plan.Terms[t].Idf;
            covered += segmentMatched;
            if (segment.IsCjk && segment.Terms.Length >= 2)
            {
                phraseWeight += segment.Weight;
                phrase += segment.Weight * LongestChain(segment, positions) / segment.Terms.Length;
            }
        }
        return new Features(plan.TotalWeight == 0 ? 0 : covered / plan.TotalWeight, phraseWeight == 0 ? 0 : phrase / phraseWeight);
    }

    /// <summary>The most consecutive bigrams of the segment found side by side in the passage.</summary>
    private static int LongestChain(PlannedSegment segment, List<int>[] positions)
    {
        var best = 0;
        for (var start = 0; start < segment.Terms.Length && segment.Terms.Length - start > best; start++)
        {
            foreach (var position in positions[segment.Terms[start]])
            {
                var length = 1;
                var at = position;
                while (start + length < segment.Terms.Length && positions[segment.Terms[start + length]].Contains(at + 1))
                {
                    at++;
                    length++;
                }
                best = Math.Max(best, length);
            }
        }
        return best;
    }

    /// <summary>
    /// Keeps one passage of each group that says the same thing (a copy, another translation): the one from
    /// the cleaner transcript, at the best rank the group reached.
    /// </summary>
    private List<Scored> SuppressNearDuplicates(List<Scored> scored, TermDictionary terms)
    {
        var kept = new List<Scored>(scored.Count);
        foreach (var candidate in scored)
        {
            var duplicateOf = kept.FindIndex(k => Containment(k.Passage.ContentTerms(terms), candidate.Passage.ContentTerms(terms)) >= parameters.NearDuplicate);
            if (duplicateOf < 0)
                kept.Add(candidate);
            else if (candidate.Passage.Document.Quality > kept[duplicateOf].Passage.Document.Quality)
                kept[duplicateOf] = candidate with { Score = kept[duplicateOf].Score };
        }
        return kept;
    }

    /// <summary>Shared terms as a share of the smaller set: 1 when one passage is contained in the other.</summary>
    private static double Containment(int[] a, int[] b)
    {
        if (a.Length == 0 || b.Length == 0)
            return 0;
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { shared++; i++; j++; }
            else if (a[i] < b[j]) i++;
            else j++;
        }
        return (double)shared / Math.Min(a.Length, b.Length);
    }

    private static SearchHit Hit(Scored scored, int rank, QueryPlan plan, Scratch work, bool explain)
    {
        var passage = scored.Passage;
        var spans = new List<TextSpan>();
        var tokens = passage.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            if (work.QueryIndexOf[tokens.TermIds[i]] < 0)
                continue;
            int start = tokens.Starts[i], end = start + tokens.Lengths[i];
            if (spans.Count > 0 && start <= spans[^1].End)
                spans[^1] = new TextSpan(spans[^1].Start, Math.Max(spans[^1].End, end) - spans[^1].Start);
            else
                spans.Add(new TextSpan(start, end - start));
        }
        var document = passage.Document;
        var view = new PassageView(document.Source, document.Title, document.Url, passage.Locator, passage.Section, passage.Text, passage.Ordinal);
        return new SearchHit(rank, Math.Round(scored.Score, 3), view, spans, explain ? Explain(scored, plan) : null);
    }

    private static string Explain(Scored scored, QueryPlan plan)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"score {scored.Score:F3} = bm25 {scored.Bm25:F3} × coverage {scored.Features.Coverage:F2} × phrase {scored.Features.Phrase:F2}; terms:");
        foreach (var term in plan.Terms)
            text.Append(CultureInfo.InvariantCulture, $" {term.Text}(idf {term.Idf:F2}{(term.Id < 0 ? ", not in corpus" : "")})");
        return text.ToString();
    }

    private sealed record Scored(IndexedPassage Passage, double Score, double Bm25, Features Features);

    private readonly record struct Features(double Coverage, double Phrase);

    /// <summary>Per-thread buffers sized to the snapshot, so a query allocates little.</summary>
    private sealed class Scratch
    {
        private bool[] matched = new bool[16];
        private List<int>[] positions = [];

        private Scratch(int passages, int terms)
        {
            Scores = new float[passages];
            QueryIndexOf = new int[terms];
            Array.Fill(QueryIndexOf, -1);
        }

        public float[] Scores { get; }
        public int[] QueryIndexOf { get; }
        public List<int> Touched { get; } = [];

        public static Scratch For(IndexSnapshot snapshot)
        {
            var current = scratch;
            if (current is null || current.Scores.Length < snapshot.Passages.Length || current.QueryIndexOf.Length < snapshot.Terms.Count)
                scratch = current = new Scratch(snapshot.Passages.Length, snapshot.Terms.Count);
            return current;
        }

        public bool[] Matched(int count)
        {
            if (matched.Length < count)
                matched = new bool[count];
            Array.Clear(matched, 0, count);
            return matched;
        }

        public List<int>[] Positions(int count)
        {
            if (positions.Length < count)
                positions = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
            for (var i = 0; i < count; i++)
                positions[i].Clear();
            return positions;
        }
    }
}
