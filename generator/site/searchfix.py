"""Chinese search: the user dictionary loaded once per process, and a one-character fix to
Material's search worker so that Chinese queries match whole index words.

jieba's dictionary is global, and `jieba.load_userdict` adds each word's frequency to the total
again on every call, which shifts later segmentations (技术成果 becomes one word after a few
builds). So the search plugin loads the dictionary only on the first build in a process (and
again only when the file changed); every build then indexes with the same jieba state.

Material segments a Chinese query greedily into words that are in the search index, but its loop
(`for (j = i + 1; j < query.length; j++)` in integrations/search/query/segment) never tries a
word that ends at the query's last character. So 孵化场地 is searched as 孵化* (every page about
incubation) and 在孵企业 as 在*. The built site gets a copy of the worker with `<` made `<=`.
If a Material upgrade changes the code, the build fails loudly instead of silently searching badly.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from mkdocs.exceptions import PluginError

_loaded: dict[str, str] = {}  # user dictionary path -> sha256 of what jieba has loaded


def user_dictionary_once(search_config, root: Path) -> None:
    """Make search.jieba_dict_user absolute, or None when jieba already has this very file."""
    if not search_config.jieba_dict_user:
        return
    path = root / search_config.jieba_dict_user
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""
    if digest and _loaded.get(str(path)) == digest:
        search_config.jieba_dict_user = None
    else:
        search_config.jieba_dict_user = str(path)
        _loaded[str(path)] = digest


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
