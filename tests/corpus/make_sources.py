"""Make the corpus's Word and PDF texts (run once; the files are committed beside this script).

The .docx files number 第X条, （一） and 1. with Word automatic numbering (numbering.xml levels with
chineseCounting and decimal formats), which python-docx's paragraph.text does not contain. The
.pdf is a .docx with a running header, a page-number footer and a long paragraph, converted by
LibreOffice, so it has page furniture and wrapped lines to remove.

    python -m tests.corpus.make_sources
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

HERE = Path(__file__).parent / "texts"


def numbering(doc, levels, indent: bool = False) -> str:
    """A list whose level i is levels[i] = (numFmt, lvlText[, suffix]); returns its numId. The suffix
    after the number defaults to a space after 第X条 and nothing else; `indent`: a multilevel list
    with each level indented (hanging)."""
    root = doc.part.numbering_part.element
    abs_id = len(root.findall(qn("w:abstractNum"))) + 20
    lvls = ""
    for i, (fmt, text, *suff) in enumerate(levels):
        suffix = suff[0] if suff else "space" if text.startswith("第") else "nothing"
        ind = f'<w:pPr><w:ind w:left="{420 * (i + 1)}" w:hanging="420"/></w:pPr>' if indent else ""
        lvls += (f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                 f'<w:suff w:val="{suffix}"/>{ind}</w:lvl>')
    kind = '<w:multiLevelType w:val="multilevel"/>' if indent else ""
    root.insert(0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abs_id}">{kind}{lvls}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{abs_id + 100}"><w:abstractNumId w:val="{abs_id}"/></w:num>'))
    return str(abs_id + 100)


def para(doc, text: str, num_id: str | None = None, ilvl: int = 0, bold_prefix: str = ""):
    """A paragraph (numbered by list num_id at level ilvl), its first words bold when bold_prefix is given."""
    p = doc.add_paragraph()
    if bold_prefix:
        p.add_run(bold_prefix).bold = True
    p.add_run(text)
    if num_id is not None:
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def xian() -> Document:
    doc = Document()
    art = numbering(doc, [("chineseCounting", "第%1条"), ("chineseCounting", "（%2）"), ("decimal", "%3.")])
    para(doc, "西安市雁塔区科技企业孵化器管理办法")
    para(doc, "为规范本区科技企业孵化器建设，依据《陕西省科技企业孵化器认定管理办法》，制定本办法。", art)
    para(doc, "申请认定的孵化器应当具备下列条件：", art)
    para(doc, "孵化场地面积不低于2000平方米；", art, 1)
    para(doc, "在孵企业不少于25家，其中：", art, 1)
    para(doc, "科技型中小企业不少于10家；", art, 2)
    para(doc, "拥有知识产权的企业不少于8家；", art, 2)
    para(doc, "配备专职孵化服务人员不少于3人。", art, 1)
    para(doc, "本办法自2025年9月1日起施行，有效期至2029年8月31日。", art)
    return doc


def changsha() -> Document:
    doc = Document()
    parts = numbering(doc, [("chineseCounting", "%1、"), ("decimal", "%2.")])
    para(doc, "长沙市岳麓区众创空间绩效评价工作方案")
    para(doc, "为做好众创空间年度绩效评价工作，制定本方案。")
    para(doc, "评价对象", parts)
    para(doc, "本区备案满一年的众创空间。")
    para(doc, "评价指标", parts)
    para(doc, "入驻创业团队不少于12个；", parts, 1)
    para(doc, "年度举办创业活动不少于8场次；", parts, 1)
    para(doc, "年度新增注册企业不少于3家。", parts, 1)
    para(doc, "评价结果运用", parts)
    para(doc, "评价结果为优秀的众创空间，给予5万元奖励。")
    return doc


def haidian() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = "海淀区科学技术和信息化局文件"
    footer = section.footer.paragraphs[0]
    footer.add_run("— ")
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    footer._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve"> —</w:t></w:r>'))
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    lines = ["北京市海淀区科技企业孵化器专业化发展支持办法",
             "第一条 为推动科技企业孵化器向专业化方向发展，提升孵化服务能力，依据《北京市科技企业孵化器认定管理办法》，结合本区产业发展实际和孵化载体建设情况，制定本办法。",
             "第二条 本办法所称专业化孵化器，是指聚焦细分产业领域，具备专业技术服务平台和产业资源整合能力的科技企业孵化器。"]
    lines += [f"第{n}条 专业化孵化器应当围绕细分产业领域配置专业技术服务平台，为在孵企业提供研发设计、检验检测、小试中试等专业服务，并定期向区科技和信息化局报送服务开展情况和在孵企业发展情况。"
              for n in ("三", "四", "五", "六", "七", "八")]
    lines += ["第九条 申请支持的专业化孵化器，孵化场地面积应当不低于5000平方米，在孵企业不少于40家。",
              "第十条 本办法自2025年10月1日起施行。"]
    for text in lines:
        p = para(doc, text)
        if text.startswith("第"):
            p.paragraph_format.first_line_indent = Pt(32)
    return doc


def hangzhou() -> Document:
    """Numbering inherited from the paragraph style (Word's 列表编号 / List Number)."""
    doc = Document()
    num_id = numbering(doc, [("decimal", "%1.")])
    style = doc.styles["List Number"]
    ppr = style.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:numPr")):
        ppr.remove(old)
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:numId w:val="{num_id}"/></w:numPr>'))
    para(doc, "杭州市余杭区孵化器运营补助实施细则")
    para(doc, "为支持孵化器提升运营水平，现就运营补助明确如下：")
    for text in ("年度绩效评价为优秀的孵化器，给予运营补助30万元；", "年度绩效评价为良好的孵化器，给予运营补助15万元；",
                 "本细则自2026年1月1日起施行。"):
        doc.add_paragraph(text, style="List Number")
    return doc


def nanjing() -> Document:
    """A two-line title, a centred chapter heading and long items that wrap in the PDF."""
    doc = Document()
    doc.sections[0].header.paragraphs[0].text = "江宁区科学技术局"
    footer = doc.sections[0].footer.paragraphs[0]
    footer._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:t>1</w:t></w:r></w:fldSimple>'))
    style = doc.styles["Normal"]
    style.font.size = Pt(16)
    style.font.name = "Noto Serif CJK SC"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for text in ("南京市江宁区科技企业孵化器", "绩效奖励办法", "第一章 总则"):
        para(doc, text).alignment = 1
    body = ["第一条 为鼓励科技企业孵化器持续提升孵化服务质量，加快培育科技型中小企业和高新技术企业，推动区域创新创业生态不断优化，结合本区实际，制定本办法。"]
    for text in body:
        para(doc, text).paragraph_format.first_line_indent = Pt(32)
    para(doc, "第二章 奖励标准").alignment = 1
    for text in ("第二条 孵化器年度绩效评价结果为优秀，且同时符合下列条件的，给予一次性奖励：",
                 "（一）当年新增在孵企业不少于15家，其中新增科技型中小企业的数量占当年新增在孵企业总数的比例不低于60%；",
                 "（二）当年毕业企业不少于5家。", "第三条 本办法自2026年1月1日起施行。"):
        para(doc, text).paragraph_format.first_line_indent = Pt(32)
    return doc


def to_pdf(makers: dict, out: Path) -> None:
    """Each maker's .docx converted to out/NAME.pdf by LibreOffice."""
    soffice = shutil.which("soffice") or sys.exit("LibreOffice (soffice) is needed to make the PDFs")
    with tempfile.TemporaryDirectory() as tmp:
        for name, make in makers.items():
            src = Path(tmp) / f"{name}.docx"
            make().save(src)
            subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "pdf",
                            "--outdir", str(out), str(src)], check=True, capture_output=True, timeout=300)


def main(out: Path = HERE) -> None:
    xian().save(out / "11-xian-auto-numbering.docx")
    changsha().save(out / "12-changsha-auto-parts.docx")
    hangzhou().save(out / "20-hangzhou-style-numbering-blind.docx")
    to_pdf({"13-haidian-pdf": haidian, "21-nanjing-pdf-blind": nanjing}, out)


if __name__ == "__main__":
    main()
