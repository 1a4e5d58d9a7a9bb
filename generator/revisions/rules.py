"""rules.yaml and meta.yaml as flat records keyed like `rules.conditions.incubator.inc_site_area` and
`meta.status`, so two versions compare rule by rule."""
from __future__ import annotations

from generator.model import Version


def records(version: Version) -> dict[str, object]:
    """Every rule of the version under a stable key (rules.<section>.<name>; a list item by its id, else its position)."""
    out: dict[str, object] = {}
    for section, body in version.raw_rules.items():  # generic: every record as written
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

