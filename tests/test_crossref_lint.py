"""Drafting lint: for each kind a true case and a guard against a false alarm, then the full output
on the two real texts."""
import datetime as dt
import json
from pathlib import Path

import pytest

from generator.crossref.lint import lint, lint_version
from generator.model import Version, make_version as model_version
from generator.policy import load_policy

TODAY = dt.date(2026, 11, 23)
TJ = "tianjin-measures/draft-2024"


def make_version(paragraphs, title="某市科技企业孵化器管理办法", status="现行有效", definitions=None) -> Version:
    """A one-chapter document, one article per paragraph (第一条, 第二条, …)."""
    articles = [{"num": i, "id": f"art_{i}", "paragraphs": [{"text": p}]} for i, p in enumerate(paragraphs, start=1)]
    text = {"header": [title], "chapters": [{"num": 1, "id": "chp_1", "heading": "总则", "articles": articles}]}
    return model_version("test-doc", "v1", Path("."), {"title": title, "status": status, "dates": {}}, text,
                         {"definitions": definitions or {}})


def findings(policy, paragraphs, kind, today=TODAY, **kw):
    return [(f.citation, f.text) for f in lint_version(policy, make_version(paragraphs, **kw), today) if f.kind == kind]


@pytest.fixture(scope="module")
def real(policy):
    return [(f.document, f.citation, f.kind, f.text) for f in lint(policy, today=TODAY)]


# --- the full output on the real texts: every expected finding, and nothing else ---------------

def test_full_output_on_the_real_texts(real):
    assert real == [
        ("national-accelerator-guideline", "五、导语", "inconsistent_term", "创新加速器"),
        ("tianjin-measures", "第六条第四项", "duplicated_words", "孵化器孵化器"),
        ("tianjin-measures", "第七条", "duplicated_words", "应该具备应具备"),
        ("tianjin-measures", "第三十一条", "duplicated_words", "区域本市"),
        ("tianjin-measures", "第二十一条第二款", "inconsistent_term", "创新加强器"),
        ("tianjin-measures", "第三十二条", "inconsistent_term", "本政策"),
        ("tianjin-measures", "第一条", "mixed_width", "(国科火字〔2017〕120号)"),
        ("tianjin-measures", "第七条第四项", "mixed_width", "30％"),
        ("tianjin-measures", "第三十二条", "mixed_width", "(津科规〔2021〕5号)"),
        ("tianjin-measures", "第三十三条", "contradiction", "本办法自2025年1月1日起施行"),
        ("tianjin-measures", "第二条第三款", "ill_formed_sentence", "促进科技成果转化，培育科技企业和企业家精神为宗旨"),
        ("tianjin-measures", "第三十三条", "validity", "有效期至2026年12月31日"),
        ("tianjin-measures", "第三十三条", "validity", "本办法自2025年1月1日起施行"),
    ]


# --- duplicated words -----------------------------------------------------------------------

def test_duplicated_words_true(policy):
    assert findings(policy, ["孵化器应当应当按时报送数据。"], "duplicated_words") == [("第一条", "应当应当")]
    assert findings(policy, ["加强全市本区孵化机构之间的交流。"], "duplicated_words") == [("第一条", "全市本区")]


def test_duplicated_words_false_positive(policy):
    text = ["培育科技企业和企业家精神，促进大中小企业融通发展，在本市行政区域内注册，人人参与，天天开放。",
            "公共服务面积占总面积的20%以上，研发人员占职工人数比职工人数多。"]
    assert findings(policy, text, "duplicated_words") == []


# --- inconsistent terms ---------------------------------------------------------------------

def test_inconsistent_term_true(policy):
    text = ["创新加速器是指服务高成长企业的机构。", "创新加速器应当报送数据。", "创新加速器接受指导。", "创新加快器应当报告。",
            "本规定由市科技局解释。"]
    assert findings(policy, text, "inconsistent_term") == [("第四条", "创新加快器"), ("第五条", "本规定")]


