#!/usr/bin/env python3
"""Regenerate src/Bot.Search/Analysis/ChineseWords.txt, a general Chinese word list with frequencies.

Source: the simplified Pinyin dictionary of Rime, derived from the Android Pinyin IME (Apache License 2.0),
in Debian's package `rime-data-pinyin-simp` (/usr/share/rime-data/pinyin_simp.dict.yaml).
Usage: tools/generate-words.py [PINYIN_SIMP_DICT_YAML]

Output: one entry per line, "<word>\t<frequency>", words of one to four CJK characters, the frequencies of a
word's several readings summed. Used to tell the words of a question apart (天气 is a word; 快撞 is not).
"""
import pathlib
import re
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/rime-data/pinyin_simp.dict.yaml"
target = pathlib.Path(__file__).resolve().parent.parent / "src/Bot.Search/Analysis/ChineseWords.txt"
cjk = re.compile(r"^[\u3400-\u9fff]{1,4}$")

frequencies = {}
in_body = False
with open(source, encoding="utf-8") as lines:
    for line in lines:
        line = line.rstrip("\n")
        if line == "...":
            in_body = True
            continue
        if not in_body or not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3 or not cjk.match(fields[0]):
            continue
        frequencies[fields[0]] = frequencies.get(fields[0], 0) + int(fields[2])

entries = sorted(frequencies.items())
target.write_text("".join(f"{word}\t{count}\n" for word, count in entries), encoding="utf-8")
print(f"{len(entries)} words written to {target}")
