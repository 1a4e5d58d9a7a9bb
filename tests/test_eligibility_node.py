"""One truth for the two evaluators: a differential test of the Python evaluator (`fuhua check`)
and selfcheck.js, run in Node (no browser) over thousands of generated profiles.

Hypothesis draws profiles of two kinds: valid ones whose figures sit on and around every threshold,
ratio, share and growth rate of rules.json, and broken ones (wrong types, negative, huge or
non-finite figures, parts above their whole, firm lists contradicting a count, unknown keys,
control characters). For each, selfcheck.js must refuse exactly when `fuhua check`'s validator
refuses, and otherwise give the same full result for every institution type under both documents.
One Node process answers every profile of the run over a pipe (tests/node/selfcheck_runner.js).
"""
from __future__ import annotations

import json
import math
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import event, given, strategies as st

from generator.eligibility import evaluate, export_rules
from generator.eligibility.arith import LARGEST, TOLERANCE, ceil_div
from generator.eligibility.profile import validate_profile
from generator.errors import InputError
from generator.yamlio import Marks, load_file
from tests.conftest import require_tool
from tests.fuzzing import ANY, CONTROL, NAME, SCALAR, TEXT, budget

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
SELFCHECK_JS = ROOT / "generator" / "eligibility" / "selfcheck.js"
RUNNER = Path(__file__).parent / "node" / "selfcheck_runner.js"
PROFILES = 2400  # generated profiles per run (the issue asks for at least 2,000)
FLOAT = "__fuhua_float__"


