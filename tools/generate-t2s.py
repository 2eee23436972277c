#!/usr/bin/env python3
"""Regenerate src/Bot.Search/Analysis/TraditionalToSimplified.txt from Unicode's Unihan data.

Source: kSimplifiedVariant in Unihan_Variants.txt (Debian package `unicode-data`,
/usr/share/unicode/Unihan_Variants.txt.bz2). Usage: tools/generate-t2s.py [UNIHAN_VARIANTS]

Output: one mapping per line, "<traditional><simplified>" (two code points, no separator).
A character whose variants include itself (乾 -> 乾/干, 夥 -> 伙/夥) is also valid simplified
text, so it is left alone: folding it would damage words that use it as written.
"""
import bz2
import pathlib
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/unicode/Unihan_Variants.txt.bz2"
target = pathlib.Path(__file__).resolve().parent.parent / "src/Bot.Search/Analysis/TraditionalToSimplified.txt"

opener = bz2.open if source.endswith(".bz2") else open
pairs = []
with opener(source, "rt", encoding="utf-8") as lines:
    for line in lines:
        if line.startswith("#") or "\tkSimplifiedVariant\t" not in line:
            continue
        code, _, values = line.rstrip("\n").split("\t")
        traditional = int(code[2:], 16)
        variants = [int(v[2:], 16) for v in values.split()]
        if traditional in variants:
            continue
        pairs.append((traditional, variants[0]))

pairs.sort()
target.write_text("".join(chr(t) + chr(s) + "\n" for t, s in pairs), encoding="utf-8")
print(f"{len(pairs)} mappings written to {target}")
