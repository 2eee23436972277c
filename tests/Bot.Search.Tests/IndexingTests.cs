using Bot.Search.Ranking;
using Bot.Search.Tests.Support;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Bot.Search.Tests;

/// <summary>
/// Incremental indexing: unchanged files are not analysed again, a changed, added or removed file updates only
/// its own passages, and a restart answers from the index folder without reading the corpus.
/// </summary>
public class IndexingTests
{
    private const string NewTranscript = "光刻机访谈\n记者问工程师光刻机为什么这么难造。工程师说，极紫外光源和超精密的镜头都是难点，任何一个环节都不能出错。\n";

    private static string[] SeedNames => [.. Repo.SeedFiles().Select(Path.GetFileName)!];

    [Fact]
    public void The_first_update_adds_every_seed_and_makes_it_searchable()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.Open();
        Assert.Empty(index.Search("超级对齐").Hits);

        var report = index.Update();

        Assert.Equal(SeedNames, report.Added);
        Assert.Empty(report.Changed);
        Assert.Empty(report.Removed);
        Assert.Empty(report.Skipped);
        Assert.Equal(0, report.Unchanged);
        Assert.Equal(index.PassageCount, report.Passages);
        Assert.Equal(SeedNames, index.Documents.Select(d => d.Source));
        Assert.All(index.Documents, d => Assert.True(d.Passages > 10, $"{d.Source}: {d.Passages} passages"));
        Assert.NotEmpty(index.Search("超级对齐").Hits);
    }

    [Fact]
    public void A_second_update_of_an_unchanged_corpus_analyses_and_writes_nothing()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var analysed = new ConcurrentBag<string>();
        var index = corpus.OpenUpdated(corpus.Options with { BeforeAnalysis = analysed.Add });
        Assert.Equal(SeedNames.Length, analysed.Count);
        analysed.Clear();
        var generation = IndexFolder.CommitGeneration(corpus.IndexPath);

        var report = index.Update();

        Assert.Empty(report.Added);
        Assert.Empty(report.Changed);
        Assert.Empty(report.Removed);
        Assert.Equal(SeedNames.Length, report.Unchanged);
        Assert.Equal(0, report.Passages);
        Assert.False(report.HasChanges);
        Assert.Empty(analysed);
        Assert.Equal(generation, IndexFolder.CommitGeneration(corpus.IndexPath));
    }

    [Fact]
    public void A_modified_file_is_the_only_one_reindexed_and_its_new_text_replaces_the_old()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var analysed = new ConcurrentBag<string>();
        var index = corpus.OpenUpdated(corpus.Options with { BeforeAnalysis = analysed.Add });
        analysed.Clear();
        var generation = IndexFolder.CommitGeneration(corpus.IndexPath);
        var unchanged = index.Documents.Where(d => d.Source != Repo.SeedName("002")).ToList();
        var changed = Repo.SeedName("002");
        var text = corpus.Read(changed);
        const string oldSentence = "ChatGPT 标志着强化学习(RL)的悄然回归";
        Assert.Contains(oldSentence, text);
        Assert.Contains(index.Search("强化学习的悄然回归").Hits, h => h.Passage.Source == changed);
        corpus.Write(changed, text.Replace(oldSentence, "ChatGPT 标志着量子退火算法的全面胜利") );

        var report = index.Update();

        Assert.Equal([changed], report.Changed);
        Assert.Empty(report.Added);
        Assert.Empty(report.Removed);
        Assert.Equal(SeedNames.Length - 1, report.Unchanged);
        Assert.Equal(index.Documents.Single(d => d.Source == changed).Passages, report.Passages);
        Assert.Equal([changed], analysed);
        Assert.Equal(generation + 1, IndexFolder.CommitGeneration(corpus.IndexPath));
        Assert.Equal(unchanged, index.Documents.Where(d => d.Source != changed));
        Assert.Equal(changed, index.Search("量子退火算法的全面胜利").Hits[0].Passage.Source);
        Assert.DoesNotContain(index.Search("强化学习的悄然回归").Hits, h => h.Passage.Text.Contains("悄然回归"));
    }

    [Fact]
    public void An_added_file_is_reported_as_added_and_found()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        corpus.Write("sub/lithography.txt", NewTranscript);

        var report = index.Update();

        Assert.Equal(["sub/lithography.txt"], report.Added);
        Assert.Empty(report.Changed);
        Assert.Equal(SeedNames.Length, report.Unchanged);
        Assert.Equal(SeedNames.Length + 1, index.Documents.Count);
        var hit = index.Search("极紫外光源 光刻机").Hits[0];
        Assert.Equal("sub/lithography.txt", hit.Passage.Source);
        Assert.Equal("光刻机访谈", hit.Passage.Title);
    }

    [Fact]
    public void A_deleted_file_is_reported_as_removed_and_its_passages_never_come_back()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        var removed = Repo.SeedName("001");
        const string question = "超级对齐团队具体要做什么";
        Assert.Contains(index.Search(question, new SearchOptions { Limit = 10 }).Hits, h => h.Passage.Source == removed);
        corpus.Delete(removed);

        var report = index.Update();

        Assert.Equal([removed], report.Removed);
        Assert.Empty(report.Added);
        Assert.Empty(report.Changed);
        Assert.DoesNotContain(index.Documents, d => d.Source == removed);
        Assert.DoesNotContain(index.Search(question, new SearchOptions { Limit = 50 }).Hits, h => h.Passage.Source == removed);
        Assert.Empty(index.Search(question, new SearchOptions { Source = removed }).Hits);

        // Nor after a restart.
        using var reopened = SearchIndex.Open(corpus.Options);
        Assert.DoesNotContain(reopened.Search(question, new SearchOptions { Limit = 50 }).Hits, h => h.Passage.Source == removed);
        Assert.Equal(SeedNames.Length - 1, reopened.Documents.Count);
    }

    [Fact]
    public void A_restarted_index_answers_at_once_from_the_index_file_without_reading_the_corpus()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var first = corpus.OpenUpdated();
        var questions = new[] { "超级对齐团队具体要做什么", "Schulman 发明了哪些强化学习算法", "ChatGPT 给 AI 研究员最重要的一课" };
        var expected = questions.Select(q => Ranked(first.Search(q))).ToList();
        Assert.All(expected, Assert.NotEmpty);
        var documents = first.Documents;
        first.Dispose();

        // The corpus folder is gone: whatever the restarted index answers, it answers from the index file.
        Directory.Delete(corpus.CorpusPath, recursive: true);
        var restarted = corpus.Open();

        Assert.Equal(documents, restarted.Documents);
        Assert.Equal(expected, questions.Select(q => Ranked(restarted.Search(q))));
    }

    [Fact]
    public void After_a_restart_an_update_finds_every_file_unchanged()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        corpus.OpenUpdated().Dispose();

        var report = corpus.Open().Update();

        Assert.Equal(SeedNames.Length, report.Unchanged);
        Assert.False(report.HasChanges);
        Assert.Equal(0, report.Passages);
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_skipped_with_a_reason_and_the_others_are_indexed()
    {
        using var corpus = new TempCorpus();
        corpus.Write("small.txt", NewTranscript);
        var big = string.Concat(Enumerable.Repeat(NewTranscript, 1 + 1024 * 1024 / System.Text.Encoding.UTF8.GetByteCount(NewTranscript) * 3 / 2));
        corpus.Write("huge.txt", big);
        Assert.True(new FileInfo(Path.Combine(corpus.CorpusPath, "huge.txt")).Length > 1024 * 1024);

        var index = corpus.Open(corpus.Options with { MaxFileMegabytes = 1 });
        var report = index.Update();

        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("huge.txt", skipped.Source);
        Assert.Contains("MB", skipped.Reason);
        Assert.Equal(["small.txt"], report.Added);
        Assert.Equal(["small.txt"], index.Documents.Select(d => d.Source));
        Assert.Equal("small.txt", index.Search("极紫外光源").Hits[0].Passage.Source);
    }

    [Fact]
    public void Files_of_other_types_and_hidden_files_in_the_corpus_folder_are_ignored()
    {
        using var corpus = new TempCorpus();
        corpus.Write("talk.txt", NewTranscript);
        corpus.Write("notes.docx", NewTranscript);
        corpus.Write(".draft.txt", NewTranscript);

        var report = corpus.Open().Update();

        Assert.Equal(["talk.txt"], report.Added);
        Assert.Empty(report.Skipped);
    }

    [Fact]
    public void A_long_bibliography_full_of_distinct_English_terms_is_indexed_and_searchable()
    {
        using var corpus = new TempCorpus();
        corpus.Write("talk.txt", NewTranscript);
        corpus.Write("references.txt", Bibliography(4000));

        var index = corpus.Open();
        var report = index.Update();

        Assert.Empty(report.Skipped);
        Assert.Equal(["references.txt", "talk.txt"], report.Added);
        var hit = index.Search("Quillfeather Varnadotte 3917").Hits[0];
        Assert.Equal("references.txt", hit.Passage.Source);
        Assert.Contains("Quillfeather3917", hit.Passage.Text);
        Assert.Equal("talk.txt", index.Search("极紫外光源").Hits[0].Passage.Source);
    }

    [Fact]
    public void A_file_whose_analysis_fails_is_skipped_with_the_stage_and_reason_and_every_other_file_is_indexed()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        corpus.Write("broken.txt", NewTranscript.Replace("光刻机", "光刻设备"));
        var options = corpus.Options with { BeforeAnalysis = source => { if (source == "broken.txt") throw new InvalidOperationException("the analyzer choked"); } };

        var index = corpus.Open(options);
        var report = index.Update();

        var skipped = Assert.Single(report.Skipped);
        Assert.Equal("broken.txt", skipped.Source);
        Assert.Contains("analysis", skipped.Reason);
        Assert.Contains("the analyzer choked", skipped.Reason);
        Assert.Equal(SeedNames, report.Added);
        Assert.Equal(SeedNames, index.Documents.Select(d => d.Source));
        Assert.Contains(corpus.Log.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("broken.txt") && e.Message.Contains("analysis"));
        Assert.DoesNotContain(index.Search("光刻设备").Hits, h => h.Passage.Source == "broken.txt");

        // The same file, fixed, is indexed by the next update.
        using var fixedIndex = SearchIndex.Open(corpus.Options, corpus.Log);
        var next = fixedIndex.Update();
        Assert.Equal(["broken.txt"], next.Added);
        Assert.Equal("broken.txt", fixedIndex.Search("光刻设备").Hits[0].Passage.Source);
    }

    [Fact]
    public void An_indexed_file_whose_new_version_fails_analysis_no_longer_answers_with_its_old_text()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        corpus.Write("talk.txt", NewTranscript);
        var failing = false;
        var index = corpus.Open(corpus.Options with { BeforeAnalysis = source => { if (failing && source == "talk.txt") throw new InvalidOperationException("boom"); } });
        index.Update();
        Assert.Equal("talk.txt", index.Search("极紫外光源").Hits[0].Passage.Source);
        failing = true;
        corpus.Write("talk.txt", NewTranscript + "补充：新的一段。\n");

        var report = index.Update();

        Assert.Equal("talk.txt", Assert.Single(report.Skipped).Source);
        Assert.Equal(["talk.txt"], report.Removed);
        Assert.Empty(index.Search("极紫外光源").Hits);
        Assert.Equal(SeedNames, index.Documents.Select(d => d.Source));
    }

    [Fact]
    public void An_index_of_another_format_is_rebuilt_once_and_then_updated_incrementally()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        corpus.OpenUpdated().Dispose();
        using (var directory = Lucene.Net.Store.FSDirectory.Open(IndexFolder.Of(corpus.IndexPath)))
        using (var writer = new Lucene.Net.Index.IndexWriter(directory, new Lucene.Net.Index.IndexWriterConfig(Lucene.Net.Util.LuceneVersion.LUCENE_48, new Lucene.Net.Analysis.Core.KeywordAnalyzer())))
        {
            writer.SetCommitData(new Dictionary<string, string> { ["format"] = "lucene-0" });
            writer.Commit();
        }
        var analysed = new ConcurrentBag<string>();

        var index = corpus.Open(corpus.Options with { BeforeAnalysis = analysed.Add });
        Assert.Empty(index.Documents);
        var first = index.Update();
        var second = index.Update();

        Assert.Equal(SeedNames, first.Added);
        Assert.Equal(SeedNames.Length, analysed.Count);
        Assert.False(second.HasChanges);
        Assert.Equal(SeedNames.Length, second.Unchanged);
        Assert.NotEmpty(index.Search("超级对齐").Hits);
    }

    /// <summary>
    /// Reference lists: thousands of distinct names, numbers and identifiers, and spaced pairs ("Open AI") that make
    /// joined terms. The kind of text that broke the previous engine's index.
    /// </summary>
    private static string Bibliography(int entries)
    {
        var random = new Random(7);
        string Word() => string.Concat(Enumerable.Range(0, random.Next(4, 10)).Select(i => (char)((i == 0 ? 'A' : 'a') + random.Next(26))));
        var lines = new List<string> { "References" };
        for (var i = 1; i <= entries; i++)
        {
            var author = i == 3917 ? "Quillfeather3917, Varnadotte" : $"{Word()}{i}, {Word()}";
            lines.Add($"[{i}] {author} and Open AI {Word()} ({1950 + i % 75}). {Word()} {Word()} of {Word()}-{Word()} v{i % 9}.{i % 7}. doi:10.{1000 + i}/{Word().ToLowerInvariant()}.{i}");
        }
        return string.Join("\n", lines);
    }

    private static List<(string, int)> Ranked(SearchResponse response) => response.Hits.Select(h => (h.Passage.Source, h.Passage.Ordinal)).ToList();
}
