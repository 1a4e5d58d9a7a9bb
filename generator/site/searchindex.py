"""Search that finds provisions: after Material's search plugin has written its index, each text
page's sections are replaced by one entry per provision (titled with its citation, located at its
anchor, its own words only: short snippets), and the search worker expands a reader's words with
the drafters' synonym list (site/synonyms.yaml) before it searches.

Pages that merely repeat the texts are kept out of the index or ranked down by their front matter
(`search: exclude` / `search: boost`), so a provision comes before the pages that quote it."""
from __future__ import annotations

import html
import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from generator.site.context import Site, text_uri
from generator.site.templates import macro
from generator.yamlio import load_file

SYNONYMS_FILE = "synonyms.yaml"  # in the docs folder (site/), left out of the built site


def synonyms(docs_dir: Path) -> dict[str, list[str]]:
    """A reader's word -> the words of the texts it should also find (site/synonyms.yaml)."""
    path = docs_dir / SYNONYMS_FILE
    if not path.is_file():
        return {}
    data, _ = load_file(path)
    problems = [f"{path}: {key!r}: expected a list of words" for key, value in (data or {}).items()
                if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value)]
    if problems:
        raise PluginError("\n".join(problems))
    return {str(k): list(v) for k, v in (data or {}).items()}


# provisions whose title is searched as their words (第三条 备案条件, 第一节 众创空间, 附件1 申报材料目录);
# the titles of chapters and parts head whole pages of provisions and stay out of the ranking
TITLED = ("point", "item", "article", "section", "attachment")


def provision_entries(site: Site, segment) -> dict[str, list[dict]]:
    """Page location -> its entries: the page itself, then one per provision with words of its own."""
    out = {}
    page_text = macro("_search.j2", "page_text")
    for v in site.versions:
        page = text_uri(v.doc_id).removesuffix(".md") + ".html"
        entries = [{"location": page, "title": segment(html.escape(v.title)),
                    "text": segment(html.escape(str(page_text(v.meta["issuer"], v.meta["status"]))))}]
        for p in v.walk():
            words = "\n".join(t for t in ((p.heading if p.kind in TITLED else None), p.text, *p.continuation) if t)
            if not words:
                continue
            entries.append({"location": f"{page}#{p.id}", "title": segment(html.escape(p.citation)),
                            "text": segment(html.escape(words))})
        out[page] = entries
    return out


def rewrite_index(site_dir: str, site: Site, segment, summaries: set[str] = frozenset()) -> None:
    """Replace the text pages' sections by provision entries; of a page in `summaries` (a guide that
    quotes the provisions in its tables) keep only the page itself, so its section titles (考核与奖励,
    处罚与取消资格) do not outrank the provisions they quote."""
    path = Path(site_dir, "search", "search_index.json")
    index = json.loads(path.read_text(encoding="utf-8"))
    replaced = provision_entries(site, segment)
    docs, done = [], set()
    for entry in index["docs"]:
        page, _, anchor = entry["location"].partition("#")
        if page in summaries and anchor:
            continue
        if page not in replaced:
            docs.append(entry)
        elif page not in done:
            docs += replaced[page]
            done.add(page)
    missing = set(replaced) - done
    if missing:
        raise PluginError(f"search index has no entries for {', '.join(sorted(missing))}")
    index["docs"] = docs
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


EXPAND = """/* fuhua: the drafters' synonyms (site/synonyms.yaml) added to each query before it is searched */
(function () {
  var SYNONYMS = %s;
  function expand(q) {
    var extra = [];
    Object.keys(SYNONYMS).forEach(function (k) {
      if (q.indexOf(k) >= 0) SYNONYMS[k].forEach(function (w) { if (q.indexOf(w) < 0 && extra.indexOf(w) < 0) extra.push(w); });
    });
    return extra.length ? q + " " + extra.join(" ") : q;
  }
  var add = self.addEventListener;
  self.addEventListener = function (type, listener, options) {
    if (type !== "message") return add.call(self, type, listener, options);
    return add.call(self, type, function (ev) {
      var m = ev.data;
      if (m && m.type === 2 && typeof m.data === "string") return listener.call(this, { data: { type: 2, data: expand(m.data) } });
      return listener.call(this, ev);
    }, options);
  };
})();
"""


def add_synonyms(worker: Path, words: dict[str, list[str]]) -> None:
    """Put the synonym expansion in front of Material's worker (which listens with addEventListener)."""
    code = worker.read_text(encoding="utf-8")
    if 'addEventListener("message"' not in code:
        raise PluginError(f"{worker.name}: Material's search worker changed; review generator/site/searchindex.py")
    table = json.dumps(dict(sorted(words.items())), ensure_ascii=False)
    worker.write_text(EXPAND % table + code, encoding="utf-8")
