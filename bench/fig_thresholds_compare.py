"""The regex core of threshold extraction against jionlp's money and time parsers, and against the
regex core before issue 14 (quantities.py and the unit table of commit 3067da7, read from git), on
the same hand counts (tests/fixtures/thresholds/sentences.yaml and every text of tests/corpus_scoring.py).

    python bench/fig_thresholds_compare.py      # needs the git history; about a minute
"""
import contextlib
import importlib.util
import io
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from generator.policy import load_policy
from generator.crossref.quantities import UnitTable, find_quantities, Quantity
from generator.crossref.provisions import text_nodes
from generator.importer.readers import read
from generator.importer.standalone import version_of_text
from tests.gold import Score, gold, score_into, describe
from tests.corpus_scoring import corpus_texts

p = load_policy(ROOT / "policy", extra_checks=False)
table = UnitTable.from_vocabulary(p.vocabulary)

# places: (where, text, [Gold])
places = []
for i, item in enumerate(yaml.safe_load((ROOT / "tests/fixtures/thresholds/sentences.yaml").open(encoding="utf-8"))):
    places.append((f"s{i}", item["text"], [gold(f"s{i}", r) for r in item["expect"]]))
for path, exp in corpus_texts():
    e = yaml.safe_load(exp.read_text(encoding="utf-8"))
    v = version_of_text(read(path), path, p)
    by = {}
    for n in text_nodes(v):
        by.setdefault(n.citation, []).append(n.own_text)
    for cit, texts in by.items():
        places.append((f"{path.name} {cit}", "\n".join(texts), [gold(cit, r) for r in (e.get("thresholds") or {}).get(cit, [])]))
print("places", len(places), "thresholds", sum(len(g) for _, _, g in places))

def run(finder, label, kinds=None, ignore_cmp=False):
    s = Score()
    t0 = time.perf_counter()
    for where, text, golds in places:
        found = finder(text)
        if kinds:
            golds = [g for g in golds if table.kind(g.unit) in kinds]
            found = [q for q in found if table.kind(q.canonical_unit) in kinds]
        if ignore_cmp:
            golds = [g.__class__(g.where, "=", g.value, g.unit, g.subject) for g in golds]
            found = [Quantity(q.start, q.end, q.text, "=", q.value, q.value_text, q.unit, q.canonical_unit, subject=q.subject) for q in found]
        score_into(s, where, golds, found, table)
    print(f"\n## {label}  ({time.perf_counter()-t0:.2f} s)")
    print(describe(s))
    return s

# 1. now
run(lambda t: find_quantities(t, table), "regex core now")
run(lambda t: find_quantities(t, table), "regex core now, money+duration", kinds=("money", "duration"))
run(lambda t: find_quantities(t, table), "regex core now, money+duration, comparator ignored", kinds=("money", "duration"), ignore_cmp=True)

# 2. before issue 14
src = subprocess.run(["git", "-C", str(ROOT), "show", "3067da7:generator/crossref/quantities.py"], capture_output=True, text=True).stdout
spec = importlib.util.spec_from_loader("oldq", loader=None); old = importlib.util.module_from_spec(spec); sys.modules["oldq"] = old; exec(src, old.__dict__)
vocab = yaml.safe_load(subprocess.run(["git", "-C", str(ROOT), "show", "3067da7:policy/vocabulary.yaml"], capture_output=True, text=True).stdout)
old_table = old.UnitTable.from_vocabulary(vocab)
def old_find(t):
    return [Quantity(q.start, q.end, q.text, q.comparator, q.value, q.value_text, q.unit, q.canonical_unit, subject=q.subject) for q in old.find_quantities(t, old_table)]
run(old_find, "regex core before issue 14")

# 3. jionlp
with contextlib.redirect_stdout(io.StringIO()):
    import jionlp as jio
BASE = 1732924800  # a fixed time base (2024-11-30): jionlp reads the clock otherwise
MONEY_CMP = {"accurate": "=", "blur+": ">", "blur-": "<", "blur": "="}
TIME_UNITS = {"year": "年", "month": "个月", "day": "天", "workday": "个工作日"}
def jio_find(text):
    out = []
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        try:
            money = jio.ner.extract_money(text, with_parsing=True)
        except Exception:
            money = []
        try:
            times = jio.ner.extract_time(text, time_base=BASE, with_parsing=True)
        except Exception:
            times = []
    for m in money:
        d = m["detail"]
        try:
            value = float(d["num"]) if isinstance(d["num"], str) else float(d["num"][0])
        except Exception:
            continue
        # our unit for money is as written; compare in 万元/亿元/元 by the gold's unit: express in 万元 when divisible
        for unit, f in (("亿元", 1e8), ("万元", 1e4), ("元", 1)):
            if value >= f and abs(value / f - round(value / f, 4)) < 1e-9:
                break
        out.append(Quantity(*m["offset"], m["text"], MONEY_CMP.get(d.get("definition"), "="), round(value / f, 4), m["text"], unit, unit))
    for t in times:
        d = t["detail"]
        if d.get("type") != "time_delta" or not isinstance(d.get("time"), dict):
            continue
        for k, v in d["time"].items():
            if k in TIME_UNITS:
                out.append(Quantity(*t["offset"], t["text"], "=", v, t["text"], TIME_UNITS[k], TIME_UNITS[k]))
    return out
run(jio_find, "jionlp extract_money + extract_time, money+duration", kinds=("money", "duration"))
run(jio_find, "jionlp, money+duration, comparator ignored", kinds=("money", "duration"), ignore_cmp=True)