def test_inconsistent_term_longer_word_and_cited_title_are_not_variants(policy):
    text = ["科技企业孵化器是指服务科技型创业企业的机构。", "科技企业孵化器和众创空间统称孵化载体。",
            "科技企业孵化载体每年报送数据。", "孵化载体接受评价。", "依据《广东省科技企业孵化载具管理办法》执行。"]
    assert findings(policy, text, "inconsistent_term") == []
    text[3] = "科技企业孵化期应当报告。"  # a mistyped last character that runs into no word of the text
    assert findings(policy, text, "inconsistent_term") == [("第四条", "科技企业孵化期")]


def test_inconsistent_term_false_positive(policy):
    text = ["创新加速器是指服务高成长企业的机构。", "创新加速器和创新孵化器应当报送数据。", "创新加速器接受指导。",
            "本办法由市科技局解释。"]
    assert findings(policy, text, "inconsistent_term") == []
    guideline = ["本工作指引适用于加速器。"]
    assert findings(policy, guideline, "inconsistent_term", title="创新加速器建设指引") == []


def test_abbreviation_false_positive(policy):
    text = ["天津市科学技术局（以下简称“市科技局”）负责管理。", "市科技局负责解释《天津市科学技术局工作规则》。"]
    assert findings(policy, text, "inconsistent_term") == []
    text[1] = "天津市科学技术局负责解释。"
    assert findings(policy, text, "inconsistent_term") == [("第二条", "天津市科学技术局")]


# --- mixed width ----------------------------------------------------------------------------

def test_mixed_width_true(policy):
    text = ["依据《甲办法》（国科发〔2020〕1号）、《乙办法》（国科发〔2021〕2号）和《丙办法》(国科发〔2022〕3号)。",
            "占比不低于10%，增长率不低于20%，收入占比30％。"]
    assert findings(policy, text, "mixed_width") == [("第一条", "(国科发〔2022〕3号)"), ("第二条", "30％")]


def test_mixed_width_false_positive(policy):
    text = ["依据《甲办法》（国科发〔2020〕1号）和《乙办法》（国科发〔2021〕2号）。", "资金不低于1,000万元，占比不低于10%。"]
    assert findings(policy, text, "mixed_width") == []


# --- contradictions -------------------------------------------------------------------------

def test_contradiction_true(policy):
    text = ["本办法自2025年1月1日起施行。", "本办法自2025年7月1日起施行，有效期至2027年12月31日。", "有效期至2026年12月31日。"]
    assert findings(policy, text, "contradiction") == [("第二条", "本办法自2025年7月1日起施行"), ("第三条", "有效期至2026年12月31日")]


def test_contradiction_false_positive(policy):
    text = ["本办法自2025年1月1日起施行。", "本办法自2025年1月1日起施行。", "申请人自收到通知之日起30日内提交材料。"]
    assert findings(policy, text, "contradiction") == []


# --- references -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mutated(tmp_path_factory):
    """A copy of policy/ whose Tianjin text cites things that do not exist."""
    import shutil

    from generator import DEFAULT_POLICY_DIR
    dest = tmp_path_factory.mktemp("mutated") / "policy"
    shutil.copytree(DEFAULT_POLICY_DIR, dest)
    for name in ("text.yaml", "meta.yaml"):  # meta.yaml quotes the cited titles too
        path = dest / TJ / name
        text = path.read_text(encoding="utf-8")
        for old, new in [
            ("提升服务效率。", "提升服务效率，具体要求依照第四十条和第二十一条第三款执行，并符合第九条第二项和第二十一条第二款。"),
            ("《创新加速器建设指引》（火炬〔2024〕3号）", "《创新加速器建设指引》（火炬〔2023〕3号）"),
            ("《专业化众创空间建设工作指引》（国科发高〔2016〕231号）", "《专业化众创空间建设工作指引》（国科发高[2016]231号）"),
            ("优先支持孵化服务机构联动政府母基金", "按照前款规定，并参照《天津市孵化器星级评定办法》，优先支持孵化服务机构联动政府母基金"),
        ]:
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return load_policy(dest, extra_checks=False)


