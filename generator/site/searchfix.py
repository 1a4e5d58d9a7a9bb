"""Let Chinese queries match whole index words: a one-character fix to Material's search worker.

Material segments a Chinese query greedily into words that are in the search index, but its loop
(`for (j = i + 1; j < query.length; j++)` in integrations/search/query/segment) never tries a
word that ends at the query's last character. So 孵化场地 is searched as 孵化* (every page about
incubation) and 在孵企业 as 在*. The built site gets a copy of the worker with `<` made `<=`.
If a Material upgrade changes the code, the build fails loudly instead of silently searching badly.
"""
from __future__ import annotations

import re
from pathlib import Path

from mkdocs.exceptions import PluginError

LOOP = re.compile(r"for\(let (\w)=(\w)\+1;\1<(\w)\.length;\1\+\+\)\3\.slice\(\2,\1\)in ")


def patch_worker(site_dir: str) -> Path:
    workers = sorted(Path(site_dir, "assets", "javascripts", "workers").glob("search.*.min.js"))
    if len(workers) != 1:
        raise PluginError(f"expected one Material search worker in {site_dir}, found {len(workers)}")
    code = workers[0].read_text(encoding="utf-8")
    patched, count = LOOP.subn(lambda m: m.group(0).replace(f"{m.group(1)}<{m.group(3)}", f"{m.group(1)}<={m.group(3)}", 1), code)
    if count != 1:
        raise PluginError(f"{workers[0].name}: Material's query segmentation changed; review generator/site/searchfix.py")
    workers[0].write_text(patched, encoding="utf-8")
    return workers[0]
