"""考核评价结果与奖励测算: reward caps (第十四条/第十五条), the non-duplication cap (第十六条) and
loss of status after consecutive failing grades, from a file of institutions with their grades.

Input (YAML; see examples/assessments/):

    cycle: 2024                              # the evaluation cycle to compute rewards for
    institutions:
      - name: …
        type: incubator                      # or 科技企业孵化器 …
        operator: …                          # 运营主体 (第十六条 caps per operating entity)
        municipal: {2023: 良好, 2024: 优秀}   # 市级 grades by cycle
        ministerial: {2024: B}               # 部级 grades by cycle (optional)

How 第十六条 is applied (stated in the report too): an institution graded in both schemes gets
one reward, at most the larger cap ("不重复支持"); the rewards of one operating entity's
institutions in a cycle are capped at the sum of their ministerial rewards when that entity has a
ministerial grade in the cycle. Grades, amounts and the number of consecutive failures all come
from rules.yaml (assessment, rewards, reward_rules).
"""
from __future__ import annotations

from pathlib import Path

from generator.generators import context
from generator.generators.inputs import load_mapping, read_rows, text_value
from generator.generators.notice import type_lookup
from generator.model import Policy
from generator.ruleset import Scheme

KEYS = {"cycle": "the evaluation cycle (year) to compute rewards for", "institutions": "the institutions and their grades"}
COLUMNS = {"name": ("名称", "机构名称"), "type": ("类型",), "operator": ("运营主体",), "municipal": ("市级",), "ministerial": ("部级",)}
SCHEMES = ("municipal", "ministerial")


def read_assessment(path: Path, policy: Policy) -> dict:
    scales = policy.home.rules.assessment
    data, reader = load_mapping(path, KEYS, ("cycle", "institutions"))
    reader.raise_if_any()
    cycle = _year(reader, ("cycle",), data["cycle"], "cycle")
    rows, _ = read_rows(reader, data["institutions"], "institutions", COLUMNS)
    if not rows and not reader.problems:
        reader.add(("institutions",), "institutions: the list is empty")
    lookup = type_lookup(policy)
    out = []
    for i, row in enumerate(rows):
        where = ("institutions", i)
        item = {k: text_value(reader, where + (k,), row.get(k), k, required=k != "operator") for k in ("name", "type", "operator")}
        if item["type"] and item["type"] not in lookup:
            reader.add(where + ("type",), f"institutions.{i}.type: unknown institution type '{item['type']}' "
                       f"(use one of {', '.join(sorted(set(lookup.values())))} or their Chinese names)")
        elif item["type"]:
            item["type"] = lookup[item["type"]]
        item["operator"] = item["operator"] or item["name"]
        for scheme in SCHEMES:
            item[scheme] = _grades(reader, where + (scheme,), row.get(scheme), scales[scheme], i, scheme)
        if not item["municipal"] and not item["ministerial"]:
            reader.add(where, f"institutions.{i}: no grades (give municipal and/or ministerial)")
        out.append(item)
    reader.raise_if_any()
    return {"cycle": cycle, "institutions": out}


def _year(reader, where, value, name) -> int | None:
    try:
        year = int(str(value))
        if 1900 <= year <= 2999:
            return year
    except ValueError:
        pass
    reader.add(where, f"{name}: {value!r} is not a year (e.g. 2024)")
    return None


def _grades(reader, where, value, scale: Scheme, i: int, scheme: str) -> dict[int, str]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        reader.add(where, f"institutions.{i}.{scheme}: expected a mapping of year to grade, e.g. {{2024: {scale.grades[0]}}}")
        return {}
    out = {}
    for year, grade in value.items():
        y = _year(reader, where + (year,), year, f"institutions.{i}.{scheme}.{year}")
        if str(grade) not in scale.grades:
            reader.add(where + (year,), f"institutions.{i}.{scheme}.{year}: grade {grade!r} is outside the {scale.name} scale "
                       f"({'、'.join(scale.grades)})")
        elif y is not None:
            out[y] = str(grade)
    return dict(sorted(out.items()))


