"""A population of institutions, one row per institution in the profile's facts: generated
(synthetic, seeded, from the distributions of a YAML file, templates/impact/population.yaml by
default) or read from a real register (CSV or .xlsx, read by eligibility.table exactly as batch
`fuhua check --profiles` reads it).

Which facts a row carries follows policy/: a fact is generated for a type when a condition of
that type (in any document) reads it. The config must give a distribution for every such fact,
so a new metric in policy/ is a clear error here, never a silent blank column.
"""
from __future__ import annotations

import csv
import difflib
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from generator import TEMPLATES_DIR
from generator.eligibility.arith import fmt
from generator.eligibility.table import DESCRIPTIVE, Row, read_rows, scalar, type_of, type_problem
from generator.errors import InputError, Problem
from generator.errors import display_path
from generator.yamlio import load_file

DEFAULT_CONFIG = TEMPLATES_DIR / "impact" / "population.yaml"
KINDS = {"p": (), "median": ("spread", "size", "growth"), "per": ("median", "spread"), "part_of": ("beta",), "percent_beta": ()}
TOP_KEYS = ("types", "districts", "operators", "missing", "grades", "facts")
NAME_FORM = "合成样本{n:05d}"
OPERATOR_FORM = "合成运营主体{n:05d}"


@dataclass(frozen=True)
class Institution:
    """One row of a population: where it came from, its descriptive columns, its profile."""
    label: str
    name: str
    type: str
    district: str | None
    operator: str
    profile: dict = field(compare=False)


@dataclass(frozen=True)
class Population:
    source: str
    synthetic: bool
    institutions: tuple[Institution, ...]
    problems: tuple[Problem, ...] = ()  # rows skipped for bad input
    config: dict | None = None  # the distributions, for a synthetic population


# --- the config --------------------------------------------------------------------------------

def load_config(path: Path | None, rules: dict) -> dict:
    """The distributions, checked against the facts policy/ defines; InputError names each bad key."""
    path = Path(path or DEFAULT_CONFIG)
    shown = display_path(path)
    data, marks = load_file(path)
    problems: list[Problem] = []

    def bad(where: tuple, message: str) -> None:
        problems.append(Problem(shown, *marks.at(where), message))

    if not isinstance(data, dict):
        raise InputError.single(shown, "the population config is a mapping (types, districts, facts, ...)")
    for key in data:
        if key not in TOP_KEYS:
            bad((key,), f"{key}: unknown key{_near(key, TOP_KEYS)}")
    types = data.get("types") or {}
    for t, share in types.items():
        if t not in rules["types"]:
            bad(("types", t), f"types.{t}: unknown institution type{_near(t, rules['types'])}")
        if not _number(share) or share < 0:
            bad(("types", t), f"types.{t}: expected a share (a number ≥ 0), got {share!r}")
    if not types or not any(_number(s) and s > 0 for s in types.values()):
        bad(("types",), "types: give at least one institution type with a share above 0")
    for d, w in (data.get("districts") or {}).items():
        if not _number(w) or w < 0:
            bad(("districts", d), f"districts.{d}: expected a weight (a number ≥ 0), got {w!r}")
    for key, value in (("missing", data.get("missing", 0)), ("operators.shared", (data.get("operators") or {}).get("shared", 0))):
        if not _number(value) or not 0 <= value < 1:
            bad(tuple(key.split(".")), f"{key}: expected a probability from 0 to below 1, got {value!r}")
    facts = data.get("facts") or {}
    needed = needed_facts(rules)
    for m, spec in facts.items():
        where = ("facts", m)
        if m not in rules["facts"] or rules["facts"][m]["scope"] == "firm":
            bad(where, f"facts.{m}: not a fact of an institution that policy/ reads{_near(m, needed)}")
            continue
        problems += [Problem(shown, *marks.at(where + (k,) if k else where), msg) for k, msg in _fact_problems(m, spec, facts, rules)]
    for m in needed:
        if m not in facts:
            bad(("facts",), f"facts: no distribution for {m} ({rules['facts'][m]['label']}), which policy/ reads; add one")
    if problems:
        raise InputError(problems)
    return data


def unread_facts(path: Path | None, rules: dict, metrics: dict) -> list[str]:
    """The facts the config gives a distribution that the vocabulary defines for an institution
    (`metrics`: vocabulary.yaml's) but no condition of policy/ reads: the config is written for a
    policy with more conditions, such as the shipped one under a one-document workspace. Empty for
    the policy it is written for; anything else wrong with it is load_config's to report."""
    data, _ = load_file(Path(path or DEFAULT_CONFIG))
    facts = data.get("facts") if isinstance(data, dict) else None
    needed = needed_facts(rules)
    return [m for m in (facts if isinstance(facts, dict) else {})
            if m in metrics and metrics[m].get("scope", "institution") != "firm" and m not in needed]