class Node:
    """selfcheck.js in one Node process, one JSON line per profile each way."""

    def __init__(self, rules_file: Path):
        self.proc = subprocess.Popen([require_tool("node"), str(RUNNER), str(SELFCHECK_JS), str(rules_file)],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)

    def ask(self, profile, cases) -> dict:
        self.proc.stdin.write(json.dumps({"profile": encode(profile), "cases": cases}) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, f"node exited with {self.proc.poll()}"
        return json.loads(line)

    def close(self) -> None:
        self.proc.stdin.close()
        assert self.proc.wait(timeout=30) == 0


def encode(value):
    """JSON can carry neither Infinity nor NaN: send them as {FLOAT: "Infinity"} (the runner revives them)."""
    if isinstance(value, float) and not math.isfinite(value):
        return {FLOAT: "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")}
    if isinstance(value, dict):
        return {k: encode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [encode(v) for v in value]
    return value


@pytest.fixture(scope="module")
def rules(policy):
    return json.loads(json.dumps(export_rules(policy), ensure_ascii=False))  # exactly what the site ships


@pytest.fixture(scope="module")
def node(rules, tmp_path_factory):
    path = tmp_path_factory.mktemp("node") / "rules.json"
    path.write_text(json.dumps(rules, ensure_ascii=False), encoding="utf-8")
    runner = Node(path)
    yield runner
    runner.close()


# --- profiles ------------------------------------------------------------------------------------

def near(value: float) -> list[float]:
    """A threshold and the figures around it: within the tolerance, just outside it, one unit off."""
    return [value, value + 1, value - 1, value + 0.01, value - 0.01, value * (1 + TOLERANCE / 10), value * (1 - TOLERANCE / 10),
            value * (1 + TOLERANCE * 10), value * (1 - TOLERANCE * 10), value / 3, value * 10 / 3]


def boundaries(rules: dict) -> dict[str, list[float]]:
    """metric -> the figures its conditions compare it with."""
    out: dict[str, set] = {}
    for j in rules["jurisdictions"].values():
        for spec in j["types"].values():
            for c in spec["conditions"]:
                if c["kind"] == "threshold":
                    out.setdefault(c["metric"], set()).update(near(c["value"]))
        for d in j["derived"].values():
            for c in d["criteria"]:
                if c["kind"] == "threshold":
                    out.setdefault(c["metric"], set()).update(near(c["value"]))
    return {m: sorted(v for v in values if v >= 0) for m, values in out.items()}


WHOLE = st.one_of(st.integers(0, 200), st.integers(0, 10**6), st.sampled_from([0, 1, 10**14, 10**15 - 1]))
FIGURE = st.one_of(WHOLE, st.floats(0, 1e4), st.floats(0, 1e14), st.sampled_from([0.0, 1e-300, 5e-324, 0.1, 0.005, 2.675]))
BAD_NUMBER = st.one_of(st.integers(-10**30, -1), st.floats(max_value=-1e-300), st.sampled_from(
    [10**15, 1e15, 10**400, 1.7976931348623157e308, math.inf, -math.inf, math.nan, 0.5, 2.5, True, False, "12", [], {}]))


def fact_value(fact: dict, edges: list[float], clean: bool):
    kind = fact["item"] if fact["type"] == "series" else fact["type"]
    if kind == "boolean":
        value = st.booleans()
    else:
        edge = st.sampled_from(edges) if edges else FIGURE
        if kind == "integer":
            edge = edge.map(math.ceil)
            value = st.one_of(WHOLE, edge, edge)
        else:
            value = st.one_of(FIGURE, edge, edge)
        if fact["percent"]:
            value = value.filter(lambda x: x <= 100) | st.floats(0, 100)
    if fact["type"] == "series":
        value = st.lists(value, min_size=fact["years"], max_size=fact["years"])
    if clean:
        return st.one_of(st.none(), value, value, value)
    bad = BAD_NUMBER if fact["type"] != "series" else st.one_of(
        st.lists(st.one_of(value, BAD_NUMBER), min_size=fact["years"], max_size=fact["years"]),
        st.lists(value, max_size=fact["years"] + 1), BAD_NUMBER)
    return st.one_of(st.none(), value, value, bad, SCALAR, ANY)


def seeds() -> list[dict]:
    """The hand-worked test profiles and the examples: complete profiles, many of them eligible."""
    paths = sorted((ROOT / "tests" / "profiles").glob("*.yaml"))
    out = [load_file(p)[0]["profile"] or {} for p in paths]
    return out + [load_file(p)[0] for p in sorted((ROOT / "examples" / "profiles").glob("*.yaml"))]


def tuning(rules: dict):
    """Edits that put figures exactly on a rule's edge: a share at its percentage, a ratio at its
    required count, a growth series at its yearly rate."""
    facts, edits = rules["facts"], []
    conditions = {c["id"] + c["kind"]: c for j in rules["jurisdictions"].values() for spec in j["types"].values()
                  for c in spec["conditions"] if c["kind"] in ("share", "ratio", "growth")}
    for c in conditions.values():
        if c["kind"] == "share":
            whole = st.one_of(st.integers(1, 5000), st.floats(1, 1e6), st.just(0))
            pct = st.sampled_from(near(c["value"]) + [100, 100.5, 0])
            integer = facts[c["metric"]]["type"] == "integer"
            edits.append(st.tuples(whole, pct).map(lambda wp, c=c, integer=integer: {
                c["of"]: wp[0], c["metric"]: math.ceil(wp[0] * wp[1] / 100) if integer else wp[0] * wp[1] / 100}))
        elif c["kind"] == "ratio":
            base = st.integers(0, 5000) if facts[c["per"]["metric"]]["type"] == "integer" else st.floats(0, 1e5)
            edits.append(st.tuples(base, st.sampled_from([0, 0, -1, 1])).map(lambda bd, c=c: {
                c["per"]["metric"]: bd[0], c["metric"]: max(0, ceil_div(c["value"] * bd[0], c["per"]["amount"]) + bd[1])}))
        else:
            for m in c["metrics"]:
                fact = facts[m]
                first = st.integers(1, 10**6) if fact["item"] == "integer" else st.floats(0.01, 1e6)
                rate = st.sampled_from([0, 0, 1e-12, -1e-12, 1e-6, -1e-6, 0.01, -0.01]).map(lambda d, c=c: 1 + c["value"] / 100 + d)
                edits.append(st.tuples(first, rate).map(lambda fr, m=m, fact=fact: {m: [
                    round(fr[0] * fr[1] ** n) if fact["item"] == "integer" else fr[0] * fr[1] ** n for n in range(fact["years"])]}))
    return st.one_of(edits)


def profiles(rules: dict):
    """Profiles of four kinds, in these shares: random valid ones (figures on and around the rules'
    edges), hand-worked complete ones with a few figures changed (many stay eligible), and broken
    ones that mix in every kind of bad figure, key and text (two in five)."""
    facts, edges = rules["facts"], boundaries(rules)

    def values(clean: bool, scope: str) -> dict:
        return {k: fact_value(f, edges.get(k, []), clean) for k, f in facts.items() if (f["scope"] == "firm") == (scope == "firm")}

    firm = st.fixed_dictionaries({}, optional={"name": NAME, **values(True, "firm")})
    bad_firm = st.one_of(st.fixed_dictionaries({}, optional={"name": st.one_of(TEXT, CONTROL, st.none()), **values(False, "firm")}),
                         firm.map(lambda f: {**f, "site_area": 1}), ANY)
    clean = st.fixed_dictionaries({}, optional={**values(True, "institution"), "applicant": NAME, "firms": st.lists(firm, max_size=6)})
    changes = st.lists(st.one_of([st.tuples(st.just(k), v) for k, v in values(True, "institution").items()]), max_size=3)
    seeded = st.tuples(st.sampled_from(seeds()), changes).map(lambda sc: {**sc[0], **dict(sc[1])})
    keys = st.one_of(st.text(max_size=10), st.sampled_from(["constructor", "__proto__", "toString", "hasOwnProperty",
                                                           "firm_is_tech_sme", "$schema", "site_aera"]))
    broken = st.tuples(st.fixed_dictionaries({}, optional={**values(False, "institution"), "applicant": st.one_of(TEXT, CONTROL, st.none()),
                                                           "firms": st.one_of(st.lists(st.one_of(firm, bad_firm), max_size=6), ANY)}),
                       st.dictionaries(keys, ANY, max_size=2)).map(lambda dx: {**dx[0], **dx[1]})
    counts = st.fixed_dictionaries({m: st.integers(0, 7) for j in rules["jurisdictions"].values() for m in j["derived"]})
    edit = st.lists(tuning(rules), max_size=3)

    @st.composite
    def profile(draw):
        kind = draw(st.sampled_from(["clean", "clean", "seeded", "broken", "broken"]))
        data = draw({"clean": clean, "seeded": seeded, "broken": broken}[kind])
        for change in draw(edit):
            data.update(change)
        if isinstance(data.get("firms"), list) and draw(st.booleans()):
            data.update(draw(counts))  # agrees with the firm list, or contradicts it
        if kind == "broken":
            data = draw(st.one_of(st.just(data), st.just(data), st.just(data), ANY))
        return data

    return profile()


def test_node_and_python_agree_on_generated_profiles(rules, node):
    cases = [[t, j] for j, spec in rules["jurisdictions"].items() for t in spec["types"]]
    assert {t for t, _ in cases} == set(rules["types"]) and len({j for _, j in cases}) == 2
    seen = Counter()

    @budget(PROFILES)
    @given(profile=profiles(rules))
    def agree(profile):
        try:
            valid = validate_profile(profile, Marks(), "p.json", rules)
        except InputError as exc:
            refused = str(exc)
        else:
            refused = None
        js = node.ask(profile, cases)
        assert "error" not in js, js.get("error")
        seen["profiles"] += 1
        if refused is not None:
            event("refused")
            seen["refused"] += 1
            assert js["problems"], f"selfcheck.js accepts a profile fuhua check refuses: {refused}"
            return
        event("accepted")
        seen["accepted"] += 1
        assert js["problems"] == [], "selfcheck.js refuses a profile fuhua check accepts"
        for (t, j), got in zip(cases, js["results"]):
            want = json.loads(json.dumps(evaluate(rules, t, j, valid), ensure_ascii=False))
            assert [(c["id"], c["status"], c["actual"], c["gap"]) for c in got["conditions"]] == \
                   [(c["id"], c["status"], c["actual"], c["gap"]) for c in want["conditions"]], (t, j)
            assert got == want, (t, j)
            seen[got["verdict"]] += 1

    agree()
    assert seen["profiles"] >= 2000 and seen["refused"] >= 600 and seen["accepted"] >= 800, seen
    assert all(seen[v] >= 30 for v in ("eligible", "undetermined", "not_eligible")), seen


def test_shared_limits_come_from_rules_json(rules):
    """selfcheck.js reads the tolerance, the largest figure and the control characters from
    rules.json, where the Python evaluator's own constants are exported; it copies none."""
    from generator.yamlio import CONTROL_CHARACTERS

    assert (rules["tolerance"], rules["largest"], rules["control_characters"]) == (TOLERANCE, LARGEST, CONTROL_CHARACTERS)
    source = SELFCHECK_JS.read_text(encoding="utf-8")
    for copied in ("1e15", "1e-9", "1000000000000000", "x1f", "ufffe"):
        assert copied not in source, copied
