#!/usr/bin/env python3
"""Checks labelled question files against the seed transcripts.

For question files (id TAB question TAB gold|gold...):
  - every gold snippet must be found in a seed file after the evaluator's normalisation
    (RelevanceEvaluator strips white space from the snippet and from the passage text);
  - a snippet should sit inside one line and one sentence of its file (passages are built from lines and split at
    sentence ends, so a snippet across two lines or sentences may not lie within any one passage): reported as a warning;
  - snippet length outside 6..30 characters and more than 3 snippets are warnings;
  - ids and questions must be unique, and no question may repeat one of another labelled set;
  - paraphrase: the longest run of characters a question shares with the seeds (white space removed, case folded),
    with the share of questions that share no run of 8 and no run of 6.
For off-topic files (one question per line): duplicates within and across files, overlap with labelled questions,
the longest run shared with the seeds (long runs deserve a look: the question may be answerable).

Exit status 1 when a snippet is not found or a duplicate exists; warnings do not fail.

Usage: tools/eval/check-gold.py [--seeds seeds] [--verbose] [files...]
Default files: tests/eval/train.tsv, tests/eval/offtopic-train.txt, tests/eval/offtopic-check.txt.
"""
import argparse
import collections
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LABELLED = ["dev.tsv", "heldout.tsv", "heldout2.tsv", "train.tsv"]
OFFTOPIC = ["offtopic.txt", "offtopic-train.txt", "offtopic-check.txt"]
SENTENCE_END = re.compile(r"[。！？!?；;]")
# Short "label | value" lines and credits or captions with a label of their own (作者:, 图:): the parser drops them as
# page furniture (LineShape.IsCertainCreditLine). Speaker turns ("Ilya:…") are not among them.
CREDIT_LINE = re.compile(r"^(\w{1,6})\s*([|｜:：])\s*\S")
CREDIT_LABELS = {"作者", "来源", "翻译", "译者", "编译", "编辑", "责编", "责任编辑", "出品", "策划", "校对", "审校", "排版", "主编",
                 "撰文", "文", "图", "原文", "出处", "发布时间", "发布", "时间", "日期", "整理", "制作", "监制", "摄影", "Author",
                 "Source", "By"}

# Characters that occur only in traditional writing (a heuristic for the report, not a converter).
TRADITIONAL = set(
    "為麼們說會這個國學習經體來時與對過還後發開關問題員點種讓聽實誰幾樣嗎將從應該現產業機練資訊見覺"
    "麼處愛變長門間無東車書語認識寫讀買賣錢電腦網絡線區選擇隊觀傳統歷戰爭義務費幫醫藥辦請據"
    "裡邊麵飯雞魚鳥馬龍風雲頭腳臉聲氣溫熱場廣專業區縣鄉顯壓層萬億戶滿舊雙單總況決準複製協調負責"
    "數據計劃劃實驗證師導試錯誤適應權損鬆緊構練擴標註釋輸聯創辦離職預測剛術環節難題驅動當辦"
    "嗎們應該嗎較齊異鐘錶飛機場劇務領導賽陸規則討論擔憂準確聰罷顧競爭優勢獎項評審隱護寫鏡攝視頻達碼"
    "齒滅湯綿紅軟園陽陰華騰輝錦衛幹獅鮮餡燒鍋爐藍綠銀鐵際島訊號簾檢歲貝貨輕鍵盤頁態燈鎖險")


def strip(text):
    return "".join(ch for ch in text if not ch.isspace())


def fold(text):
    return strip(text).casefold()