def caps(v, inst_type: str, grades: dict) -> dict:
    """The reward cap per scheme for one institution's grades in the cycle (0 when none applies)."""
    out = {}
    for scheme, grade in grades.items():
        reward = next((r for r in v.rules.rewards if (r.scheme, r.type, r.grade) == (scheme, inst_type, grade)), None)
        out[scheme] = context.cited(reward) if reward else None
    return out


def consecutive_failures(grades: dict[int, str], failing: str, count: int) -> list[int] | None:
    """The first run of `count` consecutive assessed cycles with the failing grade, or None."""
    run: list[int] = []
    for year, grade in grades.items():
        run = run + [year] if grade == failing else []
        if len(run) == count:
            return run
    return None


def basis(v, records) -> str:
    """Where the rules a report applies stand: their chapter when they share one (第三章), else their
    articles in text order (第十四条、第十五条、第十六条)."""
    nodes = [v.provisions[r.provision] for r in records if r.provision in v.provisions]
    chapters = set()
    for node in nodes:
        while node is not None and node.kind != "chapter":
            node = node.parent
        chapters.add(node)
    if len(chapters) == 1 and None not in chapters:
        return next(iter(chapters)).citation
    order = {p.id: i for i, p in enumerate(v.walk())}
    articles = sorted({n.article.id: n.article for n in nodes}.values(), key=lambda a: order[a.id])
    return "、".join(a.citation for a in articles)


def assessment_context(policy: Policy, data: dict) -> dict:
    v = policy.home
    rules = v.rules
    cycle = data["cycle"]
    revocation = context.cited(rules.reward_rules["revocation"])
    failing = rules.assessment["municipal"].failing_grade
    rows = []
    for inst in data["institutions"]:
        grades = {s: inst[s].get(cycle) for s in SCHEMES if inst[s].get(cycle)}
        found = caps(v, inst["type"], grades)
        amounts = {s: (found[s]["value"] if found.get(s) else 0) for s in SCHEMES}
        both = all(amounts[s] > 0 for s in SCHEMES)
        rows.append({**inst, "type_name": policy.type_name(inst["type"]), "grades": grades, "caps": found, "amounts": amounts,
                     "bound": max(amounts.values()), "both": both,
                     "revoked": consecutive_failures(inst["municipal"], failing, revocation["consecutive_failures"])})
    operators = _operators(rows)
    unit = next((r.unit for r in rules.rewards), "")
    return {
        "doc": context.document(policy, v), "cycle": cycle, "unit": unit, "rows": rows, "operators": operators,
        "basis": basis(v, [*rules.assessment.values(), *rules.rewards, *rules.reward_rules.values()]),
        "scales": {s: context.cited(rules.assessment[s]) for s in SCHEMES},
        "rewards": [context.cited(r) for r in rules.rewards],
        "types": {t: policy.type_name(t) for t in v.institution_types},
        "non_duplication": context.cited(rules.reward_rules["non_duplication"]),
        "revocation": revocation,
        "revoked": [r for r in rows if r["revoked"]],
        "total": sum(o["final"] for o in operators),
    }


def _operators(rows: list[dict]) -> list[dict]:
    groups: dict[str, list[dict]] = {}
    for r in rows:
        groups.setdefault(r["operator"], []).append(r)
    out = []
    for name, members in groups.items():
        total = sum(r["bound"] for r in members)
        graded = any("ministerial" in r["grades"] for r in members)
        ministerial = sum(r["amounts"]["ministerial"] for r in members)
        capped = graded and total > ministerial
        out.append({"name": name, "members": members, "sum": total, "ministerial_graded": graded,
                    "ministerial_total": ministerial, "capped": capped, "final": ministerial if capped else total})
    return out


def build_assessment(policy: Policy, path: Path) -> dict:
    return assessment_context(policy, read_assessment(path, policy))
