"""The policy texts themselves as Word files for the downloads page: the verbatim lines of
generator.text through templates/site/text-docx.md.j2 and the shared renderer (公文 layout)."""
from __future__ import annotations

from generator import render as renderer
from generator.model import DRAFT_STATUSES, Version
from generator.text import provision_lines


def docx(version: Version) -> bytes:
    header = [{"text": line, "title": line in version.title} for line in version.text.get("header") or []]
    if not any(h["title"] for h in header):
        header.insert(0, {"text": version.title, "title": True})
    blocks = []
    for root in version.roots:
        lines = provision_lines(root)
        if root.kind in ("chapter", "part"):
            blocks.append({"heading": True, "text": lines[0]})
            lines = lines[1:]
        blocks += [{"heading": False, "text": line} for line in lines if line]
    status = version.meta["status"]
    return renderer.render("site/text-docx.md.j2", {"header": header, "status": status, "draft": status in DRAFT_STATUSES,
                                                    "blocks": blocks},
                           formats=("docx",))["docx"]
