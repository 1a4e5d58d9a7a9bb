"""Another city needs no code change: policy/ with the local document under another id and
jurisdiction (and a third document beside it) validates and builds the documents of the home
jurisdiction, named by policy/ alone."""
from __future__ import annotations

import json
import shutil

import pytest

from generator import DEFAULT_POLICY_DIR
from generator.build import build
from generator.policy import load_policy
from tests.test_public_wording import docx_text

OLD_DOC, NEW_DOC = "tianjin-measures", "haicheng-measures"
OLD_J, NEW_J = "tianjin", "haicheng"
OLD_CITY, NEW_CITY = "天津", "海城"
KEY_TARGETS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports", "eligibility"]


def _rewrite(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, path
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def city(tmp_path_factory):
    """policy/ with the home measure renamed (folder, id, jurisdiction), plus a copy of it as a
    second local document of a third jurisdiction."""
    root = tmp_path_factory.mktemp("city")
    policy = root / "policy"
    shutil.copytree(DEFAULT_POLICY_DIR, policy)
    (policy / OLD_DOC).rename(policy / NEW_DOC)
    _rewrite(policy / NEW_DOC / "document.yaml", f"id: {OLD_DOC}", f"id: {NEW_DOC}")
    _rewrite(policy / NEW_DOC / "draft-2024" / "meta.yaml", f"jurisdiction: {OLD_J}", f"jurisdiction: {NEW_J}")
    for name in ("meta.yaml", "text.yaml"):  # the other city's own text: its title and issuer name it
        _rewrite(policy / NEW_DOC / "draft-2024" / name, OLD_CITY, NEW_CITY)
    project = policy / "project.yaml"
    _rewrite(project, f"home_jurisdiction: {OLD_J}", f"home_jurisdiction: {NEW_J}")
    _rewrite(project, f"  {OLD_J}: {{name: 天津市}}", f"  {NEW_J}: {{name: 海城市}}\n  riverside: {{name: 河畔市}}")
    third = policy / "riverside-measures"
    shutil.copytree(policy / NEW_DOC, third)
    _rewrite(third / "document.yaml", f"id: {NEW_DOC}", "id: riverside-measures")
    _rewrite(third / "draft-2024" / "meta.yaml", f"jurisdiction: {NEW_J}", "jurisdiction: riverside")
    return policy


def test_renamed_city_validates(city):
    policy = load_policy(city)
    assert policy.home.doc_id == NEW_DOC and policy.home_jurisdiction == NEW_J
    assert [v.doc_id for v in policy.references()] == ["national-accelerator-guideline"]


def test_renamed_city_builds_its_documents(city, tmp_path, monkeypatch):
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2026-11-23")
    out = tmp_path / "out"
    report = build(city, out, only=KEY_TARGETS)
    assert sorted(report.rebuilt) == sorted(KEY_TARGETS)
    form = (out / "forms" / "application-incubator.md").read_text(encoding="utf-8")
    assert "第六条" in form and "不低于2500平方米" in form
    rules = json.loads((out / "eligibility" / "rules.json").read_text(encoding="utf-8"))
    assert set(rules["jurisdictions"]) == {"national", NEW_J, "riverside"}
    comparison = (out / "reports" / "accelerator-comparison.md").read_text(encoding="utf-8")
    assert "资金（基金）规模不低于1000万元" in comparison and "资金（基金）规模不低于3000万元" in comparison
    # the columns are named from project.yaml, not after the city the templates were first written for
    comparison_docx = docx_text((out / "reports" / "accelerator-comparison.docx").read_bytes())
    for text in (comparison, comparison_docx):
        assert "国家文件更严" in text and "仅海城市文件有，国家文件缺少" in text
        assert OLD_CITY not in text
    assert "市级科技企业孵化器" in (out / "notices" / "notice-2025.md").read_text(encoding="utf-8")


def test_renamed_city_site_is_named_by_its_policy(city, tmp_path, monkeypatch):
    """Without project.yaml `site:` the site is named after the home jurisdiction, and the hand-written
    pages name the jurisdictions, types and reports from the policy (the texts stay Tianjin's, verbatim)."""
    project = city / "project.yaml"
    text = project.read_text(encoding="utf-8")
    project.write_text(text[:text.index("\n# 站点")] + "\n", encoding="utf-8")
    monkeypatch.setenv("FUHUA_BUILD_DATE", "2026-11-23")
    build(city, tmp_path / "out", only=["site"])
    site = tmp_path / "out" / "site"
    pages = {p.relative_to(site).as_posix(): p.read_text(encoding="utf-8") for p in site.rglob("*.html")}
    home = pages["index.html"]
    assert "<title>首页 - 海城市孵化载体政策</title>" in home and '<h2 id="三类孵化载体">三类孵化载体' in home
    assert "本站发布海城市众创空间、科技企业孵化器和创新加速器的管理政策" in home
    assert "国家与海城市对比" in pages["compare.html"] and "国家与海城市创新加速器条件对照" in pages["downloads.html"]
    assert "三份政策文件的条款对齐" in pages["crossref.html"]
    assert not [uri for uri, page in pages.items() if "天津市孵化载体政策" in page or "国家与天津" in page]


def test_unknown_home_is_reported(city, tmp_path):
    copy = tmp_path / "policy"
    shutil.copytree(city, copy)
    _rewrite(copy / "project.yaml", f"home_jurisdiction: {NEW_J}", "home_jurisdiction: nowhere")
    with pytest.raises(Exception) as err:
        load_policy(copy)
    assert "home_jurisdiction: 'nowhere' is not one of jurisdictions" in str(err.value)
