"""The 新旧对照 page of a document with two published versions (texts/<doc>/compare-<old>-<new>.html).

policy/ publishes one version per document, so the page is built from a scratch copy holding a
second version of the Tianjin measure: the fixture revision's edits (tests/revision_fixture.py: a
changed threshold, an added item, a removed sentence, an added article that renumbers the last one),
made a published version (no `fixture: true`) with a status of its own. The page must show both
texts with the changes marked, each version's status as it stands on the build date, and nothing
internal: no rule ids, no version folder names, no file names."""
from __future__ import annotations

import html
import re
import shutil

import pytest
import yaml

from generator import DEFAULT_POLICY_DIR
from generator.site.target import build_site
from tests.revision_fixture import lay_fixture
from tests.test_site import BUILD_DATE, page_problems

pytestmark = pytest.mark.slow  # a whole site build per status, and Chromium

DOC, OLD, NEW = "tianjin-measures", "draft-2024", "fixture-revision"
PAGE = f"texts/{DOC}/compare-{OLD}-{NEW}.html"
RULE_IDS = ("inc_site_area", "inc_safety")
INTERNAL = (OLD, NEW, "rules.yaml", "meta.yaml", "text.yaml", "source_file", "normalisations", "fixture")

# the second version's status and dates (the build date is 2026-11-23); a version not yet in force
# has its commencement clause (第三十四条 of the revision) rewritten to match
VALIDITY = "本办法自2025年1月1日起施行，有效期至2026年12月31日"
STATUSES = {
    "in_force": {"status": "现行有效", "dates": {"effective": "2025-01-01", "expires": "2026-12-31"},
                 "clause": VALIDITY},
    "promulgated": {"status": "尚未生效", "dates": {"effective": "2027-01-01", "expires": "2028-12-31"},
                    "clause": "本办法自2027年1月1日起施行，有效期至2028年12月31日"},
}


def _published_revision(policy, status: dict):
    """The fixture revision laid over policy/, then made a published version with `status`."""
    lay_fixture(policy)
    path = policy / DOC / NEW / "meta.yaml"
    meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    meta.pop("fixture")
    meta["status"] = status["status"]
    meta["dates"] = {**status["dates"], "source": {**meta["dates"]["source"], "quote": status["clause"]}}
    path.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    text = policy / DOC / NEW / "text.yaml"
    text.write_text(text.read_text(encoding="utf-8").replace(VALIDITY, status["clause"]), encoding="utf-8")


@pytest.fixture(scope="module", params=sorted(STATUSES))
def compared(request, tmp_path_factory):
    """(status key, built site) for each status of the second version."""
    root = tmp_path_factory.mktemp(f"versions-{request.param}")
    shutil.copytree(DEFAULT_POLICY_DIR, root / "policy")
    shutil.copytree(DEFAULT_POLICY_DIR.parent / "examples", root / "examples")
    _published_revision(root / "policy", STATUSES[request.param])
    build_site(root / "site", policy_dir=root / "policy", build_date=BUILD_DATE)
    return request.param, root / "site"


def shown(page: str) -> str:
    """What a reader sees of the page's own content: its text without tags, attributes, or the page
    address the print view adds."""
    body = re.search(r"<article[^>]*>(.*?)</article>", page, re.S).group(1)
    return re.sub(r"https?://\S+", "", html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))))