def test_bad_reference_true(mutated):
    found = [(f.citation, f.text, f.message) for f in lint(mutated, ["tianjin-measures"], TODAY) if f.kind == "bad_reference"]
    texts = [(c, t) for c, t, _ in found]
    assert texts == [
        ("第一条", "《专业化众创空间建设工作指引》（国科发高[2016]231号）"),
        ("第一条", "《创新加速器建设指引》（火炬〔2023〕3号）"),
        ("第二十六条", "前款"),
        ("第二十七条", "第四十条"),
        ("第二十七条", "第二十一条第三款"),
    ]
    messages = [m for _, _, m in found]
    assert "国科发高〔2016〕231号" in messages[0]
    assert "《创新加速器建设指引》的文号是火炬〔2024〕3号" in messages[1]
    assert "没有第四十条" in messages[3] and "第二十一条没有第三款" in messages[4]


def test_an_unknown_outside_document_is_a_note_not_an_error(mutated):
    found = [f for f in lint(mutated, ["tianjin-measures"], TODAY) if f.text == "《天津市孵化器星级评定办法》"]
    assert [(f.citation, f.kind, f.is_note) for f in found] == [("第二十六条", "unresolved_reference", True)]


def test_bad_reference_false_positive(policy, mutated, real):
    assert [r for r in real if r[2] == "bad_reference"] == []
    v = mutated.version("tianjin-measures")
    from generator.crossref.references import find_references, resolve
    node = v.provisions["art_27"].children[0]
    resolved = {r.text: resolve(mutated, v, node, r).citation for r in find_references(node.own_text)}
    assert resolved["第九条第二项"] == "第九条第二项" and resolved["第二十一条第二款"] == "第二十一条第二款"
    assert findings(policy, ["对照创新加速器的基本条件，按照本办法第一条执行。"], "bad_reference") == []


# --- ill-formed sentences -------------------------------------------------------------------

def test_ill_formed_sentence_true(policy):
    text = ["孵化器是科技创业服务机构。促进成果转化为宗旨，提供服务。", "在孵企业使用面积（含公共服务面积占75%以上。"]
    assert findings(policy, text, "ill_formed_sentence") == [("第一条", "促进成果转化为宗旨"), ("第二条", "（含公共服务面积占75%")]


def test_ill_formed_sentence_false_positive(policy):
    text = ["以社会化、专业化为服务特色，以技术创新为牵引，必须先成为市级孵化器，为企业提供服务，以上条件可以放宽。",
            "以加速企业发展为主要目标，以创业带动就业。"]
    assert findings(policy, text, "ill_formed_sentence") == []


# --- validity -------------------------------------------------------------------------------

def test_validity_true(policy):
    text = ["本办法自2025年1月1日起施行，有效期至2026年12月31日。"]
    assert findings(policy, text, "validity") == [("第一条", "有效期至2026年12月31日")]
    expired = lint_version(policy, make_version(text), dt.date(2027, 1, 5))
    assert [f.message for f in expired if f.kind == "validity"] == ["有效期已于2026年12月31日届满（核对日期为2027年1月5日），本文件已失效；如需继续施行，应重新发布或延长有效期。"]
    draft = findings(policy, text, "validity", status="征求意见稿")
    assert draft == [("第一条", "有效期至2026年12月31日"), ("第一条", "本办法自2025年1月1日起施行")]


def test_validity_false_positive(policy):
    text = ["本办法自2025年1月1日起施行，有效期至2026年12月31日。"]
    assert findings(policy, text, "validity", today=dt.date(2024, 12, 1), status="征求意见稿") == []
    assert findings(policy, text, "validity", today=dt.date(2025, 6, 1)) == []