def _fact_problems(m: str, spec, facts: dict, rules: dict):
    if not isinstance(spec, dict):
        yield None, f"facts.{m}: expected a mapping such as {{median: 10, spread: 0.5}}"
        return
    kind = [k for k in KINDS if k in spec]
    if len(kind) != 1 or (kind == ["median"] and "per" in spec):
        kind = ["per"] if "per" in spec else kind
    if len(kind) != 1:
        yield None, f"facts.{m}: give exactly one of {', '.join(KINDS)}"
        return
    kind = kind[0]
    allowed = {kind, *KINDS[kind]}
    for k in spec:
        if k not in allowed:
            yield k, f"facts.{m}.{k}: not used with {kind}{_near(k, allowed)}"
    fact = rules["facts"][m]
    if (kind == "p") != (fact["type"] == "boolean"):
        yield None, f"facts.{m}: {fact['label']} is {'a yes/no fact: use p' if fact['type'] == 'boolean' else 'not a yes/no fact: p does not apply'}"
    if "growth" in spec and fact["type"] != "series":
        yield "growth", f"facts.{m}.growth: only yearly series grow"
    if fact["type"] == "series" and "growth" not in spec:
        yield None, f"facts.{m}: a yearly series needs growth: {{mean: …, sd: …}}"
    for base_key in ("per", "part_of"):
        base = spec.get(base_key)
        if base is not None and (base not in facts or base == m):
            yield base_key, f"facts.{m}.{base_key}: {base!r} is not another fact of this config"
    for k in ("median", "p"):
        for t, v in (spec.get(k) if isinstance(spec.get(k), dict) else {"": spec.get(k)}).items():
            if k in spec and (not _number(v) or v < 0 or (k == "p" and v > 1)):
                yield k, f"facts.{m}.{k}{'.' + t if t else ''}: expected {'a probability' if k == 'p' else 'a number ≥ 0'}, got {v!r}"
    for k in ("beta", "percent_beta"):
        if k in spec and not (isinstance(spec[k], list) and len(spec[k]) == 2 and all(_number(x) and x > 0 for x in spec[k])):
            yield k, f"facts.{m}.{k}: expected two positive numbers [a, b]"


def needed_facts(rules: dict) -> dict[str, set[str]]:
    """fact -> the types whose conditions read it (the facts a population must carry)."""
    out: dict[str, set[str]] = {}
    for m, fact in rules["facts"].items():
        types = {use["type"] for use in fact["used_by"] if "type" in use}
        if fact["scope"] != "firm" and types:
            out[m] = types
    return out


def _number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)


def _near(word: str, options) -> str:
    near = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" (did you mean '{near[0]}'?)" if near else ""


# --- generating ------------------------------------------------------------------------------------

def generate(rules: dict, config: dict, size: int, seed: int, only_type: str | None = None) -> Population:
    """`size` synthetic institutions; the same (config, size, seed, type) gives the same rows."""
    rng = np.random.default_rng(seed)
    types = {t: s for t, s in config["types"].items() if s > 0 and (only_type is None or t == only_type)}
    if only_type is not None and not types:
        types = {only_type: 1}
    kinds = list(types)
    shares = np.array([types[t] for t in kinds], dtype=float)
    drawn = rng.choice(len(kinds), size=size, p=shares / shares.sum())
    districts = list(config.get("districts") or {})
    weights = np.array([config["districts"][d] for d in districts], dtype=float)
    district_of = rng.choice(len(districts), size=size, p=weights / weights.sum()) if districts and weights.sum() else None
    shared = rng.random(size) < (config.get("operators") or {}).get("shared", 0)
    needed = needed_facts(rules)
    profiles: list[dict] = [{"applicant": NAME_FORM.format(n=n + 1)} for n in range(size)]
    for k, t in enumerate(kinds):
        index = np.flatnonzero(drawn == k)
        if index.size:
            for m, values in _type_columns(rng, rules, config["facts"], t, index.size, needed).items():
                for i, v in zip(index, values):
                    profiles[i][m] = v
    missing = float(config.get("missing", 0))
    blank = rng.random((size, len(needed))) < missing if missing else None
    order = list(needed)
    institutions, operator_n = [], 0
    for i, profile in enumerate(profiles):
        if blank is not None:
            for j in np.flatnonzero(blank[i]):
                profile.pop(order[j], None)
        if i == 0 or not shared[i]:
            operator_n += 1
        institutions.append(Institution(f"#{i + 1}", profile["applicant"], kinds[drawn[i]],
                                        districts[district_of[i]] if district_of is not None else None,
                                        OPERATOR_FORM.format(n=operator_n), profile))
    return Population("synthetic", True, tuple(institutions), (), config)


