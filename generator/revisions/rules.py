"""rules.yaml and meta.yaml as flat records keyed like `rules.conditions.incubator.inc_site_area` and `meta.status`,
so two versions compare rule by rule, and a changed provision leads to the rules that cite it."""
from __future__ import annotations

from generator.model import Version


def records(version: Version) -> dict[str, object]:
    """Every rule of the version under a stable key (rules.<section>.<name>; a list item by its id, else its position)."""
    out: dict[str, object] = {}
    for section, body in version.rules.items():
        if section == "conditions":
            for t, conds in body.items():
                out.update({f"rules.conditions.{t}.{c['id']}": c for c in conds})
        elif isinstance(body, dict):
            out.update({f"rules.{section}.{name}": rec for name, rec in body.items()})
        else:
            out.update({f"rules.{section}.{rec.get('id', i)}": rec for i, rec in enumerate(body)})
    for name, value in version.meta.items():
        out[f"meta.{name}"] = value
    return out


def changes(old: Version | None, new: Version | None) -> list[tuple[str, str]]:
    """(key, 'added' | 'removed' | 'changed') for every rule or metadata field that differs."""
    a, b = (records(v) if v else {} for v in (old, new))
    keys = list(b) + [k for k in a if k not in b]
    return [(k, "added" if k not in a else "removed" if k not in b else "changed")
            for k in keys if a.get(k) != b.get(k)]


def citing(version: Version, provision_ids: set[str]) -> list[str]:
    """Keys of the records that rest on one of these provisions, or on a provision inside or around one."""
    def cites(node) -> bool:
        if isinstance(node, dict):
            pid = node.get("provision")
            if isinstance(pid, str) and any(pid == p or pid.startswith(p + "__") or p.startswith(pid + "__") for p in provision_ids):
                return True
            return any(cites(v) for v in node.values())
        if isinstance(node, list):
            return any(cites(v) for v in node)
        return False
    return [key for key, rec in records(version).items() if cites(rec)]
