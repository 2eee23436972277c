using Bot.Search.Ranking;
using Bot.Search.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Bot.Search.Tests;

/// <summary>
/// Incremental indexing: unchanged files are not analysed again, a changed, added or removed file updates only
/// its own passages, and a restart answers from the index file without reading the corpus.
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
        var index = corpus.OpenUpdated();
        var before = StoredDocuments(corpus.IndexPath);

        var report = index.Update();

        Assert.Empty(report.Added);
        Assert.Empty(report.Changed);
        Assert.Empty(report.Removed);
        Assert.Equal(SeedNames.Length, report.Unchanged);
        Assert.Equal(0, report.Passages);
        Assert.False(report.HasChanges);
        // The rows were not rewritten: same ids, same time of indexing.
        Assert.Equal(before, StoredDocuments(corpus.IndexPath));
    }

    [Fact]
    public void A_modified_file_is_the_only_one_reindexed_and_its_new_text_replaces_the_old()
    {
        using var corpus = new TempCorpus(withSeeds: true);
        var index = corpus.OpenUpdated();
        var before = StoredDocuments(corpus.IndexPath);
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
        var after = StoredDocuments(corpus.IndexPath);
        foreach (var name in SeedNames.Where(n => n != changed))
            Assert.Equal(before[name], after[name]);
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

    private static List<(string, int)> Ranked(SearchResponse response) => response.Hits.Select(h => (h.Passage.Source, h.Passage.Ordinal)).ToList();

    /// <summary>The documents table as stored: source → (row id, hash, time indexed).</summary>
    private static Dictionary<string, (long, string, string)> StoredDocuments(string indexPath)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = indexPath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT source, id, hash, indexed_utc FROM documents";
        using var reader = command.ExecuteReader();
        var rows = new Dictionary<string, (long, string, string)>();
        while (reader.Read())
            rows[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2), reader.GetString(3));
        return rows;
    }
}