def test_validity_from_a_term_in_years(policy):
    text = ["本办法自2022年3月1日起施行，有效期3年。"]
    (f,) = lint_version(policy, make_version(text), TODAY)
    assert (f.kind, f.text) == ("validity", "有效期3年") and "有效期已于2025年2月28日届满（自2022年3月1日起3年计算，核对日期为2026年11月23日）" in f.message
    assert [f.message for f in lint_version(policy, make_version(text), dt.date(2025, 1, 10))] == [
        "有效期将于2025年2月28日届满（自2022年3月1日起3年计算），距核对日期（2025年1月10日）还有49天；如需继续施行，应及时修订或延长有效期。"]


def test_validity_from_a_term_false_positive(policy):
    text = ["孵化器认定资格有效期为3年，期满重新认定。", "本办法自2025年3月1日起施行，有效期五年。"]
    assert findings(policy, text, "validity") == []


# --- repeated provisions and number formats -------------------------------------------------

def test_repeated_provision_true(policy):
    article = "孵化器应当于每年1月底前向区科技局报送上一年度运营情况和在孵企业发展数据。"
    text = [article, "孵化器应当加强对在孵企业的创业辅导。", article.replace("1月底", "2月底")]
    assert findings(policy, text, "repeated_provision") == [("第三条", text[2][:24] + "…")]


def test_repeated_provision_false_positive(policy):
    """Parallel procedures in two articles repeat their steps; short articles repeat by nature."""
    steps = ["申报机构向所在区科技局提出书面申请并提交全部申报材料；", "所在区科技局负责进行实地核查和初审，形成推荐意见，书面报市科技局；"]
    extra = ["市科技局组织专家评审，对拟认定的孵化器在官方网站公示五个工作日；", "公示无异议的，由市科技局发文认定并授牌。"]
    articles = [{"num": i, "id": f"art_{i}", "paragraphs": [{"text": lead, "items": [{"num": n, "text": t} for n, t in enumerate(own, 1)]}]}
                for i, (lead, own) in enumerate((("众创空间备案程序如下。", steps), ("孵化器认定程序如下。", steps + extra)), start=1)]
    articles += [{"num": 3, "id": "art_3", "paragraphs": [{"text": "本办法由市科技局负责解释。"}]},
                 {"num": 4, "id": "art_4", "paragraphs": [{"text": "本细则由市科技局负责解释。"}]}]
    text = {"header": ["某市孵化器管理办法"], "chapters": [{"num": 1, "id": "chp_1", "heading": "总则", "articles": articles}]}
    v = model_version("test-doc", "v1", Path("."), {"title": "某市孵化器管理办法", "status": "现行有效", "dates": {}}, text, {})
    assert [f for f in lint_version(policy, v, TODAY) if f.kind == "repeated_provision"] == []


def test_number_format_true(policy):
    text = ["支持成立3-5年的企业，给予最高3千万元的投资。"]
    assert findings(policy, text, "number_format") == [("第一条", "3-5年"), ("第一条", "3千万元")]


def test_number_format_false_positive(policy):
    text = ["2023-2025年期间，按照GB/T 15834-2011执行，给予3000万元、30万元和1.5亿元投资，支持成立3至5年、3～5年的企业。"]
    assert findings(policy, text, "number_format") == []


def test_unused_term(policy):
    text = ["本办法所称科技企业孵化器（以下简称孵化器），是指科技创业服务机构。", "科技企业孵化器应当报送数据。"]
    assert findings(policy, text, "unused_term") == [("第一条", "（以下简称孵化器）")]
    text = ["科技企业孵化器和众创空间（以下统称孵化载体）适用本办法。", "孵化载体应当报送数据。",
            "市科学技术局（以下简称“市科技局”）负责解释，市科技局负责组织实施。"]
    assert findings(policy, text, "unused_term") == []


