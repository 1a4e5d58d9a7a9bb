"""MkDocs hooks (named in mkdocs.yml): load policy/, add the generated pages, fill the markers of
the hand-written pages. Settings come from `extra.fuhua` or the environment, see context.py."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from generator.errors import InputError
from generator.site import pages, searchfix
from generator.site.context import Settings, Site

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
    search = config.plugins.get("material/search")
    if search is not None:
        searchfix.user_dictionary_once(search.config, Path(config.config_file_path).parent)
    return config


def on_files(files, config):
    for uri, content in {**pages.generated(_site), **pages.extra_files(_site)}.items():
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown, page, config, files):
    return pages.with_mermaid(page.file.src_uri, pages.fill(_site, page.file.src_uri, markdown))


def on_post_build(config):
    searchfix.patch_worker(config.site_dir)