class Seeds:
    def __init__(self, folder):
        self.files = {}
        self.lines = {}
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            if not os.path.isfile(path) or name.startswith("."):
                continue
            with open(path, encoding="utf-8") as f:
                text = f.read()
            self.files[name] = strip(text)
            self.lines[name] = [strip(line) for line in text.splitlines() if line.strip()]
        self.folded = "\x00".join(fold(t) for t in self.files.values())

    def files_with(self, snippet):
        return [name for name, text in self.files.items() if snippet in text]

    def within_one_sentence(self, snippet):
        """True when some line of some file holds the snippet and the snippet crosses no sentence end inside it."""
        inner = snippet.rstrip("。！？!?；;")
        if SENTENCE_END.search(inner):
            return False
        return any(snippet in line for lines in self.lines.values() for line in lines)

    def only_in_furniture(self, snippet):
        """True when every line holding the snippet looks like a credit or caption line."""
        holding = [line for lines in self.lines.values() for line in lines if snippet in line]
        return bool(holding) and all(self.is_credit_line(line) for line in holding)

    @staticmethod
    def is_credit_line(line):
        m = CREDIT_LINE.match(line)
        if not m or len(line) > 40 or SENTENCE_END.search(line[-1:]):
            return False
        return m.group(2) in "|｜" or m.group(1) in CREDIT_LABELS

    def longest_shared_run(self, question):
        q = fold(question)
        best = 0
        for start in range(len(q)):
            length = best + 1
            while start + length <= len(q) and q[start:start + length] in self.folded:
                best = length
                length += 1
        return best


def is_traditional(text):
    return any(ch in TRADITIONAL for ch in text)


