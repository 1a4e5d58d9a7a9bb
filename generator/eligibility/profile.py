"""The applicant profile: its JSON Schema (generated from the exported facts, so from policy/),
and field-by-field validation of a profile read from YAML/JSON or from one CSV row.

A profile is a mapping: `applicant` (name), one key per fact (a missing or null fact is
unknown), and optionally `firms`, a list of firms with the firm-level facts, from which the
counts of 在孵企业 and 毕业企业 are computed by their definitions.

    python -m generator.eligibility.profile --write    # regenerate schemas/profile.schema.json
"""
from __future__ import annotations

import difflib
import json
import math
import sys
from pathlib import Path

import jsonschema

from generator import SCHEMAS_DIR
from generator.eligibility.arith import LARGEST, compare, fmt
from generator.eligibility.evaluate import count_firms
from generator.errors import InputError, Problem, display_path
from generator.policy import describe_schema_error
from generator.yamlio import Marks, control_chars, load_file

SCHEMA_FILE = SCHEMAS_DIR / "profile.schema.json"
TYPE_WORDS = {"boolean": "true or false", "integer": "a whole number", "number": "a number", "series": "a list of yearly figures",
              "string": "text", "object": "a mapping", "array": "a list"}


def profile_schema(rules: dict) -> dict:
    facts = rules["facts"]
    props = {"$schema": {"type": "string", "description": "编辑器提示用的 schema 路径（可省略）"},
             "applicant": {"type": "string", "title": "申报主体名称"}}
    firm_props = {"name": {"type": "string", "title": "企业名称"}}
    for m, fact in facts.items():
        (firm_props if fact["scope"] == "firm" else props)[m] = _fact_schema(fact, rules)
    definitions = "、".join(dict.fromkeys(f"{d['citation']}（{d['term']}）" for j in rules["jurisdictions"].values()
                                          for d in j["derived"].values()))
    props["firms"] = {"type": "array", "title": "企业名单（可选）",
                      "description": f"逐家列出企业层面的事实，按{definitions}的定义计算相应企业数；已直接填报该企业数的，以填报数为准。",
                      "items": {"type": "object", "properties": firm_props, "additionalProperties": False}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "fuhua applicant profile (fuhua check --profile)",
        "description": "申报主体自评信息。每个键是一项事实；未填或填 null 即为“信息不足”。本文件由 policy/ 生成，勿手工修改。",
        "type": "object", "properties": props, "additionalProperties": False,
    }


def _fact_schema(fact: dict, rules: dict) -> dict:
    unit = fact.get("unit")
    if fact["type"] == "series":
        years = fact["years"]
        out = {"type": ["array", "null"], "items": {"type": fact["item"], "minimum": 0}, "minItems": years, "maxItems": years}
        hint = f"近{years}年逐年数字，由远及近，共{years}个"
    else:
        out = {"type": [fact["type"], "null"]}
        if fact["type"] != "boolean":
            out["minimum"] = 0
        if fact["percent"]:
            out["maximum"] = 100
        hint = "是填 true，否填 false" if fact["type"] == "boolean" else ""
    cited: dict[str, list] = {}
    for use in fact["used_by"]:
        title = rules["jurisdictions"][use["jurisdiction"]]["document"]["name"]
        if use["citation"] not in cited.setdefault(title, []):
            cited[title].append(use["citation"])
    basis = "依据：" + "；".join(f"《{title}》" + "、".join(cites) for title, cites in cited.items())
    description = "；".join(x for x in (hint, f"单位：{unit}" if unit else "", basis) if x)
    return {"title": fact["label"], "description": description, **out}


def write_schema(rules: dict, path: Path = SCHEMA_FILE) -> None:
    path.write_text(schema_text(rules), encoding="utf-8")


def schema_text(rules: dict) -> str:
    return json.dumps(profile_schema(rules), ensure_ascii=False, indent=2) + "\n"


# --- validation ------------------------------------------------------------------------------

def load_profile(path: str | Path, rules: dict) -> dict:
    shown = display_path(Path(path))  # every message names the file the same way
    data, marks = load_file(shown)
    return validate_profile(data, marks, shown, rules)


def validate_profile(data, marks: Marks, fname: str, rules: dict) -> dict:
    """The profile, or InputError naming every bad field with its line and column."""
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError.single(fname, "a profile is a mapping of facts (key: value), e.g. site_area: 600")
    validator, kinds, pairs = _validator(rules)
    problems = []
    for err in ([] if _plainly_valid(data, kinds) else validator.iter_errors(data)):
        for where, message in _describe(err, rules["facts"]):
            line, col = marks.at(where)
            problems.append(Problem(fname, line, col, message))
    if not problems:
        problems = [Problem(fname, *marks.at(where), message) for where, message in _inconsistencies(data, rules, pairs)]
    if problems:
        raise InputError(problems)
    return data


_validators: dict[int, tuple] = {}


def _validator(rules: dict) -> tuple:
    """(JSON Schema validator, plain fact types, share pairs) per rule set, made once: a batch
    validates thousands of rows against the same rules."""
    cached = _validators.get(id(rules))
    if cached is None or cached[0] is not rules:
        if len(_validators) > 8:
            _validators.clear()
        kinds = {m: (f["type"], f["percent"], f.get("years"), f.get("item")) for m, f in rules["facts"].items() if f["scope"] != "firm"}
        pairs = sorted({(c["metric"], c["of"]) for j in rules["jurisdictions"].values() for t in j["types"].values()
                        for c in t["conditions"] if c["kind"] == "share"})
        cached = _validators[id(rules)] = (rules, jsonschema.Draft202012Validator(profile_schema(rules)), kinds, pairs)
    return cached[1:]