def test_title_inside_a_title(policy):
    text = ["根据《关于印发《某市孵化器管理办法》的通知》和《关于印发〈某市众创空间管理办法〉的通知》执行。"]
    assert findings(policy, text, "ill_formed_sentence") == [("第一条", "《关于印发《某市孵化器管理办法》")]


# --- the command ----------------------------------------------------------------------------

def test_lint_command_formats_and_exit_codes(cli):
    code, out, err = cli("lint", "--today", "2026-11-23")
    assert code == 1 and "  第六条第四项【字词重复】孵化器孵化器\n      “孵化器”连写两次，应删去一个。" in out
    assert "《天津市众创空间、科技企业孵化器和创新加速器管理办法（试行）（征求意见稿）》（12处）" in out
    assert "13 finding(s) and 0 note(s) in 2 document(s), judged on 2026-11-23" in err
    code, out, _ = cli("lint", "--document", "tianjin-measures", "--format", "json", "--today", "2026-11-23")
    items = json.loads(out)
    assert code == 1 and len(items) == 12
    assert set(items[0]) >= {"document", "citation", "kind", "text", "message"}
    code, out, _ = cli("lint", "--document", "national-accelerator-guideline", "--format", "md", "--today", "2026-11-23")
    assert code == 1 and "| 五、导语 | 用语不一致 | 创新加速器 |" in out
    code, _, err = cli("lint", "--today", "2026-13-01")
    assert code == 2 and "'2026-13-01' is not a date" in err


def test_lint_and_extract_read_a_text_file(cli, tmp_path):
    path = tmp_path / "某区孵化器办法.txt"
    path.write_text("某区科技企业孵化器管理办法\n\n第一条 为规范管理，依据《某省科技企业孵化器认定办法》制定本办法。\n\n"
                    "第二条 在孵企业不少于20家（含），孵化场地面积不低于 1,500 平方米，专职服务人员不少于5人。\n\n"
                    "第三条 对新认定的孵化器给予最高50万元奖励。\n", encoding="utf-8")
    code, out, err = cli("lint", str(path), "--today", "2026-11-23")
    assert code == 0 and "0 finding(s) and 0 note(s) in 1 document(s)" in err, out
    path.write_text(path.read_text(encoding="utf-8").replace("依据《某省", "按照第九条和《某省").replace("认定办法》制定", "认定规则》制定"),
                    encoding="utf-8")
    code, out, err = cli("lint", str(path), "--today", "2026-11-23", "--format", "json")
    found = [(f["citation"], f["kind"], f["text"]) for f in json.loads(out)]
    assert code == 1 and found == [("第一条", "bad_reference", "第九条"), ("第一条", "unresolved_reference", "《某省科技企业孵化器认定规则》")]
    code, out, _ = cli("extract", str(path))
    items = [(i["citation"], i["comparator"], i["value"], i["unit"]) for i in json.loads(out)]
    assert code == 0 and items == [("第二条", ">=", 20, "家"), ("第二条", ">=", 1500, "平方米"), ("第二条", ">=", 5, "人"),
                                   ("第三条", "<=", 50, "万元")]


@pytest.mark.slow  # a hypothesis run
def test_lint_never_fails_on_odd_text(policy):
    from hypothesis import given

    from tests.fuzzing import budget
    from hypothesis import strategies as st

    alphabet = "本办法政策自起施行实施有效期至年月日2025０1—-以为宗旨目标（）()《》“”〔〕第条款项前％%,，。；区域本市孵化器创新加速强是指简称"

    @budget(150)
    @given(st.lists(st.text(alphabet=alphabet, min_size=1, max_size=30), min_size=1, max_size=4))
    def check(paragraphs):
        for f in lint_version(policy, make_version(paragraphs, status="征求意见稿"), TODAY):
            assert f.kind and f.citation and f.message

    check()
