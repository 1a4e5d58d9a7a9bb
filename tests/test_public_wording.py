"""What the public reads: every document the build writes (its .md and its .docx text) and the
drafting lint in Markdown. No internal ids (early_exit, sanctions.early_exit, acc_served_firms), no
file names (policy/, rules.yaml), no English or method jargon (n-gram TF-IDF), dates in Chinese
form; and never an invented title: every 《…》 names a title the texts or meta.yaml give, and a short
title shows only where document.yaml records it as official.

The site's pages are checked the same way in tests/test_site.py (a whole site build, slow)."""
from __future__ import annotations

import html
import io
import re
import zipfile

import pytest

from generator import PROJECT_ROOT
from generator.build import build

TARGETS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports",
           "eligibility", "crossref"]
DATE = "2026-11-23"
# English a reader may meet: the programs the forms are filled in, the national standards' code,
# the ministry's grades A-D, and the sample notice's made-up address (.invalid never resolves)
ALLOWED = re.compile(r"GB/T|Word|WPS|(?<![A-Za-z])[A-D](?![A-Za-z])|[\w.+-]+@[\w.-]+\.invalid")
INTERNAL = [
    (re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[._/-][A-Za-z0-9]+)+"), "an id, file name or path"),
    (re.compile(r"[A-Za-z]+"), "English"),
    (re.compile(r"\d{4}-\d{1,2}-\d{1,2}"), "a date not in Chinese form"),
]


def public_problems(name: str, text: str) -> list[str]:
    """Ids, file names, English words and ISO dates in a public text (markup and entities removed;
    each finding is reported once, under the first pattern that matches it)."""
    text = ALLOWED.sub(" ", html.unescape(re.sub(r"</?(?:br|u|ins|del|b)\s*/?>", "", text)))
    problems = []
    for pattern, what in INTERNAL:
        problems += [f"{name}: {what}: {text[max(0, m.start() - 15):m.end() + 15]!r}" for m in pattern.finditer(text)]
        text = pattern.sub(" ", text)
    return problems


