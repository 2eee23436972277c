// Relevance yardstick: Lucene 8.7 + SmartChineseAnalyzer, BM25, paragraph passages (lines merged until at least 120
// characters), scored as ../shared/eval/README.md says (gold snippet contained in the passage, white space removed).
// Usage: java -cp ... LuceneEval SEEDS_DIR QUESTIONS.tsv  -> questions, S@1, S@3, S@5, MRR@10
import java.nio.file.*; import java.util.*; import java.io.*;
import org.apache.lucene.analysis.*; import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.*; import org.apache.lucene.index.*; import org.apache.lucene.search.*;
import org.apache.lucene.store.*; import org.apache.lucene.queryparser.classic.QueryParser;
public class LuceneEval {
  public static void main(String[] a) throws Exception {
    Analyzer an = new SmartChineseAnalyzer();
    Directory dir = new ByteBuffersDirectory();
    File[] files = new File(a[0]).listFiles(); Arrays.sort(files);
    try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig(an))) {
      for (File f: files) { if (!f.getName().endsWith(".txt")) continue;
        StringBuilder cur = new StringBuilder();
        for (String line: Files.readAllLines(f.toPath())) { line = line.strip(); if (line.isEmpty()) continue;
          if (cur.length() > 0) cur.append('\n'); cur.append(line);
          if (cur.length() >= 120) { add(w, cur.toString()); cur.setLength(0); } }
        if (cur.length() > 0) add(w, cur.toString()); } }
    IndexSearcher s = new IndexSearcher(DirectoryReader.open(dir)); QueryParser qp = new QueryParser("body", an);
    int n = 0, s1 = 0, s3 = 0, s5 = 0; double mrr = 0;
    for (String line: Files.readAllLines(Paths.get(a[1]))) {
      String[] cols = line.split("\t"); if (cols.length < 3) continue; n++;
      String[] golds = cols[2].split("\\|");
      TopDocs td = s.search(qp.parse(QueryParser.escape(cols[1])), 10); int rank = 0;
      for (int i = 0; i < td.scoreDocs.length && rank == 0; i++) {
        String text = squeeze(s.doc(td.scoreDocs[i].doc).get("body"));
        for (String g: golds) if (text.contains(squeeze(g))) { rank = i + 1; break; } }
      if (rank == 1) s1++; if (rank >= 1 && rank <= 3) s3++; if (rank >= 1 && rank <= 5) s5++; if (rank > 0) mrr += 1.0 / rank; }
    System.out.printf("questions=%d S@1=%.3f S@3=%.3f S@5=%.3f MRR@10=%.3f%n", n, s1 / (double) n, s3 / (double) n, s5 / (double) n, mrr / n);
  }
  static void add(IndexWriter w, String p) throws IOException { Document d = new Document(); d.add(new TextField("body", p, Field.Store.YES)); w.addDocument(d); }
  static String squeeze(String s) { return s.replaceAll("\\s+", ""); }
}
