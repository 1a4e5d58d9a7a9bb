"""The one renderer: block Markdown parsing, escaping, the .md and .docx writers, determinism."""
from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest
from lxml import etree

from generator.render import MD, MarkupError, render, render_markdown, template_text
from generator.render.blocks import Heading, PageBreak, Paragraph, Table, parse

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

SAMPLE = """# 标题

第一段，
续行。**加粗**<u>下划线</u><ins>新增</ins><del>删除</del>
{: .noindent .center }

## 一、表格

| 序号 | 名称 | 金额 |
|:--:|------|---:|
| 1 | 甲<br>乙 | 40 |
| 2 | 管道\\|号 &amp; &lt;x&gt; | 20 |
{: .plain }

<!-- pagebreak -->

落款
{: style=Signature }
"""


def test_parse_blocks():
    blocks = parse(SAMPLE)
    kinds = [type(b) for b in blocks]
    assert kinds == [Heading, Paragraph, Heading, Table, PageBreak, Paragraph]
    title, para, h1, table, _, sig = blocks
    assert title.level == 0 and h1.level == 1
    assert para.plain == "第一段，续行。加粗下划线新增删除"  # lines join without a space
    assert para.classes == ["noindent", "center"]
    assert [sorted(r.flags) for r in para.runs if r.flags] == [["b"], ["u"], ["ins"], ["del"]]
    assert table.aligns == ["center", "left", "right"] and table.widths == [2, 6, 3]
    assert table.classes == ["plain"]
    assert [c.plain for c in table.rows[0]] == ["1", "甲\n乙", "40"]
    assert table.rows[1][1].plain == "管道|号 & <x>"
    assert sig.style == "Signature"


@pytest.mark.parametrize("bad, message", [
    ("| a | b |\n| c | d |", "separator"),
    ("| a | b |\n|---|---|\n| 1 |", "has 1 cells"),
    ("<script>", "unexpected '<'"),
    ("**open", "unclosed"),
    ("</u>", "without an opening"),
    ("{: .x }", "must directly follow"),
    ("段落\n{: onclick=x }", "unknown attribute"),
    ("&bogus;", "unknown entity"),
])
def test_malformed_markup_names_the_line(bad, message):
    with pytest.raises(MarkupError, match=message):
        parse("正文\n\n" + bad, source="t.md.j2")
    with pytest.raises(MarkupError, match=r"t\.md\.j2:[345]:"):
        parse("正文\n\n" + bad, source="t.md.j2")


