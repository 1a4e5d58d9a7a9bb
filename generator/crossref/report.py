"""The cross-reference report as data: thresholds with their extraction scores, references and
the citation graph, clause alignment with the threshold comparison, the YAML-vs-text check and the
drafting lint. `report_files` renders it to crossref.json, crossref.md (site) and crossref.docx
through the shared renderer (templates/crossref/report.md.j2)."""
from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from itertools import combinations

from generator.crossref.align import Pair, align, units_of
from generator.crossref.analysis import Analysis, analyse, threshold_items
from generator.crossref.compare import VERDICTS, compare
from generator.crossref.consistency import match, score
from generator.crossref.lint import KIND_NAMES, KINDS, NOTES, lint
from generator.crossref.quantities import Quantity, UnitTable
from generator.crossref.references import resolve
from generator.model import Policy, Version

REPORT_TEMPLATE = "crossref/report.md.j2"
FORMATS = ("json", "md", "docx")


def document_pairs(policy: Policy) -> list[tuple[Version, Version]]:
    """The pairs to align: each local version with each reference one (document.yaml `role`; the
    reference second), and the reference ones with each other. Local versions are not aligned with
    one another, so n local documents cost n alignments per reference, not n²/2 (bench/ measures
    this at 1,000 documents)."""
    versions = sorted(policy.current_versions(), key=lambda v: v.doc_id)
    references = [v for v in versions if v.role == "reference"]
    return list(combinations(references, 2)) + [(x, y) for x in versions if x.role != "reference" for y in references]


def _place(version: Version, provision: str | None) -> dict | None:
    if provision is None:
        return None
    return {"document": version.doc_id, "provision": provision, "citation": version.provisions[provision].citation}


def _quantity(q: Quantity | None) -> dict | None:
    if q is None:
        return None
    return {"text": q.text, "comparator": q.comparator, "value": q.value, "unit": q.unit, "period": q.period,
            "base": q.base["text"] if q.base else None, "subject": q.subject}


def reference_rows(policy: Policy, analysis: Analysis) -> list[dict]:
    v, rows = analysis.version, []
    for node, ref in analysis.references:
        target = resolve(policy, v, node, ref)
        rows.append({
            "document": v.doc_id, "provision": node.id, "citation": node.citation, "text": ref.text, "kind": ref.kind,
            "status": target.status, "target_document": target.document, "target_provision": target.provision,
            "target_citation": target.citation, "target_title": ref.title or (target.known or {}).get("title"),
            "detail": target.detail,
        })
    return rows


def _target(row: dict) -> str:
    if row["kind"] in ("document", "number"):
        return row["target_document"] or (f"《{row['target_title']}》" if row["target_title"] else row["text"])
    return row["target_document"] or "?"


def citation_graph(rows: list[dict]) -> list[dict]:
    """Edges between documents, with counts: internal references (第X条, 本办法) and cited documents."""
    edges = Counter((r["document"], _target(r), "document" if r["kind"] in ("document", "number") else "internal") for r in rows)
    return [{"from": a, "to": b, "kind": k, "count": n} for (a, b, k), n in sorted(edges.items())]


def _pair_json(a: Version, b: Version, pair: Pair) -> dict:
    row = {"a": _place(a, pair.a.key) if pair.a else None, "b": _place(b, pair.b.key) if pair.b else None,
           "score": round(pair.score, 4)}
    if pair.nearest is not None:
        row["nearest"] = _place(b if pair.a else a, pair.nearest.key)
    return row


def alignment(policy: Policy, a: Analysis, b: Analysis) -> dict:
    va, vb = a.version, b.version
    pairs = align(units_of(va), units_of(vb))
    rows = compare(pairs, a.quantities_by_node(), b.quantities_by_node())
    comparisons = [{"a_citation": r.pair.a.citation if r.pair.a else None, "b_citation": r.pair.b.citation if r.pair.b else None,
                    "aligned": bool(r.pair.a and r.pair.b), "a": _quantity(r.a), "b": _quantity(r.b), "verdict": r.verdict}
                   for r in rows]
    return {
        "a": va.doc_id, "b": vb.doc_id, "a_title": va.title, "b_title": vb.title,
        "a_short": policy.documents[va.doc_id].name_of(va), "b_short": policy.documents[vb.doc_id].name_of(vb),
        "pairs": [_pair_json(va, vb, p) for p in pairs],
        "comparisons": comparisons,
        "summary": {k: sum(1 for c in comparisons if c["verdict"] == k and (c["aligned"] or not c["a"])) for k in VERDICTS},
        "only_in_a": sum(1 for c in comparisons if not c["aligned"] and c["a"]),
    }


def _waivers(version: Version, table: UnitTable, found) -> list[dict]:
    m = match(version, table, found)
    waived = Counter(i for i, _ in m.waived)
    return [{"document": version.doc_id, "citation": w.citation, "quote": w.quote, "reason": w.reason, "covers": waived.get(i, 0)}
            for i, w in enumerate(version.rules.waivers)]


def report_data(policy: Policy, today: dt.date) -> dict:
    table = UnitTable.from_vocabulary(policy.vocabulary)
    analyses = {v.doc_id: analyse(policy, v) for v in policy.current_versions()}
    references = [row for a in analyses.values() for row in reference_rows(policy, a)]
    findings = [f.as_dict() for f in lint(policy, list(analyses), today)]
    return {
        "today": today.isoformat(),
        "documents": [{"id": a.version.doc_id, "version": a.version.version, "title": a.version.title,
                       "name": policy.documents[a.version.doc_id].name_of(a.version),
                       "status": a.version.status} for a in analyses.values()],
        "thresholds": [item for a in analyses.values() for item in threshold_items(a)],
        "scores": [score(a.version, table, a.quantities) for a in analyses.values()],
        "waivers": [w for a in analyses.values() for w in _waivers(a.version, table, a.quantities)],
        "references": references,
        "citation_graph": citation_graph(references),
        "alignments": [alignment(policy, analyses[x.doc_id], analyses[y.doc_id]) for x, y in document_pairs(policy)],
        "lint": findings,
        "lint_kinds": [{"kind": k, "name": KIND_NAMES[k], "count": n} for k in KINDS
                       if (n := sum(f["kind"] == k for f in findings)) or k not in NOTES],
    }


def to_json(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def report_files(data: dict, formats=FORMATS) -> dict[str, bytes]:
    """{'json': …, 'md': …, 'docx': …} for the report data."""
    out = {"json": to_json(data)} if "json" in formats else {}
    rendered = [f for f in formats if f != "json"]
    if rendered:
        from generator.render import render
        out.update(render(REPORT_TEMPLATE, {"r": data, "kind_names": KIND_NAMES}, formats=tuple(rendered)))
    return out


def build_target(ctx) -> dict[str, bytes]:
    """`fuhua build`'s crossref target (generator/build/targets.py): crossref/crossref.{json,md,docx}."""
    files = report_files(report_data(ctx.policy, ctx.today))
    return {f"crossref/crossref.{ext}": data for ext, data in files.items()}
