#!/usr/bin/env bash
# Measures this project's search and Lucene 8.7 (SmartChineseAnalyzer, BM25, paragraph passages, warm JVM) on the
# same corpora and the same questions in one run: the five seeds, and COPIES distinct copies of them
# (tools/bench/make-distinct-corpus.py: each copy keeps a file's title line and shuffles the other lines, so no two
# files, passages or windows are alike and nothing collapses as a duplicate).
# Questions: every question the project has, each once: the question column of tests/eval/*.tsv and every line of
# tests/eval/offtopic*.txt.
# Needs: apt-get install liblucene8-java default-jdk-headless, and python3   (Lucene is a yardstick here, never a dependency)
# Usage: tools/bench/compare-with-lucene.sh [COPIES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
copies=${1:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$root/tools/bench/make-distinct-corpus.py" "$root/seeds" "$work/distinct-x$copies" "$copies"

# One plain question a line, for both sides (LuceneBench reads raw lines); blank and '#' lines skipped, repeats once.
questions="$work/questions.txt"
shopt -s nullglob
for f in "$root"/tests/eval/*.tsv; do awk -F'\t' 'NF >= 3 && $1 !~ /^#/ { print $2 }' "$f"; done > "$work/all.txt"
for f in "$root"/tests/eval/offtopic*.txt; do grep -v -e '^[[:space:]]*$' -e '^#' "$f" || true; done >> "$work/all.txt"
sed 's/\r$//' "$work/all.txt" | awk 'length($0) > 0 && !seen[$0]++' > "$questions"
echo "questions: $(wc -l < "$questions") from $(cd "$root" && ls tests/eval/*.tsv tests/eval/offtopic*.txt | tr '\n' ' ')"

CP=$(ls /usr/share/java/lucene-{core,analyzers-common,analyzers-smartcn,queryparser}-8.7.0.jar | tr '\n' ':')
javac -cp "$CP" -d "$work" "$root/tools/bench/LuceneBench.java"
dotnet publish "$root/src/Bot" -c Release -o "$work/bot" --nologo -v quiet >/dev/null

for corpus in "$root/seeds" "$work/distinct-x$copies"; do
  echo "== $(basename "$corpus")"
  lucene=$(java -Xmx4g -cp "$CP:$work" LuceneBench "$corpus" "$questions")
  echo "lucene: $lucene"
  # The GC's smallest gen0 budget comes from the CPU cache size, which this kind of VM reports as tiny: a gen0
  # collection every few hundred KB. Set it as Java is given its heap (-Xmx4g); see the README's 性能 section.
  ours=$(DOTNET_GCgen0size=0x3000000 dotnet "$work/bot/Bot.dll" bench --corpus "$corpus" --questions "$questions" --json | tail -n 1)
  echo "ours:   $ours"
  # Ours over Lucene's, from this one run (the machine is shared: compare only figures of the same run).
  python3 - "$lucene" "$ours" <<'EOF'
import json, sys
lucene = dict(kv.split('=') for kv in sys.argv[1].split())
ours = json.loads(sys.argv[2])
print("ratio:  " + " ".join(f"{k}={ours[k] / float(lucene[k]):.2f}x" for k in ("index_ms", "query_p50_us", "query_p99_us")))
EOF
done
