#!/usr/bin/env bash
# Measures this project's search and Lucene 8.7 (SmartChineseAnalyzer, BM25, paragraph passages, warm JVM) on the
# same corpora in one run: the five seeds, the seeds copied 60 times, and 60 distinct copies (each line marked with
# its copy number, so that no two passages are identical and nothing is deduplicated).
# Needs: apt-get install liblucene8-java default-jdk-headless   (Lucene is a yardstick here, never a dependency)
# Usage: tools/bench/compare-with-lucene.sh [COPIES]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
copies=${1:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/seeds-x$copies" "$work/distinct-x$copies"
for i in $(seq -w 1 "$copies"); do
  for f in "$root"/seeds/*.txt; do
    cp "$f" "$work/seeds-x$copies/copy${i}_$(basename "$f")"
    sed "s/^\(.\)/〔$i〕\1/" "$f" > "$work/distinct-x$copies/copy${i}_$(basename "$f")"
  done
done
questions="$root/tests/eval/questions.txt"

CP=$(ls /usr/share/java/lucene-{core,analyzers-common,analyzers-smartcn,queryparser}-8.7.0.jar | tr '\n' ':')
javac -cp "$CP" -d "$work" "$root/tools/bench/LuceneBench.java"
dotnet publish "$root/src/Bot" -c Release -o "$work/bot" --nologo -v quiet >/dev/null

for corpus in "$root/seeds" "$work/seeds-x$copies" "$work/distinct-x$copies"; do
  echo "== $(basename "$corpus")"
  echo -n "lucene: "; java -Xmx4g -cp "$CP:$work" LuceneBench "$corpus" "$questions"
  # The GC's smallest gen0 budget comes from the CPU cache size, which this kind of VM reports as tiny: a gen0
  # collection every few hundred KB. Set it as Java is given its heap (-Xmx4g); see the README's 性能 section.
  echo -n "ours:   "; DOTNET_GCgen0size=0x3000000 dotnet "$work/bot/Bot.dll" bench --corpus "$corpus" --questions "$questions" --json | tail -n 1
done
