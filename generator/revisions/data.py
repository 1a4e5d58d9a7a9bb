"""A Revision as plain data: the JSON output, and the context every template renders."""
from __future__ import annotations

from generator.revisions.chardiff import DELETE, INSERT, side
from generator.revisions.compare import DocumentDiff, ProvisionChange
from generator.revisions.report import Revision


def _side(p, text: str) -> dict | None:
    if p is None:
        return None
    return {"id": p.id, "kind": p.kind, "num": p.num, "citation": p.citation, "text": text}


def provision(c: ProvisionChange) -> dict:
    return {"status": c.status, "renumbered": c.renumbered,
            "old": _side(c.old, side(c.segments, DELETE)), "new": _side(c.new, side(c.segments, INSERT)),
            "segments": [list(s) for s in c.segments]}


def _citation(version, pid: str | None) -> str | None:
    if version is None or pid is None or pid not in version.provisions:
        return None
    return version.provisions[pid].citation


def _version(v) -> dict | None:
    if v is None:
        return None
    return {"document": v.doc_id, "version": v.version, "title": v.title, "cited_title": v.cited_title, "status": v.meta["status"],
            "fixture": bool(v.meta.get("fixture"))}


def document(d: DocumentDiff) -> dict:
    provisions = [provision(c) for c in d.provisions]
    summary = {s: sum(1 for p in provisions if p["status"] == s) for s in ("added", "removed", "changed")}
    summary["renumbered"] = sum(1 for p in provisions if p["renumbered"])
    return {
        "document": d.doc_id,
        "old": _version(d.old),
        "new": _version(d.new),
        "summary": summary,
        "metadata": [{"field": f, "old": a, "new": b} for f, a, b in d.meta],
        "provisions": provisions,
        "quantities": [{"key": q.key, "category": q.category, "label": q.label, "change": q.change,
                        "changed_fields": q.changed_fields,
                        "old": q.old.values if q.old else None, "new": q.new.values if q.new else None,
                        "old_citation": _citation(d.old, q.old.provision if q.old else None),
                        "new_citation": _citation(d.new, q.new.provision if q.new else None)}
                       for q in d.quantities],
        "rules": [{"key": k, "change": c, "pending": any(p.key == k for p in d.pending)} for k, c in d.rules],
        "pending": [{"key": p.key, "citation": p.citation, "message": p.message} for p in d.pending],
        "table": [{"old_citation": r.change.old.citation if r.change.old else None,
                   "new_citation": r.change.new.citation if r.change.new else None,
                   "status": r.change.status if r.change.status != "unchanged" else "changed",
                   "segments": [list(s) for s in r.segments]} for r in d.rows],
    }


def revision_data(rev: Revision) -> dict:
    return {"old": rev.old_label, "new": rev.new_label, "unchanged": rev.unchanged,
            "fixture": any((v or {}).get("fixture") for d in rev.documents for v in (_version(d.old), _version(d.new))),
            "documents": [document(d) for d in rev.documents],
            "outputs": [{"target": i.target, "reasons": i.reasons, "files": [{"path": p, "change": c} for p, c in i.files]}
                        for i in rev.outputs]}