def read_labelled(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            rows.append((number, fields))
    return rows


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [(n, line.rstrip("\n")) for n, line in enumerate(f, 1) if line.strip()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seeds", default=os.path.join(ROOT, "seeds"))
    parser.add_argument("--verbose", action="store_true", help="list every question with its longest shared run")
    parser.add_argument("files", nargs="*")
    args = parser.parse_args()
    eval_dir = os.path.join(ROOT, "tests", "eval")
    files = args.files or [os.path.join(eval_dir, n) for n in ("train.tsv", "offtopic-train.txt", "offtopic-check.txt")]
    seeds = Seeds(args.seeds)

    others = {}
    others_list = []
    for name in LABELLED:
        path = os.path.join(eval_dir, name)
        if os.path.exists(path):
            for _, fields in read_labelled(path):
                if len(fields) >= 2:
                    others.setdefault(fold(fields[1]), []).append(name)
                    others_list.append((name, fields[1]))
    offtopic = {}
    offtopic_list = []
    for name in OFFTOPIC:
        path = os.path.join(eval_dir, name)
        if os.path.exists(path):
            for _, line in read_lines(path):
                offtopic.setdefault(fold(line), []).append(name)
                offtopic_list.append((name, line))

    errors = 0
    for path in files:
        name = os.path.basename(path)
        if not os.path.exists(path):
            print(f"{name}: missing")
            errors += 1
            continue
        if name.endswith(".tsv"):
            errors += check_labelled(path, name, seeds, others, offtopic, others_list, args.verbose)
        else:
            errors += check_offtopic(path, name, seeds, others, offtopic, offtopic_list, args.verbose)
    print("FAILED" if errors else "OK", f"({errors} error(s))")
    return 1 if errors else 0


def bigrams(text):
    t = fold(text)
    return {t[i:i + 2] for i in range(len(t) - 1)}


def near_duplicate(question, name, others_list, threshold=0.6):
    """The first question of another labelled set whose character bigrams overlap this one's by the threshold (Jaccard)."""
    mine = bigrams(question)
    for other_name, other in others_list:
        if other_name == name:
            continue
        theirs = bigrams(other)
        if mine and theirs and len(mine & theirs) / len(mine | theirs) >= threshold:
            return other_name, other
    return None


def check_labelled(path, name, seeds, others, offtopic, others_list, verbose):
    errors = warnings = 0
    ids = collections.Counter()
    snippets = found = 0
    runs = []
    primary = collections.Counter()
    any_file = collections.Counter()
    traditional = 0
    for number, fields in read_labelled(path):
        where = f"{name}:{number}"
        if len(fields) not in (3, 4):
            print(f"{where}: ERROR expected 3 or 4 fields, found {len(fields)}")
            errors += 1
            continue
        qid, question, gold = fields[0], fields[1], fields[2]
        ids[qid] += 1
        if len(others.get(fold(question), [])) > 1 or any(n != name for n in others.get(fold(question), [])):
            print(f"{where}: ERROR question repeated in {sorted(set(others[fold(question)]))}: {question}")
            errors += 1
        near = near_duplicate(question, name, others_list)
        if near:
            print(f"{where}: warning close to a question of {near[0]}: {question} / {near[1]}")
            warnings += 1
        if fold(question) in offtopic:
            print(f"{where}: ERROR question is also off-topic in {offtopic[fold(question)]}: {question}")
            errors += 1
        golds = [strip(g) for g in gold.split("|") if strip(g)]
        if not golds:
            print(f"{where}: ERROR no gold snippet")
            errors += 1
        if len(golds) > 3:
            print(f"{where}: warning {len(golds)} snippets")
            warnings += 1
        first_file = None
        for g in golds:
            snippets += 1
            hits = seeds.files_with(g)
            if not hits:
                print(f"{where}: ERROR snippet not found: {g}")
                errors += 1
                continue
            found += 1
            first_file = first_file or hits[0]
            for h in hits:
                any_file[h] += 1
            if not seeds.within_one_sentence(g):
                print(f"{where}: warning snippet crosses a line or sentence end: {g}")
                warnings += 1
            if seeds.only_in_furniture(g):
                print(f"{where}: warning snippet only in a credit or caption line (dropped as furniture): {g}")
                warnings += 1
            if not 6 <= len(g) <= 30:
                print(f"{where}: warning snippet of {len(g)} characters: {g}")
                warnings += 1
        if first_file:
            primary[first_file] += 1
        if is_traditional(question):
            traditional += 1
        run = seeds.longest_shared_run(question)
        runs.append(run)
        if verbose:
            print(f"{qid}\trun {run}\t{question}")
    for qid, count in ids.items():
        if count > 1:
            print(f"{name}: ERROR id {qid} used {count} times")
            errors += 1
    n = len(runs)
    print(f"{name}: {n} questions, {snippets} snippets, {found} found, {errors} error(s), {warnings} warning(s)")
    if n:
        no8 = sum(r < 8 for r in runs)
        no6 = sum(r < 6 for r in runs)
        print(f"{name}: no shared run of 8: {no8}/{n} ({no8 / n:.0%}); no shared run of 6: {no6}/{n} ({no6 / n:.0%}); "
              f"traditional (heuristic): {traditional}/{n} ({traditional / n:.0%})")
        print(f"{name}: by first snippet's file: " + ", ".join(f"{f} {primary[f]}" for f in seeds.files))
        print(f"{name}: snippets found per file: " + ", ".join(f"{f} {any_file[f]}" for f in seeds.files))
    return errors


def check_offtopic(path, name, seeds, others, offtopic, offtopic_list, verbose):
    errors = 0
    seen = collections.Counter()
    lines = read_lines(path)
    traditional = 0
    long_runs = []
    for number, line in lines:
        key = fold(line)
        seen[key] += 1
        if seen[key] == 2:
            print(f"{name}:{number}: ERROR repeated line: {line}")
            errors += 1
        elsewhere = [n for n in offtopic.get(key, []) if n != name]
        if elsewhere:
            print(f"{name}:{number}: ERROR also in {elsewhere}: {line}")
            errors += 1
        if key in others:
            print(f"{name}:{number}: ERROR also a labelled question in {others[key]}: {line}")
            errors += 1
        near = near_duplicate(line, name, offtopic_list)
        if near:
            print(f"{name}:{number}: warning close to a question of {near[0]}: {line} / {near[1]}")
        if line.lstrip().startswith("#"):
            print(f"{name}:{number}: ERROR comment line (one question per line, no comments)")
            errors += 1
        if is_traditional(line):
            traditional += 1
        run = seeds.longest_shared_run(line)
        if run >= 6:
            long_runs.append((run, line))
        if verbose:
            print(f"run {run}\t{line}")
    n = len(lines)
    print(f"{name}: {n} questions, {errors} error(s); traditional (heuristic): {traditional}/{n} ({traditional / max(n, 1):.0%})")
    for run, line in sorted(long_runs, reverse=True):
        print(f"{name}: shares a run of {run} with the seeds (check it is not answerable): {line}")
    return errors


if __name__ == "__main__":
    sys.exit(main())
