using Bot.Search.Ranking;
using Bot.Search.Tests.Support;

namespace Bot.Search.Tests;

/// <summary>
/// A rebuild or update that dies half-way leaves the previous index whole and usable: for the running
/// process, for a restarted one, and for a copy of the files taken while the write was in flight.
/// </summary>
public class RecoveryTests
{
    private static readonly string[] Questions = ["超级对齐团队具体要做什么", "Schulman 发明了哪些强化学习算法", "TPU 和 GPU 到底有什么区别"];

    private sealed class Crash() : Exception("killed half-way through the write");

    /// <summary>What each question finds; every one finds something, so comparing answers cannot pass on empty lists.</summary>
    private static List<(string, int, string)> Answers(SearchIndex index) =>
        Questions.SelectMany(q =>
        {
            var hits = index.Search(q).Hits;
            Assert.True(hits.Count > 0, $"'{q}' finds nothing");
            return hits.Select(h => (h.Passage.Source, h.Passage.Ordinal, h.Passage.Text));
        }).ToList();

    [Fact]
    public void A_rebuild_that_dies_before_commit_leaves_the_previous_index_for_a_restarted_process()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        var documents = index.Documents;
        var passages = index.PassageCount;
        var answers = Answers(index);

        Assert.Throws<Crash>(() => index.Update(rebuild: true, beforeCommit: () => throw new Crash()));

        // The running process still answers from what it had.
        Assert.Equal(answers, Answers(index));
        // A restarted process finds the previous index whole.
        using var restarted = SearchIndex.Open(corpus.Options);
        Assert.Equal(documents, restarted.Documents);
        Assert.Equal(passages, restarted.PassageCount);
        Assert.Equal(answers, Answers(restarted));
    }

    [Fact]
    public void A_rebuild_of_a_changed_corpus_that_dies_keeps_the_old_documents_and_a_later_update_applies_the_change()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        var documents = index.Documents;
        var answers = Answers(index);
        var removed = Repo.SeedName("001");
        corpus.Delete(removed);
        corpus.Write("new.txt", "光刻机访谈\n记者问工程师光刻机为什么这么难造。工程师说，极紫外光源和超精密的镜头都是难点，任何一个环节都不能出错。\n");

        Assert.Throws<Crash>(() => index.Update(rebuild: true, beforeCommit: () => throw new Crash()));

        using (var restarted = SearchIndex.Open(corpus.Options))
        {
            Assert.Equal(documents, restarted.Documents);
            Assert.Equal(answers, Answers(restarted));
            Assert.Empty(restarted.Search("极紫外光源").Hits);
        }

        // Nothing was half-applied: the next update sees the same change and completes it.
        var report = index.Update();
        Assert.Equal(["new.txt"], report.Added);
        Assert.Equal([removed], report.Removed);
        Assert.Equal("new.txt", index.Search("极紫外光源").Hits[0].Passage.Source);
    }

    [Fact]
    public void An_incremental_update_that_dies_leaves_the_index_as_it_was()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        var documents = index.Documents;
        var changed = Repo.SeedName("002");
        corpus.Write(changed, corpus.Read(changed) + "\n补充一段：光刻机的极紫外光源也许会决定未来芯片的产能，这是本文没有讨论的话题。\n");

        Assert.Throws<Crash>(() => index.Update(rebuild: false, beforeCommit: () => throw new Crash()));

        using var restarted = SearchIndex.Open(corpus.Options);
        Assert.Equal(documents, restarted.Documents);
        Assert.Empty(restarted.Search("极紫外光源").Hits);
        Assert.Equal([changed], index.Update().Changed);
        Assert.Equal(changed, index.Search("极紫外光源").Hits[0].Passage.Source);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_copy_of_the_files_taken_while_a_write_is_in_flight_opens_as_the_old_index_whole(bool rebuild)
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        var documents = index.Documents;
        var passages = index.PassageCount;
        var answers = Answers(index);
        corpus.Write("new.txt", "光刻机访谈\n记者问工程师光刻机为什么这么难造。工程师说，极紫外光源和超精密的镜头都是难点，任何一个环节都不能出错。\n");
        var crashed = Path.Combine(corpus.Root, "crashed", "data");

        // What a power cut leaves on disk: the index folder as it is with the documents added but not committed.
        index.Update(rebuild, beforeCommit: () =>
        {
            var folder = IndexFolder.Of(corpus.IndexPath);
            var copy = IndexFolder.Of(Path.Combine(crashed, "bot.db"));
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(folder).Where(f => Path.GetFileName(f) != "write.lock"))
                File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        });

        using var recovered = SearchIndex.Open(corpus.Options with { IndexPath = Path.Combine(crashed, "bot.db") });
        Assert.Equal(documents, recovered.Documents);
        Assert.Equal(passages, recovered.PassageCount);
        Assert.Equal(answers, Answers(recovered));
        Assert.Empty(recovered.Search("极紫外光源").Hits);
        // And the write that was in flight did complete in the original.
        Assert.Equal("new.txt", index.Search("极紫外光源").Hits[0].Passage.Source);
    }
}
