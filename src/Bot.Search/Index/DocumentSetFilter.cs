using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Bot.Search.Index;

/// <summary>Lets through only the documents of a set fixed when the searcher was made, one bit set per segment.</summary>
internal sealed class DocumentSetFilter(IReadOnlyList<FixedBitSet> bySegment) : Filter
{
    /// <remarks>Without deletions the bit set itself: random access, so Lucene checks candidates against it instead of walking it.</remarks>
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) =>
        acceptDocs is null ? bySegment[context.Ord] : BitsFilteredDocIdSet.Wrap(bySegment[context.Ord], acceptDocs);
}