def _plainly_valid(data: dict, kinds: dict) -> bool:
    """True only for a profile the schema certainly accepts (known keys, exact types, no negative
    figure, percentages up to 100, series of the right length, no firm list): such a profile skips
    the slower JSON Schema pass, which stays the one judge (and the one wording) of every other.
    tests/test_impact.py checks on generated good and bad rows that this never accepts what the
    schema refuses."""
    for k, v in data.items():
        if k in ("applicant", "$schema"):
            if type(v) is not str:
                return False
            continue
        kind = kinds.get(k)
        if kind is None:
            return False
        if v is None:
            continue
        t, percent, years, item = kind
        if t == "boolean":
            if type(v) is not bool:
                return False
        elif t == "series":
            if type(v) is not list or len(v) != years:
                return False
            allowed = (int,) if item == "integer" else (int, float)
            if not all(type(x) in allowed and x >= 0 for x in v):
                return False
        elif type(v) not in ((int,) if t == "integer" else (int, float)) or not v >= 0 or (percent and not v <= 100):
            return False
    return True


def _name(where: tuple, facts: dict) -> str:
    key = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(where)) or "(top level)"
    fact = next((p for p in reversed(where) if isinstance(p, str) and p in facts), None)
    return f"{key} ({facts[fact]['label']})" if fact else key


def _describe(err: jsonschema.ValidationError, facts: dict) -> list[tuple[tuple, str]]:
    where, v, value = tuple(err.absolute_path), err.validator, err.instance
    name = _name(where, facts)
    if v == "additionalProperties":
        allowed = list(err.schema.get("properties", {}))
        return [(where + (k,), f"{_name(where + (k,), facts)}: unknown key{_suggest(k, allowed, facts)}")
                for k in value if k not in allowed]
    if v == "type":
        fact = facts.get(where[-1]) if where and isinstance(where[-1], str) else None
        wanted = err.validator_value[0] if isinstance(err.validator_value, list) else err.validator_value
        expected = TYPE_WORDS[fact["type"]] if fact else TYPE_WORDS.get(wanted, wanted)
        return [(where, f"{name}: expected {expected}, got {_show(value)}")]
    if v == "minimum":
        return [(where, f"{name}: must not be negative, got {_show(value)}")]
    if v == "maximum":
        return [(where, f"{name}: a percentage cannot be above {fmt(err.validator_value)}, got {_show(value)}")]
    if v in ("minItems", "maxItems"):
        return [(where, f"{name}: expected {err.validator_value} yearly figures (oldest first), got {len(value)}")]
    return [describe_schema_error(err)]


def _show(value) -> str:
    kinds = {bool: "boolean", str: "text", list: "list", dict: "mapping"}
    return f"{kinds[type(value)]} {value!r}" if type(value) in kinds else repr(value)


def _suggest(key: str, allowed: list[str], facts: dict) -> str:
    hint = [k for k in allowed if len(key) >= 4 and (key in k or k in key)][:1] or difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    if not hint:  # a Chinese label typed as the key: 场地面积 -> site_area
        labels = {facts[k]["label"]: k for k in allowed if k in facts}
        near = difflib.get_close_matches(key, list(labels), n=1, cutoff=0.4)
        hint = [labels[near[0]]] if near else []
    return f" (did you mean '{hint[0]}'?)" if hint else ""


def _inconsistencies(data: dict, rules: dict, pairs: list):
    """Facts that each pass the schema but cannot all be true or be printed: control characters in
    text, infinite or absurdly large numbers, a part larger than its whole (a share above the
    whole), a count that contradicts the firm list."""
    facts = rules["facts"]
    nested = any(isinstance(v, (dict, list)) for v in data.values())
    leaves = _leaves(data, ()) if nested else (((k,), v) for k, v in data.items())
    for where, value in leaves:
        if isinstance(value, str):
            if bad := control_chars(value):
                yield where, f"{_name(where, facts)}: contains control character U+{ord(bad[0]):04X}; remove it"
        elif isinstance(value, bool) or not isinstance(value, (int, float)):
            continue
        elif isinstance(value, float) and not math.isfinite(value):
            yield where, f"{_name(where, facts)}: expected a finite number, got {value!r}"
        elif abs(value) >= LARGEST:
            shown = f"{value:.6g}" if isinstance(value, float) else f"a {len(str(abs(value)))}-digit number"
            yield where, f"{_name(where, facts)}: {shown} is too large to be a real figure (the limit is {LARGEST:.0e})"
    for part, whole in pairs:
        if data.get(part) is not None and data.get(whole) is not None and compare(data[part], data[whole]) > 0:
            yield (part,), (f"{_name((part,), facts)}: {fmt(data[part])} is more than {whole} ({facts[whole]['label']}) "
                            f"{fmt(data[whole])}; a part cannot exceed its whole")
    if data.get("firms") is None:
        return
    for j in rules["jurisdictions"].values():
        for metric, d in j["derived"].items():
            count, undetermined = count_firms(d, data["firms"], facts, rules["phrases"])
            if data.get(metric) is not None and not undetermined and count != data[metric]:
                yield (metric,), (f"{_name((metric,), facts)}: {data[metric]} given, but the firm list gives {count} "
                                  f"by the definition of {d['term']} ({d['citation']})")


def _leaves(node, where: tuple):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, where + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, where + (i,))
    else:
        yield where, node


if __name__ == "__main__":
    from generator.eligibility.rules import export_rules
    from generator.policy import load_policy

    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m generator.eligibility.profile --write")
    write_schema(export_rules(load_policy()))
    print(f"wrote {display_path(SCHEMA_FILE)}")
