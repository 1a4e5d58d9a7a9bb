"""MkDocs hooks (named in mkdocs.yml): load policy/, name the site after it, add the generated pages
and the workspace's own site/ pages, render the hand-written pages (site/project.py) and fill their
markers. Settings come from `extra.fuhua` or the environment, see context.py."""
from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File

from generator.errors import InputError
from generator.site import optional, pages, project, searchfix, searchindex
from generator.site.context import Settings, Site
from generator.site.searchindex import SYNONYMS_FILE
from generator.render import cn_date
from generator.workspace import own_pages

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
    own = project.settings(_site)  # the site's name and address are the policy's, not the shipped mkdocs.yml's
    config.site_name, config.site_description = own["name"], own["description"]
    if own.get("url"):
        config.site_url = own["url"]
    day = _site.settings.build_date
    config.extra["fuhua_site"] = {"build_date": cn_date(day)}  # the footer and the print view show it
    search = config.plugins.get("material/search")
    if search is not None:
        searchfix.user_dictionary_once(search.config, Path(config.config_file_path).parent)
    return config


def on_files(files, config):
    own = own_pages(_site.settings.policy_dir)  # the workspace's own pages replace the shipped ones
    if own is not None:
        for path in sorted(p for p in own.rglob("*") if p.is_file() and p.relative_to(own).as_posix() != SYNONYMS_FILE):
            replaced = files.get_file_from_path(path.relative_to(own).as_posix())
            if replaced is not None:
                files.remove(replaced)
            files.append(File(path.relative_to(own).as_posix(), str(own), config.site_dir, config.use_directory_urls))
    for uri in optional.absent(_site):  # a hand-written page this policy has nothing for
        if files.get_file_from_path(uri) is not None:
            files.remove(files.get_file_from_path(uri))
    for uri, content in {**pages.generated(_site), **pages.extra_files(_site)}.items():
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_read_source(page, config):
    if page.file.generated_by is None:  # a hand-written page: a template over this policy's values
        return project.page(_site, page.file.content_string)
    return None


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
        own = own_pages(_site.settings.policy_dir)  # the workspace's synonyms.yaml replaces the shipped list
        chosen = own if own is not None and (own / SYNONYMS_FILE).is_file() else Path(config.docs_dir)
        searchindex.add_synonyms(worker, searchindex.synonyms(chosen))
