using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Bot.Search.Index;

/// <summary>Lets through only the documents of a set fixed when the searcher was made, one bit set per segment.</summary>
internal sealed class DocumentSetFilter(IReadOnlyList<FixedBitSet> bySegment) : Filter
{
    public override DocIdSet GetDocIdSet(AtomicReaderContext context, IBits acceptDocs) =>
        BitsFilteredDocIdSet.Wrap(bySegment[context.Ord], acceptDocs);
}
