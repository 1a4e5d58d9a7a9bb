"""MkDocs hooks (named in mkdocs.yml): load policy/, add the generated pages, fill the markers of
the hand-written pages. Settings come from `extra.fuhua` or the environment, see context.py."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from generator.errors import InputError
from generator.site import optional, pages, searchfix, searchindex
from generator.site.context import Settings, Site
from generator.render import cn_date

_site: Site | None = None


@event_priority(100)  # before the search plugin loads its jieba_dict_user
def on_config(config):
    global _site
    logging.getLogger("jieba").setLevel(logging.WARNING)  # its dictionary-loading chatter
    try:
        _site = Site.load(Settings.resolve(config.extra.get("fuhua")))
    except InputError as exc:
        raise PluginError(f"policy/ is not valid:\n{exc}") from None
    config.nav = pages.nav(_site)
    day = _site.settings.build_date
    config.extra["fuhua_site"] = {"build_date": cn_date(day)}  # the footer and the print view show it
    search = config.plugins.get("material/search")
    if search is not None:
        searchfix.user_dictionary_once(search.config, Path(config.config_file_path).parent)
    return config


def on_files(files, config):
    for uri in optional.absent(_site):  # a hand-written page this policy has nothing for
        if files.get_file_from_path(uri) is not None:
            files.remove(files.get_file_from_path(uri))
    for uri, content in {**pages.generated(_site), **pages.extra_files(_site)}.items():
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    page.update_date = _site.settings.build_date.isoformat()  # sitemap <lastmod> and its .gz: the build date, not the clock
    uri = page.file.src_uri
    return pages.with_mermaid(uri, optional.unlinked(_site, uri, pages.fill(_site, uri, markdown)))


@event_priority(-100)  # after the search plugin has written its index
def on_post_build(config):
    search = config.plugins.get("material/search")
    worker = searchfix.patch_worker(config.site_dir)
    if search is not None:
        searchindex.rewrite_index(config.site_dir, _site, search.search_index._segment_chinese, pages.guide_pages(_site))
        searchindex.add_synonyms(worker, searchindex.synonyms(Path(config.docs_dir)))
