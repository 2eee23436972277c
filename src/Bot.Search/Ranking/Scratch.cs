using Bot.Search.Index;

namespace Bot.Search.Ranking;

/// <summary>Per-thread buffers sized to the snapshot, so that a question allocates little.</summary>
internal sealed class Scratch
{
    [ThreadStatic]
    private static Scratch? current;

    private int[] frequencies = new int[16];
    private bool[] inQuestion = new bool[16];
    private List<int>[] positions = [];
    private List<int>[] segmentPositions = [];

    private Scratch(int passages, int terms)
    {
        Scores = new float[passages];
        QueryIndexOf = new int[terms];
        Array.Fill(QueryIndexOf, -1);
    }

    /// <summary>BM25 accumulators, one per passage; zero between questions.</summary>
    public float[] Scores { get; }

    /// <summary>For each term id of the snapshot, its index in the question's plan, or -1.</summary>
    public int[] QueryIndexOf { get; }

    public List<int> Touched { get; } = [];

    public static Scratch For(IndexSnapshot snapshot)
    {
        var scratch = current;
        if (scratch is null || scratch.Scores.Length < snapshot.Passages.Length || scratch.QueryIndexOf.Length < snapshot.Terms.Count)
            current = scratch = new Scratch(snapshot.Passages.Length, snapshot.Terms.Count);
        return scratch;
    }

    /// <summary>Marks the plan's terms for <see cref="QueryIndexOf"/>; dispose the result to unmark them.</summary>
    public PlanMarks Mark(QueryPlan plan)
    {
        for (var i = 0; i < plan.Terms.Count; i++)
            if (plan.Terms[i].Id >= 0)
                QueryIndexOf[plan.Terms[i].Id] = i;
        return new PlanMarks(this, plan);
    }

    /// <summary>How often each of the plan's terms occurs in the passage being measured.</summary>
    public int[] Frequencies(int count) => Cleared(ref frequencies, count);

    /// <summary>Whether each of the plan's terms occurs in the question part of the passage being measured.</summary>
    public bool[] InQuestion(int count) => Cleared(ref inQuestion, count);

    /// <summary>Where each of the plan's terms occurs, as start &lt;&lt; 8 | length, in text order.</summary>
    public List<int>[] Positions(int count) => ClearedLists(ref positions, count);

    private static List<int>[] ClearedLists(ref List<int>[] lists, int count)
    {
        if (lists.Length < count)
            lists = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < count; i++)
            lists[i].Clear();
        return lists;
    }

    /// <summary>Where the terms of each of the plan's segments occur, as start &lt;&lt; 8 | length, in text order.</summary>
    public List<int>[] SegmentPositions(int count) => ClearedLists(ref segmentPositions, count);

    private static T[] Cleared<T>(ref T[] array, int count)
    {
        if (array.Length < count)
            array = new T[count];
        Array.Clear(array, 0, count);
        return array;
    }

    public readonly struct PlanMarks(Scratch scratch, QueryPlan plan) : IDisposable
    {
        public void Dispose()
        {
            foreach (var term in plan.Terms)
                if (term.Id >= 0)
                    scratch.QueryIndexOf[term.Id] = -1;
        }
    }
}