def docx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if re.match(r"word/(document|header|fuhuaheader)\w*\.xml$", n))
    return "\n".join(html.unescape("".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", p))) for p in re.findall(r"<w:p\b.*?</w:p>", xml, re.S))


def public_texts(out) -> dict[str, str]:
    texts = {}
    for path in sorted(out.rglob("*")):
        rel = path.relative_to(out).as_posix()
        if path.suffix == ".md":
            texts[rel] = path.read_text(encoding="utf-8")
        elif path.suffix == ".docx":
            texts[rel] = docx_text(path.read_bytes())
    return texts


def known_titles(policy) -> set[str]:
    """Every title a public output may put in 《》: each version's title as its text gives it, its
    official short title, the titles meta.yaml lists (based_on, repeals) and those the texts cite."""
    titles = set()
    for doc in policy.documents.values():
        if doc.official_short_title:
            titles.add(doc.official_short_title)
        for v in doc.versions.values():
            titles |= {v.title, v.cited_title}
            titles |= {d["title"] for key in ("based_on", "repeals") for d in v.meta.get(key) or ()}
            titles |= set(re.findall(r"《([^《》]+)》", "\n".join(p.own_text for p in v.walk())))
    return titles


def short_names(policy) -> tuple[re.Pattern, set[str]]:
    """A short name made of a place and a kind of document (国家指引, 天津办法, 天津市办法): the pattern
    for the project's jurisdictions and the kinds of document the cross-reference reader knows, and
    the names that may show: official short titles and any the texts themselves write."""
    from generator.crossref.references import GENRES
    places = {j["name"] for j in policy.project["jurisdictions"].values()}
    places |= {p[:-1] for p in places if len(p) > 2 and p[-1] in "省市区县"}
    pattern = re.compile(f"(?:{'|'.join(sorted(places, key=len, reverse=True))})(?:{GENRES})")
    given = {d.official_short_title for d in policy.documents.values() if d.official_short_title}
    for doc in policy.documents.values():
        for v in doc.versions.values():
            given |= set(pattern.findall("\n".join([v.title, *(p.own_text for p in v.walk())])))
    return pattern, given


def invented_short_names(name: str, text: str, policy) -> list[str]:
    pattern, given = short_names(policy)
    return [f"{name}: {found} is a short name no text gives" for found in pattern.findall(html.unescape(text)) if found not in given]


def unknown_titles(name: str, text: str, titles: set[str]) -> list[str]:
    return [f"{name}: 《{t}》 is not a title any text gives" for t in re.findall(r"《([^《》]+)》", html.unescape(text)) if t not in titles]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("public") / "build"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", DATE)
        build(None, out, only=TARGETS)
    return out


def test_the_checks_catch_what_they_look_for():
    bad = "同为 sanctions.early_exit 的情形，见 policy/rules.yaml；按 n-gram TF-IDF 计算的 precision；有效期至2026-12-31"
    found = public_problems("x", bad)
    assert [p.split(": ")[1] for p in found] == ["an id, file name or path"] * 4 + ["English", "a date not in Chinese form"]
    assert public_problems("x", "依据GB/T 15834，评价等次A，可在Word或WPS中填写，邮箱example@example.invalid") == []
    assert public_problems("x", "acc_served_firms") and public_problems("x", "early_exit")


def test_no_internal_ids_file_names_english_or_iso_dates(built, cli):
    texts = public_texts(built)
    assert len(texts) >= 30
    code, lint_md, _ = cli("lint", "--format", "md", "--date", DATE)
    texts["fuhua lint --format md"] = lint_md
    problems = [p for name, text in texts.items() for p in public_problems(name, text)]
    assert problems == []


def test_every_title_in_title_marks_is_one_the_texts_give(built, policy):
    titles = known_titles(policy)
    texts = public_texts(built)
    assert any("《天津市众创空间、科技企业孵化器和创新加速器管理办法（试行）（征求意见稿）》" in t for t in texts.values())
    assert [p for name, text in texts.items() for p in unknown_titles(name, text, titles)] == []


def test_no_output_names_a_document_by_a_short_name_no_text_gives(built, policy):
    assert invented_short_names("x", "国家指引更严；仅天津办法有；天津市办法", policy) == [
        "x: 国家指引 is a short name no text gives", "x: 天津办法 is a short name no text gives", "x: 天津市办法 is a short name no text gives"]
    texts = public_texts(built)
    assert "国家文件更严" in texts["reports/accelerator-comparison.md"]
    assert [p for name, text in texts.items() for p in invented_short_names(name, text, policy)] == []


def test_a_draft_is_cited_with_its_status_inside_the_title_marks(built, policy):
    v = policy.home
    assert v.draft_status == v.status  # the text's own title says （征求意见稿）
    texts = public_texts(built)
    outside = [name for name, text in texts.items() if f"《{v.title}》（{v.status}）" in text or f"《{v.title}》" in text]
    assert outside == []
    for name in ("checklists/checklist-incubator.md", "forms/application-incubator.md", "eligibility/tailored-checklist-incubator.md",
                 "checklists/checklist-incubator.docx", "forms/application-incubator.docx"):
        assert re.search(rf"依据《{re.escape(v.cited_title)}》\S*制作，以正式发布文本为准", texts[name]), name


def _set_short_title(policy_dir, official: bool) -> None:
    path = policy_dir / "tianjin-measures" / "document.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("role: local", f"short_title: {{text: 天津市孵化载体管理办法, official: {str(official).lower()}}}\nrole: local"),
                    encoding="utf-8")


@pytest.mark.parametrize("official", [False, True])
def test_a_short_title_shows_only_when_official(policy_copy, tmp_path, official):
    _set_short_title(policy_copy, official)
    out = tmp_path / "build"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FUHUA_BUILD_DATE", DATE)
        build(policy_copy, out, only=["comparison-report", "eligibility", "crossref"], examples_dir=PROJECT_ROOT / "examples")
    shown = [name for name, text in public_texts(out).items() if "天津市孵化载体管理办法" in text]
    if official:
        assert "crossref/crossref.md" in shown and "eligibility/compare-accelerator.md" in shown
    else:
        assert shown == []


def test_no_document_yaml_records_an_unofficial_short_title_as_a_name():
    """The shipped policy records no short title the texts do not give (a short title is invented
    unless its issuer uses it)."""
    import yaml
    for path in sorted((PROJECT_ROOT / "policy").glob("*/document.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        st = data.get("short_title")
        assert st is None or st.get("official") is True, path