def test_the_comparison_shows_both_texts_with_the_changes_marked(compared):
    status, site = compared
    page = html.unescape((site / PAGE).read_text(encoding="utf-8"))
    text = shown(page)
    # the changed threshold: the old figure struck out, the new one inserted, each in its own column
    assert re.search(r"<td>[^|]*?不低于<del>2500</del>平方米", page) and re.search(r"<td>[^|]*?不低于<ins>3000</ins>平方米", page)
    # the removed sentence, the added item and article, the renumbered article
    assert "<del>奖励资金用于科技企业孵化器发展。</del>" in page
    assert re.search(r"<ins>(<br>)?8\.建立健全安全生产管理制度，落实安全生产主体责任。</ins>", page)
    assert "<ins>第三十三条　各区科技局可结合本区实际，制定具体实施细则。</ins>" in page
    assert "第三十<del>三</del>条" in page and "第三十<ins>四</ins>条" in page
    if status == "promulgated":  # its commencement clause changed too
        assert "本办法自<del>2025</del>年" in page and "本办法自<ins>2027</ins>年" in page
    # unchanged provisions are not listed; the count of changes is given
    changed = 3 if status == "promulgated" else 2
    assert "第七条" not in text and f"新增 2 处，删除 0 处，修改 {changed} 处，条号变动 1 处" in text
    # the changed quantity, with the provision it rests on
    assert re.search(r"≥ 2500 平方米 \| ≥ 3000 平方米|≥ 2500 平方米\s+≥ 3000 平方米", text), text
    # both versions' own pages exist and link here
    for version in (OLD, NEW):
        own = (site / "texts" / DOC / version / "index.html").read_text(encoding="utf-8")
        assert f'href="../compare-{OLD}-{NEW}.html"' in own, version
    undated = (site / "texts" / f"{DOC}.html").read_text(encoding="utf-8")
    assert f'href="{DOC}/compare-{OLD}-{NEW}.html"' in undated and "不低于3000平方米" in undated
    # the link names both versions by status and dates (two versions may share a status)
    effective = "2027年1月1日" if status == "promulgated" else "2025年1月1日"
    assert f"新旧对照：征求意见稿，拟自2025年1月1日起施行与{STATUSES[status]['status']}，自{effective}起施行" in shown(undated)


def test_each_version_is_shown_with_its_true_status(compared):
    status, site = compared
    text = shown((site / PAGE).read_text(encoding="utf-8"))
    old_line = re.search(r"原版本：(.*?)新版本：", text).group(1)
    new_line = re.search(r"新版本：(.*?)(?:新增|两版无差异)", text).group(1)
    # the old text was a consultation draft: never in force, and its dates only proposed
    assert "征求意见稿" in old_line and "尚未施行" in old_line and "原文拟自2025年1月1日起施行" in old_line
    if status == "in_force":
        assert "现行有效" in new_line and "有效期至2026年12月31日（剩余38天）" in new_line, new_line
        assert "尚未施行" not in new_line and "拟" not in new_line
        assert "征求意见稿不具有法律效力" not in text  # the banner is the new version's
    else:
        # promulgated, not yet in force: its dates are fixed (no 拟), and it is no consultation draft
        assert "尚未生效" in new_line and "尚未施行，自2027年1月1日起施行" in new_line, new_line
        assert "拟" not in new_line and "征求意见稿不具有法律效力" not in text
        # the changed dates: the old ones were only proposed
        assert "施行日期 2025年1月1日（拟） 2027年1月1日" in text and "有效期至 2026年12月31日（拟） 2028年12月31日" in text
    # the site holds a later version: the old draft's page must not claim the draft is all there is
    old_html = (site / "texts" / DOC / OLD / "index.html").read_text(encoding="utf-8")
    assert "本站收录的仍是征求意见稿" not in shown(old_html) and "历史或备选版本" in shown(old_html)
    # ... and links the current version (a link, not Markdown left as text)
    assert re.search(rf'class="fuhua-version-note">[^<]*<a href="\.\./\.\./{DOC}\.html">', old_html)


def test_the_comparison_shows_no_rule_ids_or_file_names(compared):
    _, site = compared
    text = shown((site / PAGE).read_text(encoding="utf-8"))
    assert not [word for word in (*RULE_IDS, *INTERNAL) if word in text]
    assert not re.search(r"[a-z]+_[a-z_]+", text), re.findall(r"[a-z]+_[a-z_]+", text)
    assert not re.search(r"\d{4}-\d\d-\d\d", text)  # dates as readers write them


def test_the_comparison_page_is_accessible_at_both_widths(compared, browser):
    status, site = compared
    if status != "in_force":
        pytest.skip("one status is enough for the layout")
    bad = page_problems(browser, site, [PAGE])
    assert not bad, "\n".join(bad)
