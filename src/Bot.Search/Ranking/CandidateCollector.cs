using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>
/// The best passages for a question by BM25 over the postings of its words and bigrams, one per group of
/// identical passages. The characters that back off a word are left to the reranker: their postings are the
/// longest and they only ever adjust a score.
/// </summary>
internal sealed class CandidateCollector(RankingParameters parameters)
{
    public List<(int Passage, double Bm25)> Collect(IndexSnapshot snapshot, QueryPlan plan, SearchOptions options, Scratch work)
    {
        // Only passages that may be answers take part: those of the requested document, or else the first of
        // each set of identical copies. Arrays, not passage objects, so the loop stays in cache.
        var onlyDocument = options.Source is { } source ? snapshot.FindDocument(source) : -1;
        if (options.Source is not null && onlyDocument < 0)
            return [];
        var documentOf = snapshot.DocumentIndex;
        var representative = snapshot.IsRepresentative;

        var scores = work.Scores;
        var touched = work.Touched;
        touched.Clear();
        var lengthNorm = snapshot.LengthNorm(parameters.K1, parameters.B);
        foreach (var term in plan.Terms)
        {
            if (term.Id < 0 || term.IsBackoff)
                continue;
            var weight = (float)(term.Weight * term.Idf * (parameters.K1 + 1));
            var passages = snapshot.Postings.Passages(term.Id);
            var frequencies = snapshot.Postings.Frequencies(term.Id);
            for (var i = 0; i < passages.Length; i++)
            {
                var p = passages[i];
                if (onlyDocument >= 0 ? documentOf[p] != onlyDocument : !representative[p])
                    continue;
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
}