def _type_columns(rng, rules: dict, specs: dict, t: str, n: int, needed: dict) -> dict[str, list]:
    """The facts of n institutions of type t, column by column, bases before what depends on them."""
    z = rng.standard_normal(n)
    columns: dict[str, np.ndarray] = {}
    for m in _ordered(specs):
        if t not in needed.get(m, ()):
            continue
        spec, fact = specs[m], rules["facts"][m]
        if "p" in spec:
            columns[m] = rng.random(n) < _by_type(spec["p"], t)
            continue
        if "percent_beta" in spec:
            columns[m] = rng.beta(*spec["percent_beta"], size=n) * 100
        elif "part_of" in spec:
            base = columns.get(spec["part_of"])
            if base is None:
                continue
            columns[m] = np.asarray(base, dtype=float) * rng.beta(*spec["beta"], size=n)
        else:
            spread, size = float(spec.get("spread", 0.5)), float(spec.get("size", 0))
            noise = size * z + math.sqrt(max(0.0, 1 - size * size)) * rng.standard_normal(n)
            value = _by_type(spec["median"], t) * np.exp(spread * noise)
            if "per" in spec:
                base = columns.get(spec["per"])
                if base is None:
                    continue
                value = np.asarray(base, dtype=float) * value
            if "growth" in spec:
                g = rng.normal(spec["growth"].get("mean", 0), spec["growth"].get("sd", 0), size=(n, fact["years"] - 1))
                steps = np.concatenate([np.ones((n, 1)), np.cumprod(1 + np.maximum(g, -0.9), axis=1)], axis=1)
                value = value[:, None] * steps
            columns[m] = value
    return {m: _cells(columns[m], rules["facts"][m]) for m in columns}


def _ordered(specs: dict) -> list[str]:
    """Fact names with every base (per, part_of) before the facts computed from it."""
    done: list[str] = []

    def visit(m: str, seen: tuple) -> None:
        if m in done or m in seen or m not in specs:
            return
        for key in ("per", "part_of"):
            if specs[m].get(key):
                visit(specs[m][key], seen + (m,))
        done.append(m)

    for m in specs:
        visit(m, ())
    return done


def _by_type(value, t: str) -> float:
    if isinstance(value, dict):
        return float(value.get(t, next(iter(value.values()))))
    return float(value)


def _cells(values: np.ndarray, fact: dict) -> list:
    """Whole counts for integer facts (a part rounded down, so it never exceeds its whole), one
    decimal for other figures."""
    if fact["type"] == "boolean":
        return [bool(v) for v in values]
    integer = fact["type"] == "integer" or fact.get("item") == "integer"
    values = np.floor(values) if integer else np.round(values, 1)
    if fact["type"] == "series":
        return [[_plain(x, integer) for x in row] for row in values]
    return [_plain(x, integer) for x in values]


def _plain(x: float, integer: bool):
    return int(x) if integer or float(x).is_integer() else float(x)


# --- writing and reading -------------------------------------------------------------------------

def header(rules: dict) -> tuple[list[str], list[str]]:
    """(keys, Chinese column names): name, type, district, operator, the synthetic mark, then every fact."""
    keys = ["applicant", "type", "district", "operator", "synthetic"] + list(needed_facts(rules))
    names = [DESCRIPTIVE[k][0] for k in keys[:5]] + [rules["facts"][m]["label"] for m in keys[5:]]
    return keys, names


def table(population: Population, rules: dict) -> tuple[list[str], list[list]]:
    keys, names = header(rules)
    rows = []
    for inst in population.institutions:
        about = {"applicant": inst.name, "type": rules["types"][inst.type], "district": inst.district or "", "operator": inst.operator,
                 "synthetic": "是" if population.synthetic else ""}
        rows.append([about[k] if k in about else _text(inst.profile.get(k)) for k in keys])
    return names, rows


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return ";".join(fmt(x) for x in value)
    return fmt(value)


def to_csv(population: Population, rules: dict) -> str:
    names, rows = table(population, rules)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(names)
    writer.writerows(rows)
    return "\ufeff" + buf.getvalue()


def to_xlsx(population: Population, rules: dict) -> bytes:
    from generator.eligibility.summary import fixed_xlsx

    names, rows = table(population, rules)
    return fixed_xlsx("机构名录", [names] + rows)


def read(path: Path, rules: dict, inst_type: str | None = None) -> Population:
    """A register from a CSV or .xlsx file. Each row must name its type (类型) unless inst_type
    is given; rows that fail validation are kept in `problems` with file, line and column and
    left out, never guessed. A file written by `fuhua population` is marked synthetic (合成数据)."""
    rows: list[Row] = read_rows(path, rules)
    institutions, problems = [], []
    synthetic = any(scalar(row.about.get("synthetic", ""), "boolean") is True for row in rows)
    for row in rows:
        t = type_of(row, rules)
        if t == "":
            problems.append(type_problem(row, rules))
            continue
        if t is None and inst_type is None:
            problems.append(Problem(row.source, row.line, 1, "no institution type: add a type (类型) column, or give --type"))
            continue
        if inst_type is not None and t not in (None, inst_type):
            continue
        try:
            profile = row.profile(rules)
        except InputError as exc:
            problems += exc.problems
            continue
        name = profile.get("applicant") or f"row{row.line}"
        institutions.append(Institution(row.label, name, t or inst_type, row.about.get("district"),
                                        row.about.get("operator") or name, profile))
    return Population(display_path(path), synthetic, tuple(institutions), tuple(sorted(problems)))
