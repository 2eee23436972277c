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
        var query = QueryAnalyzer.Analyze(question, parameters.Query);
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
                if (features.Found < parameters.MinFound)
                    continue;
                var score = bm25
                    * (parameters.CoverageFloor + (1 - parameters.CoverageFloor) * Math.Pow(features.Coverage, parameters.CoveragePower))
                    * (1 + parameters.PhraseBoost * features.Phrase)
                    * (1 + parameters.ProximityBoost * features.Proximity)
                    * (1 + parameters.QuestionBoost * features.QuestionCoverage);
                scored.Add(new Scored(snapshot.Passages[passage], score, bm25, features));
            }
            scored.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Passage.Index.CompareTo(b.Passage.Index));

            var distinct = SuppressNearDuplicates(scored, snapshot.Similarity);
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

    /// <summary>
    /// How much of the question a passage covers, how much of it as unbroken phrases, how close together the
    /// question's segments stand, and how much of it the answer's own interviewer question covers.
    /// </summary>
    private static Features Measure(IndexedPassage passage, QueryPlan plan, Scratch work)
    {
        var matched = work.Matched(plan.Terms.Count);
        var inQuestion = work.MatchedInQuestion(plan.Terms.Count);
        var positions = work.Positions(plan.Terms.Count);
        var tokens = passage.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var q = work.QueryIndexOf[tokens.TermIds[i]];
            if (q < 0)
                continue;
            matched[q] = true;
            inQuestion[q] |= tokens.Starts[i] < passage.QuestionLength;
            positions[q].Add(tokens.Starts[i] << 8 | tokens.Lengths[i]);
        }

        double covered = 0, coveredByQuestion = 0, phraseWeight = 0, phrase = 0, conceptsWeight = 0, conceptsFound = 0;
        foreach (var segment in plan.Segments)
        {
            foreach (var t in segment.Terms)
            {
                var weight = plan.Terms[t].Weight * plan.Terms[t].Idf;
                if (matched[t])
                    covered += weight;
                if (inQuestion[t])
                    coveredByQuestion += weight;
            }
            // A word counts as found when most of its bigrams are: 今天 alone does not find 今天天气's 天气.
            foreach (var concept in segment.Concepts)
            {
                var weight = concept.Average(t => plan.Terms[t].Idf);
                conceptsWeight += weight;
                if (concept.Count(t => matched[t]) * 2 >= concept.Length)
                    conceptsFound += weight;
            }
            if (segment.IsCjk && segment.Bigrams >= 2)
            {
                phraseWeight += segment.Weight;
                phrase += segment.Weight * LongestChain(segment, plan, positions) / segment.Bigrams;
            }
        }

        double pairWeight = 0, proximity = 0;
        for (var s = 1; s < plan.Segments.Count; s++)
        {
            var weight = Math.Min(plan.Segments[s - 1].Weight, plan.Segments[s].Weight);
            pairWeight += weight;
            var gap = SmallestGap(plan.Segments[s - 1], plan.Segments[s], positions);
            if (gap >= 0)
                proximity += weight / (1 + Math.Max(0, gap - 1) / 3.0);
        }

        var total = plan.TotalWeight;
        return new Features(
            total == 0 ? 0 : covered / total,
            phraseWeight == 0 ? 0 : phrase / phraseWeight,
            pairWeight == 0 ? 0 : proximity / pairWeight,
            total == 0 ? 0 : coveredByQuestion / total,
            conceptsWeight == 0 ? 0 : conceptsFound / conceptsWeight);
    }

    /// <summary>The most consecutive bigrams of the segment found side by side in the passage.</summary>
    private static int LongestChain(PlannedSegment segment, QueryPlan plan, List<int>[] positions)
    {
        var bigrams = segment.Terms.Where(t => plan.Terms[t].Kind == TokenKind.Bigram).ToArray();
        var best = 0;
        for (var start = 0; start < bigrams.Length && bigrams.Length - start > best; start++)
        {
            foreach (var packed in positions[bigrams[start]])
            {
                var length = 1;
                var at = packed >> 8;
                while (start + length < bigrams.Length && positions[bigrams[start + length]].Exists(p => p >> 8 == at + 1))
                {
                    at++;
                    length++;
                }
                best = Math.Max(best, length);
            }
        }
        return best;
    }

    /// <summary>Characters between the nearest matches of two segments, or -1 when either is missing.</summary>
    private static int SmallestGap(PlannedSegment a, PlannedSegment b, List<int>[] positions)
    {
        var best = int.MaxValue;
        foreach (var ta in a.Terms)
        {
            foreach (var pa in positions[ta])
            {
                int aStart = pa >> 8, aEnd = aStart + (pa & 0xFF);
                foreach (var tb in b.Terms)
                {
                    foreach (var pb in positions[tb])
                    {
                        int bStart = pb >> 8, bEnd = bStart + (pb & 0xFF);
                        var gap = bStart >= aEnd ? bStart - aEnd : aStart >= bEnd ? aStart - bEnd : 0;
                        if (gap < best)
                            best = gap;
                    }
                }
            }
        }
        return best == int.MaxValue ? -1 : best;
    }

    /// <summary>
    /// Keeps one passage of each group that says the same thing (overlapping windows, a copy, another
    /// translation): the one from the cleaner transcript, at the best rank the group reached.
    /// </summary>
    private List<Scored> SuppressNearDuplicates(List<Scored> scored, ContentSimilarity similarity)
    {
        var kept = new List<Scored>(scored.Count);
        foreach (var candidate in scored)
        {
            var duplicateOf = kept.FindIndex(k => SaySameThing(k.Passage, candidate.Passage, similarity));
            if (duplicateOf < 0)
                kept.Add(candidate);
            else if (candidate.Passage.Document.Quality > kept[duplicateOf].Passage.Document.Quality)
                kept[duplicateOf] = candidate with { Score = kept[duplicateOf].Score };
        }
        return kept;
    }

    private bool SaySameThing(IndexedPassage a, IndexedPassage b, ContentSimilarity similarity)
    {
        if (a.Overlaps(b))
            return true;
        var containment = similarity.Containment(a, b);
        return containment >= parameters.NearDuplicate
            || containment >= parameters.ParallelDuplicate && !ReferenceEquals(a.Document, b.Document) && similarity.AreParallel(a.Document, b.Document);
    }

    private static SearchHit Hit(Scored scored, int rank, QueryPlan plan, Scratch work, bool explain)
    {
        var passage = scored.Passage;
        var spans = new List<TextSpan>();
        var tokens = passage.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var q = work.QueryIndexOf[tokens.TermIds[i]];
            if (q < 0 || plan.Terms[q].IsBackoff)
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
        var f = scored.Features;
        text.Append(CultureInfo.InvariantCulture, $"score {scored.Score:F3} = bm25 {scored.Bm25:F3} × coverage {f.Coverage:F2} × phrase {f.Phrase:F2} × proximity {f.Proximity:F2} × question {f.QuestionCoverage:F2}, found {f.Found:F2}; terms:");
        foreach (var term in plan.Terms)
            text.Append(CultureInfo.InvariantCulture, $" {term.Text}(idf {term.Idf:F2}{(term.Id < 0 ? ", not in corpus" : "")})");
        return text.ToString();
    }

    private sealed record Scored(IndexedPassage Passage, double Score, double Bm25, Features Features);

    /// <param name="Found">Share of the question's words (by IDF) that the passage contains: the relevance threshold's measure.</param>
    private readonly record struct Features(double Coverage, double Phrase, double Proximity, double QuestionCoverage, double Found);

    /// <summary>Per-thread buffers sized to the snapshot, so a query allocates little.</summary>
    private sealed class Scratch
    {
        private bool[] matched = new bool[16];
        private bool[] matchedInQuestion = new bool[16];
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

        public bool[] MatchedInQuestion(int count)
        {
            if (matchedInQuestion.Length < count)
                matchedInQuestion = new bool[count];
            Array.Clear(matchedInQuestion, 0, count);
            return matchedInQuestion;
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
