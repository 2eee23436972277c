#!/usr/bin/env bash
# Relevance of Lucene 8.7 (SmartChineseAnalyzer, BM25, paragraph passages) and of this project on the same questions.
# Needs: apt-get install liblucene8-java default-jdk-headless   (Lucene is a yardstick here, never a dependency)
# Usage: tools/bench/eval-lucene.sh [QUESTIONS.tsv ...]   (default: tests/eval/dev.tsv tests/eval/heldout.tsv)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -gt 0 ] || set -- "$root/tests/eval/dev.tsv" "$root/tests/eval/heldout.tsv"

CP=$(ls /usr/share/java/lucene-{core,analyzers-common,analyzers-smartcn,queryparser}-8.7.0.jar | tr '\n' ':')
javac -cp "$CP" -d "$work" "$root/tools/bench/LuceneEval.java"
for questions in "$@"; do
  echo "== $(basename "$questions")"
  echo -n "lucene: "; java -cp "$CP:$work" LuceneEval "$root/seeds" "$questions"
  echo -n "ours:   "; dotnet run -c Release --project "$root/src/Bot" -- eval --questions "$questions" | tail -n 1
done
