"""Presenting results: the JSON form, the terminal text, the side-by-side comparison rows and the
context the tailored-checklist templates read. Wording lives in templates/eligibility/."""
from __future__ import annotations

import json

import jinja2

from generator import TEMPLATES_DIR
from generator.eligibility.evaluate import STATUS_ORDER, sorted_for_action


def to_json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def context(result: dict, phrases: dict) -> dict:
    """What a checklist template needs: the result, its conditions grouped by status with the
    failing and unknown ones first (the document's label is the templates' `label` macro)."""
    ordered = sorted_for_action(result["conditions"])
    groups = [{"status": s, "title": phrases["status"][s], "conditions": [c for c in ordered if c["status"] == s]}
              for s in STATUS_ORDER]
    return {"r": result, "phrases": phrases,
            "groups": [g for g in groups if g["conditions"]], "todo": [c for c in ordered if c["status"] in ("not_met", "unknown")]}


def compare_rows(results: dict[str, dict], primary: str) -> list[dict]:
    """One row per topic, in the primary jurisdiction's order, then the topics only the others have:
    {topic, cells: {jurisdiction: condition or None}}."""
    rows: dict[str, dict] = {}
    for j, result in sorted(results.items(), key=lambda item: item[0] != primary):
        for c in result["conditions"]:
            rows.setdefault(c["topic"], {"topic": c["topic_label"], "cells": dict.fromkeys(results)})["cells"][j] = c
    return list(rows.values())


def comparison(results: dict[str, dict], rules: dict, primary: str) -> dict:
    first = next(iter(results.values()))
    rows = compare_rows(results, primary)
    return {"compare": True, "type": first["type"], "type_name": first["type_name"], "applicant": first["applicant"],
            "jurisdictions": list(results), "primary": primary, "results": results,
            "rows": [{"topic": r["topic"], "conditions": {j: c["id"] if c else None for j, c in r["cells"].items()}} for r in rows]}


def compare_context(results: dict[str, dict], rules: dict, primary: str) -> dict:
    return {"results": results, "rows": compare_rows(results, primary), "phrases": rules["phrases"],
            "first": next(iter(results.values()))}


_ENV = None


def text_environment() -> jinja2.Environment:
    global _ENV
    if _ENV is None:
        _ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES_DIR), undefined=jinja2.StrictUndefined,
                                  autoescape=False, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)
    return _ENV


def render_text(template: str, ctx: dict) -> str:
    return text_environment().get_template(template).render(**ctx)
