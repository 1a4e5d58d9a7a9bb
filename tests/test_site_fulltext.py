"""The full-text page shows every kind of provision `fuhua import` makes: chapters, sections (节)
inside chapters, articles with their titles (条标题), paragraphs (款), items (项) with their printed
labels and their sub-items (目), attachments (附件); and, in a text of parts, a preamble, parts, items
with titles and their own numbered sub-items. Texts written for this test (invented wording; a third
one of parts without titles) are imported as extra published versions of a scratch copy of policy/,
and the site is built from it."""
from __future__ import annotations

import datetime as dt
import html
import re
import shutil

import pytest
import yaml

from generator import DEFAULT_POLICY_DIR
from generator.importer.draft import resolve_reviews
from generator.policy import load_policy
from generator.site.target import build_site
from tests.test_site import BUILD_DATE, page_problems

pytestmark = pytest.mark.slow  # imports, a whole site build and Chromium

MEASURE = """示例市孵化载体培育办法
第一章 总 则
第一条 目的依据 为培育孵化载体，促进科技型中小企业成长，结合本市实际，制定本办法。
第二条 适用范围 本办法适用于在本市登记注册的众创空间和科技企业孵化器。
本办法所称孵化载体，是指为创业团队和初创企业提供场地、辅导和融资对接服务的机构。
第二章 培育对象
第一节 众创空间
第三条 备案条件 申请备案的众创空间应当具备下列条件：
（一）服务场地面积不低于600平方米；
（二）具备下列服务能力：
1.配备专职服务人员不少于4名；
2.每年组织创业辅导活动不少于12场。
（三）入驻创业团队不少于15个。
第二节 科技企业孵化器
第四条 认定条件 申请认定的科技企业孵化器，在孵企业不少于20家。
第三章 附 则
第五条 施行日期 本办法自2026年3月1日起施行，有效期至2029年2月28日。
附件1
备案申请材料目录
众创空间备案申请表。
场地使用证明材料。
"""

PARTS = """示例市加快孵化载体建设的若干措施
为加快孵化载体建设，提出如下措施。
一、总体目标
到2028年，全市孵化载体服务能力明显提升。
二、重点任务
1.培育专业化众创空间
（1）支持龙头企业建设专业化众创空间；
（2）支持高校院所开放科研设施。
2.提升孵化器服务能力
鼓励孵化器引进专业服务团队。
三、保障措施
各区加强组织领导，落实工作责任。
"""

UNTITLED = """示例市促进孵化载体提质的若干措施
一、对新备案的市级众创空间，给予一次性奖励10万元。
二、鼓励孵化器与高校共建概念验证中心。
本条所称概念验证中心，是指为科研成果提供技术验证和商业评估服务的平台。
三、本措施自2026年5月1日起施行。
"""

VERSION = "imported"
# (document, version, text): each text becomes a published version of a document of policy/
IMPORTS = [("tianjin-measures", VERSION, MEASURE), ("national-accelerator-guideline", VERSION, PARTS),
           ("national-accelerator-guideline", "imported-untitled", UNTITLED)]
TEXTS = {doc: text for doc, version, text in IMPORTS if version == VERSION}


