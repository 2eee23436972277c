#!/usr/bin/env python3
"""Write COPIES distinct copies of a transcript folder, for speed measurements on a corpus of realistic size.

Each copy keeps a file's first line (its title) and shuffles the remaining lines with a seed of its own, so no two
files, passages or windows are the same and nothing can be deduplicated or answered from a cache, while the
vocabulary, line lengths and term statistics stay those of real transcripts. 60 copies of the five seeds: about 10 MB.
A copy that only marks each line (`〔01〕...`) keeps every passage identical but for the mark: it measures how well
duplicates collapse, not how fast search is.

Usage: make-distinct-corpus.py SOURCE_DIR OUT_DIR [COPIES=60]

Copied from the team's shared folder (shared/bench/make-distinct-corpus.py; only this paragraph added), so that
tools/bench/compare-with-lucene.sh needs nothing outside the repository.
"""
import os, random, sys

def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    src, dst = argv[0], argv[1]
    copies = int(argv[2]) if len(argv) > 2 else 60
    os.makedirs(dst, exist_ok=True)
    for i in range(1, copies + 1):
        for name in sorted(os.listdir(src)):
            with open(os.path.join(src, name), encoding='utf-8') as f:
                lines = f.read().split('\n')
            head, rest = lines[:1], lines[1:]
            random.Random(i * 1000 + len(name)).shuffle(rest)
            stem, ext = os.path.splitext(name)
            with open(os.path.join(dst, f"{stem}_{i}{ext}"), 'w', encoding='utf-8') as f:
                f.write('\n'.join(head + rest))

if __name__ == '__main__':
    main(sys.argv[1:])