def _document_xml(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None
        return etree.fromstring(z.read("word/document.xml"))


def test_docx_structure_and_styles():
    out = render_markdown(SAMPLE, layout="form")
    root = _document_xml(out["docx"])
    styles = [p.get(f"{W}val") for p in root.iter(f"{W}pStyle")]
    assert styles[0] == "Title" and "Heading1" in styles and "TableText" in styles and "Signature" in styles
    assert root.find(f".//{W}tblStyle").get(f"{W}val") == "PlainTable"
    run_styles = {r.get(f"{W}val") for r in root.iter(f"{W}rStyle")}
    assert run_styles == {"Strong", "Underline", "Inserted", "Deleted"}
    assert root.find(f".//{W}pageBreakBefore") is not None
    d = docx.Document(io.BytesIO(out["docx"]))
    assert d.paragraphs[0].text == "标题"
    assert d.tables[0].cell(2, 1).text == "管道|号 & <x>"
    assert d.core_properties.title == "标题"


def test_markdown_output_is_clean_gfm():
    md = render_markdown(SAMPLE, formats=("md",))["md"].decode()
    assert "{:" not in md and "pagebreak" not in md
    assert "| 2 | 管道&#124;号 &amp; &lt;x&gt; | 20 |" in md
    assert "|:---:|------|---:|" in md
    assert "**加粗**<u>下划线</u><ins>新增</ins><del>删除</del>" in md
    # the Markdown parses back to the same text
    again = parse(md)
    assert [b.plain for b in again if isinstance(b, Paragraph)][0] == "第一段，续行。加粗下划线新增删除"


def test_same_input_gives_identical_bytes():
    assert render_markdown(SAMPLE) == render_markdown(SAMPLE)
    with zipfile.ZipFile(io.BytesIO(render_markdown(SAMPLE)["docx"])) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert z.namelist()[0] == "[Content_Types].xml"


HOSTILE = ["A<&>B", "x\x00y\x07z\x1b", "| * ** # {: .x } \\", "<!-- pagebreak -->", "line1\nline2", "‮RTL‏", "😀" * 3, "名" * 5000]


@pytest.fixture
def template_dir(tmp_path):
    (tmp_path / "t.md.j2").write_text("{# layout: official #}\n# {{ title }}\n\n{{ body }}\n\n| 名称 | 值 |\n|---|---|\n"
                                      "{% for n in names %}| {{ n }} | {{ names|join('、') }} |\n{% endfor %}\n\n{{ trusted }}\n", encoding="utf-8")
    return str(tmp_path)


def test_values_are_escaped_so_hostile_text_stays_text(template_dir):
    ctx = {"title": "T<&>", "body": HOSTILE[2], "names": HOSTILE, "trusted": MD("**粗**")}
    text = template_text("t.md.j2", ctx, directory=template_dir)
    blocks = parse(text)
    table = next(b for b in blocks if isinstance(b, Table))
    assert len(table.rows) == len(HOSTILE) and all(len(r) == 2 for r in table.rows)
    assert table.rows[0][0].plain == "A<&>B"
    assert table.rows[2][0].plain == HOSTILE[2]
    assert table.rows[4][0].plain == "line1\nline2"
    assert blocks[-1].runs[0].flags == frozenset({"b"})  # MD() is trusted markup
    out = render("t.md.j2", ctx, directory=template_dir)
    d = docx.Document(io.BytesIO(out["docx"]))  # valid XML despite control characters
    cell = d.tables[0].cell(2, 0).text
    assert cell == "xyz"
    assert d.tables[0].cell(1, 0).text == "A<&>B"
    assert "A&lt;&amp;&gt;B" in out["md"].decode()


def test_layout_comes_from_the_template(template_dir):
    official = render("t.md.j2", {"title": "t", "body": "b", "names": [], "trusted": ""}, directory=template_dir)
    form = render("t.md.j2", {"title": "t", "body": "b", "names": [], "trusted": ""}, layout="form", directory=template_dir)
    top = [etree.fromstring(zipfile.ZipFile(io.BytesIO(o["docx"])).read("word/document.xml")).find(f".//{W}pgMar").get(f"{W}top")
           for o in (official, form)]
    assert top == ["2098", "1417"]  # 37 mm (GB/T 9704) and 25 mm


def test_undefined_context_value_is_an_error(template_dir):
    import jinja2
    with pytest.raises(jinja2.UndefinedError):
        template_text("t.md.j2", {"title": "t"}, directory=template_dir)


# --- sections, fields and typesetting (issue 12) ---

def test_title_lines_are_balanced_and_break_between_words():
    from generator.render import typeset
    lines = typeset.balance(["关于", "甲乙丙丁戊己、", "庚辛壬癸子丑寅卯、", "辰巳午未申酉", "拟确认", "名单的", "公示"], 20)
    assert "".join(lines) == "关于甲乙丙丁戊己、庚辛壬癸子丑寅卯、辰巳午未申酉拟确认名单的公示"
    assert len(lines) == 2 and all(typeset.width(x) <= 20 for x in lines)
    assert abs(typeset.width(lines[0]) - typeset.width(lines[1])) <= 4
    assert typeset.balance(["短标题"], 20) == ["短标题"]


def test_signature_is_centred_over_the_date():
    from generator.render import typeset
    name, date = typeset.signature_indents("某某市某某局", "2025年10月1日")  # 6 and 6.5 characters wide
    assert date == 2 and name == 2.25
    name, date = typeset.signature_indents("某某市科学技术局", "2025年9月26日")
    assert name == 2 and date == 2.75


def test_fields_become_tagged_content_controls():
    from generator.render import render_markdown
    doc = render_markdown("| 项目 | 内容 |\n|---|---|\n| 名称 | <field:applicant.name 机构名称></field> |\n\n"
                          "电话：<field:contact.phone>022</field>\n", formats=("docx", "md"))
    xml = zipfile.ZipFile(io.BytesIO(doc["docx"])).read("word/document.xml").decode()
    assert '<w:tag w:val="applicant.name"/>' in xml and '<w:alias w:val="机构名称"/>' in xml
    assert re.search(r'<w:tag w:val="contact.phone"/>.*?<w:t xml:space="preserve">022</w:t>.*?</w:sdt>', xml)
    assert "field" not in doc["md"].decode() and "电话：022" in doc["md"].decode()


def test_landscape_and_cover_sections():
    from generator.render import render_markdown
    text = "# 封面\n\n<!-- cover -->\n\n正文\n\n<!-- landscape -->\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<!-- portrait -->\n\n尾\n"
    xml = zipfile.ZipFile(io.BytesIO(render_markdown(text, formats=("docx",))["docx"])).read("word/document.xml").decode()
    sections = re.findall(r"<w:sectPr>.*?</w:sectPr>", xml)
    assert len(sections) == 4
    assert "footerReference" not in sections[0] and "footerReference" in sections[1]
    assert 'w:start="1"' in sections[1] and 'w:orient="landscape"' in sections[2] and "orient" not in sections[3]


def test_fit_columns_hold_short_content_on_one_line():
    from generator.render.blocks import parse
    from generator.render.docx import column_widths
    table = parse("| 序号 | 名称 | 所在区 |\n|:--:|------|:--:|\n| 1 | 很长很长的机构名称 | 滨海新区 |\n{: .fit }\n")[0]
    cols = column_widths(table, 8000, 280)
    assert cols[2] >= 4 * 280 + 216 and sum(cols) <= 8000