def page_of(doc: str, version: str = VERSION) -> str:
    return f"texts/{doc}/{version}/index.html"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(policy, site): policy/ with each text imported as a published version of a document."""
    from generator.cli import main
    root = tmp_path_factory.mktemp("kinds")
    policy = root / "policy"
    shutil.copytree(DEFAULT_POLICY_DIR, policy)
    shutil.copytree(DEFAULT_POLICY_DIR.parent / "examples", root / "examples")
    for doc, version, text in IMPORTS:
        source = root / f"{doc}-{version}.txt"
        source.write_text(text, encoding="utf-8")
        vdir = policy / doc / version
        assert main(["import", str(source), "--out", str(vdir)]) == 0
        document = yaml.safe_load((policy / doc / "document.yaml").read_text(encoding="utf-8"))
        current = yaml.safe_load((policy / doc / document["current"] / "meta.yaml").read_text(encoding="utf-8"))
        for part in ("meta", "rules"):  # the drafter's review: marks checked, place and issuer filled in
            path = vdir / f"{part}.yaml"
            data = resolve_reviews(yaml.safe_load(path.read_text(encoding="utf-8")))
            if part == "meta":
                data.update(jurisdiction=current["jurisdiction"], issuer="示例市科学技术局")
            path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        document["versions"].append(version)
        (policy / doc / "document.yaml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build_site(root / "site", policy_dir=policy, build_date=BUILD_DATE)
    return load_policy(policy), root / "site"


def heading(page: str, anchor: str) -> tuple[int, str]:
    """(level, text) of the heading with this id; its permalink sign left out."""
    m = re.search(rf'<h([1-6])[^>]*? id="{anchor}"[^>]*>(.*?)</h\1>', page, re.S)
    assert m, anchor
    return int(m.group(1)), html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", m.group(2)))).strip()


def block(page: str, anchor: str) -> tuple[str, str]:
    """(class, text) of the provision block with this id."""
    m = re.search(rf'<div class="fuhua-prov (fuhua-prov--\w+)" id="{anchor}">(.*?)</div>', page, re.S)
    assert m, anchor
    return m.group(1), html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", m.group(2).replace("</p>", " ")))).strip()


def content(page: str) -> str:
    return re.search(r"<article[^>]*>(.*?)</article>", page, re.S).group(1)


def test_every_provision_of_every_text_has_one_anchor(built):
    policy, site = built
    for doc, version, _ in IMPORTS:
        page = (site / page_of(doc, version)).read_text(encoding="utf-8")
        ids = [p.id for p in policy.version(doc, version).walk()]
        assert len(ids) > 5
        assert [i for i in ids if page.count(f'id="{i}"') != 1] == [], (doc, version)


def test_chapters_sections_articles_and_attachments_are_headings_with_their_titles(built):
    _, site = built
    page = (site / page_of("tianjin-measures")).read_text(encoding="utf-8")
    assert heading(page, "chp_1") == (2, "第一章　总则")
    assert heading(page, "chp_2__sec_1") == (3, "第一节　众创空间")  # inside 第二章: its own number only
    assert heading(page, "art_1") == (3, "第一条　目的依据")  # the article title as a title
    assert heading(page, "art_3") == (4, "第三条　备案条件")  # an article of a section sits one level deeper
    assert heading(page, "att_1") == (2, "附件1　备案申请材料目录")
    body = html.unescape(content(page))
    assert body.count("目的依据") == 1 and body.count("备案申请材料目录") == 1  # titles are not repeated as text
    assert block(page, "att_1__para_2")[1] == "场地使用证明材料。"


def test_paragraphs_items_and_sub_items_are_labelled_and_cited(built):
    _, site = built
    page = (site / page_of("tianjin-measures")).read_text(encoding="utf-8")
    kind, text = block(page, "art_2__para_2")
    assert kind == "fuhua-prov--paragraph" and text.startswith("本办法所称孵化载体") and text.endswith("第二条第二款")
    kind, text = block(page, "art_3__point_1")  # an item (项) with its label as printed, not "1."
    assert kind == "fuhua-prov--point" and text.startswith("（一）服务场地面积不低于600平方米；") and text.endswith("第三条第一项")
    kind, text = block(page, "art_3__point_2__sub_2")  # a sub-item (目)
    assert kind == "fuhua-prov--sub" and text.startswith("2.每年组织创业辅导活动不少于12场。") and text.endswith("第三条第二项第二目")
    assert '<span class="fuhua-num">（三）</span>' in page
    # the guide link of the conditions article, once (it both defines the type and lists its conditions)
    assert content(page).count("../../../types/makerspace.html") == 1


def test_a_text_of_parts_shows_its_preamble_parts_items_and_sub_items(built):
    _, site = built
    page = (site / page_of("national-accelerator-guideline")).read_text(encoding="utf-8")
    assert block(page, "preamble__para_1")[1].startswith("为加快孵化载体建设，提出如下措施。")
    assert heading(page, "part_2") == (2, "二、重点任务")
    assert heading(page, "part_2__item_1") == (3, "二、1　培育专业化众创空间")
    kind, text = block(page, "part_2__item_1__sub_1")
    assert kind == "fuhua-prov--sub" and text.startswith("（1）支持龙头企业建设专业化众创空间；") and text.endswith("二、1（1）")
    assert heading(page, "part_2__item_2") == (3, "二、2　提升孵化器服务能力")
    after = content(page).split('id="part_2__item_2"', 1)[1]
    assert "鼓励孵化器引进专业服务团队。" in after.split("<h2", 1)[0]  # the item's words under its heading
    assert block(page, "part_1__para_1")[1].startswith("到2028年")


def test_parts_without_a_title_are_numbered_paragraphs_not_empty_headings(built):
    """一、 with its words on the same line, as printed: no heading "一、", the number leads the words."""
    _, site = built
    page = (site / page_of("national-accelerator-guideline", "imported-untitled")).read_text(encoding="utf-8")
    assert not re.search(r'<h\d[^>]* id="part_\d"', page)
    kind, text = block(page, "part_1__para_1")
    assert text.startswith("一、对新备案的市级众创空间，给予一次性奖励10万元。") and text.endswith("一、")
    assert '<span id="part_1"></span><span class="fuhua-num">一、</span>' in page  # the part's anchor and number
    assert block(page, "part_2__para_2")[1].startswith("本条所称概念验证中心")  # its second paragraph follows
    assert block(page, "part_2__para_1")[1].startswith("二、鼓励孵化器与高校共建概念验证中心。")


def test_titles_are_searched_as_the_words_of_their_provision(built, tmp_path):
    """A reader who types an article's, a section's or an attachment's title finds that provision (the
    site indexes current versions: here the imported measure is made the current one)."""
    from generator.site.context import Settings, Site
    from generator.site.searchindex import provision_entries
    policy, _ = built
    copy = tmp_path / "policy"
    shutil.copytree(policy.directory, copy)
    document = copy / "tianjin-measures" / "document.yaml"
    document.write_text(re.sub(r"(?m)^current: .*$", f"current: {VERSION}", document.read_text(encoding="utf-8")), encoding="utf-8")
    site = Site(load_policy(copy), Settings(copy, copy.parent / "examples", dt.date.fromisoformat(BUILD_DATE)))
    entries = {e["location"].split("#")[-1]: e for e in provision_entries(site, lambda text: text)["texts/tianjin-measures.html"]}
    assert (entries["art_3"]["title"], entries["art_3"]["text"]) == ("第三条", "备案条件")
    assert entries["chp_2__sec_1"]["text"] == "众创空间" and entries["att_1"]["text"] == "备案申请材料目录"
    assert "chp_2" not in entries  # a chapter's title heads many provisions: not an entry of its own


def test_the_text_pages_are_accessible_and_fit_a_phone(built, browser):
    _, site = built
    bad = page_problems(browser, site, [page_of(doc, version) for doc, version, _ in IMPORTS])
    assert not bad, "\n".join(bad)
