"""The generated documents on the site: each .docx (and .json, .xlsx, ...) as a download, each .md
as a page to read online, and the lists of them that the downloads page shows."""
from __future__ import annotations

import posixpath
import re

from generator.site.context import Site, download_uri
from generator.site.templates import render
from generator.site.validity import validity

FORMATS = (".docx", ".md", ".xlsx", ".csv", ".json")  # link order; named in templates/site/downloads-list.md.j2
TITLE = re.compile(r"^# (.+)$", re.MULTILINE)
TAG = re.compile(r"<[^>]+>")


def status_banners(site: Site, uri: str) -> str:
    """Every document's status, for pages that apply the texts (guides, downloads, self-check)."""
    return render("banners.md.j2", banners=[(site.policy.documents[v.doc_id].name_of(v), validity(v.meta, site.settings.build_date))
                                             for v in site.versions], as_of=site.settings.build_date)


def files(site: Site) -> dict[str, bytes | str]:
    """Site uri -> content: Markdown documents become pages (kept out of search: they repeat the
    provisions) that open with the status of the texts they apply, everything else is copied as it is."""
    from generator.site.xref import link_citations
    out: dict[str, bytes | str] = {}
    for rel, data in site.documents.items():
        if rel.endswith(".md"):
            text = data.decode("utf-8")
            found = TITLE.search(text)
            title, _, body = text.partition("\n") if found and text.startswith("# ") else ("", "", text)
            heading = _plain(found.group(1)) if found else None
            out[download_uri(rel)] = render("download-page.md.j2", title=title, body=link_citations(site, download_uri(rel), body),
                                            banners=status_banners(site, download_uri(rel)), heading=heading,
                                            description=heading or posixpath.basename(rel))
        else:
            out[download_uri(rel)] = data
    return out


def folders(site: Site) -> list[str]:
    return sorted({rel.split("/", 1)[0] for rel in site.documents if "/" in rel})


def listing(site: Site, uri: str, folder: str) -> str:
    """A table of one output folder: each document's title and a link per format. Files without a
    document of their own (the self-check page's scripts, data and licence) are not listed: they
    have no title a reader would know, only a file name; they stay at their address."""
    stems: dict[str, list[str]] = {}
    for rel in site.documents:
        if rel.startswith(folder + "/"):
            stem, ext = posixpath.splitext(rel)
            stems.setdefault(stem, []).append(ext)
    rows = [{"title": title, "stem": download_uri(stem),
             "exts": sorted(exts, key=lambda e: FORMATS.index(e) if e in FORMATS else len(FORMATS))}
            for stem, exts in stems.items() if (title := _title(site, stem))]
    return render("downloads-list.md.j2", uri=uri, rows=rows)


def _title(site: Site, stem: str) -> str | None:
    """The title of the document read online beside this file (its first heading), if it has one."""
    text = site.documents.get(stem + ".md")
    found = TITLE.search(text.decode("utf-8")) if text else None
    return _plain(found.group(1)) if found else None


def _plain(markdown_title: str) -> str:
    """A generated title's text: the renderer writes Markdown signs as &#NN; entities and may break a
    long title with <br> (a line break, not words of the title)."""
    import html
    return html.unescape(TAG.sub("", markdown_title).replace("\\", ""))
