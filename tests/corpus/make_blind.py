"""Make the blind texts' Word and PDF files (22-28: texts 23 and 24 are .docx with Word automatic
numbering, 25 is a multi-page .pdf converted by LibreOffice from a .docx with a running header and
a "第 N 页 共 M 页" footer).

Written by the thresholds helper before the texts were first imported (a blind check);
the files are committed beside make_sources.py.

    python -m tests.corpus.make_blind
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from tests.corpus.make_sources import numbering, para, to_pdf

HERE = Path(__file__).parent / "texts"


def cjk_font(doc, size: int = 16) -> None:
    style = doc.styles["Normal"]
    style.font.size = Pt(size)
    style.font.name = "Noto Serif CJK SC"
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")


def shijiazhuang() -> Document:
    """第X条 (Word's 一, 二, 三 (简) format, tab after the number), （一） and （1） all list numbering."""
    doc = Document()
    cjk_font(doc, 14)
    art = numbering(doc, [("chineseCountingThousand", "第%1条", "tab"), ("chineseCountingThousand", "（%2）", "nothing"),
                          ("decimal", "（%3）", "nothing")], indent=True)
    para(doc, "石家庄市裕华区众创空间备案管理办法").alignment = 1
    para(doc, "为规范众创空间备案管理，依据《河北省众创空间备案管理办法》，制定本办法。", art)
    para(doc, "本办法所称众创空间，是指为创新创业者提供低成本、便利化、全要素、开放式综合服务的平台。", art)
    para(doc, "申请备案的众创空间应当同时具备下列条件：", art)
    para(doc, "运营主体在本区注册，运营满1年；", art, 1)
    para(doc, "服务场地面积不低于500平方米，其中公共服务场地占总面积的比例不低于30%；", art, 1)
    para(doc, "提供创业工位不少于 50 个；", art, 1)
    para(doc, "上年度服务创业团队和初创企业不少于15家，其中：", art, 1)
    para(doc, "新入驻的不少于5家；", art, 2)
    para(doc, "获得投融资的不少于2家；", art, 1 + 1)
    para(doc, "上年度举办创新创业活动不少于10场次，服务人数累计达到600人次以上。", art, 1)
    para(doc, "众创空间年度绩效评价结果为优秀的，给予不超过10万元的奖励；结果为良好的，给予不超过5万元的奖励。", art)
    para(doc, "对获得国家级备案的众创空间，一次性给予奖励30万元。", art)
    para(doc, "众创空间有下列情形之一的，取消备案：", art)
    para(doc, "连续2年绩效评价结果为不合格的；", art, 1)
    para(doc, "提供虚假申报材料的。", art, 1)
    para(doc, "本办法自2025年12月1日起施行，有效期至2030年11月30日。", art)
    return doc


def guiyang() -> Document:
    """一、 with the body on the same line, （一） under it, and a separate 1. list: all list numbering."""
    doc = Document()
    cjk_font(doc, 14)
    parts = numbering(doc, [("chineseCountingThousand", "%1、", "nothing"), ("chineseCountingThousand", "（%2）", "nothing")], indent=True)
    steps = numbering(doc, [("decimal", "%1.", "tab")], indent=True)
    para(doc, "贵阳市观山湖区关于促进创新加速器发展的若干措施").alignment = 1
    para(doc, "为贯彻落实《贵州省关于加快科技企业孵化载体建设的实施意见》精神，加快培育高成长科技企业，结合我区实际，制定以下措施。")
    para(doc, "对新认定的省级创新加速器，给予一次性奖励50万元；对新认定的国家级创新加速器，给予一次性奖励200万元。", parts,
         bold_prefix="支持加速器建设。")
    para(doc, "加速器当年新引进符合下列条件之一的企业，按每家10万元给予奖励，单个加速器每年最高不超过100万元：", parts,
         bold_prefix="支持引进高成长企业。")
    para(doc, "成立3至5年，且上年度营业收入在2000万元至1亿元之间；", parts, 1)
    para(doc, "上年度营业收入增长率达到30%以上；", parts, 1)
    para(doc, "获得股权投资累计达到 1,000 万元以上。", parts, 1)
    para(doc, "加速器运营机构购买检验检测、知识产权等专业服务的，按实际发生费用的50%给予补贴，每年不超过20万元。", parts,
         bold_prefix="支持专业服务能力提升。")
    para(doc, "加速器场地面积达到1万平方米以上的，对其公共技术服务平台建设投入给予补助：", parts, bold_prefix="支持场地改造。")
    para(doc, "投入在500万元（含）以上的，补助100万元；", steps)
    para(doc, "投入在200万元（含）至500万元之间的，补助50万元。", steps)
    para(doc, "本措施由区科技局负责解释，自2026年1月1日起施行，有效期3年。", parts)
    return doc


def wuxi() -> Document:
    """Long enough for three pages at 16 pt: running header (a short title) and 第 N 页 共 M 页 footer."""
    doc = Document()
    cjk_font(doc, 16)
    section = doc.sections[0]
    hp = section.header.paragraphs[0]
    hp.text = "新吴区孵化载体专项资金管理办法"
    hp.alignment = 2
    hp.runs[0].font.size = Pt(10.5)
    fp = section.footer.paragraphs[0]
    fp.alignment = 1
    fp.add_run("第 ").font.size = Pt(10.5)
    fp._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="PAGE"><w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t>1</w:t></w:r></w:fldSimple>'))
    fp.add_run(" 页 共 ").font.size = Pt(10.5)
    fp._p.append(parse_xml(f'<w:fldSimple {nsdecls("w")} w:instr="NUMPAGES"><w:r><w:rPr><w:sz w:val="21"/></w:rPr><w:t>3</w:t></w:r></w:fldSimple>'))
    fp.add_run(" 页").font.size = Pt(10.5)
    title = para(doc, "无锡市新吴区科技企业孵化器和众创空间专项资金管理办法")
    title.alignment = 1
    title.runs[0].font.size = Pt(22)
    body = [
        ("第一章 总则", None),
        ("第一条 目的依据 ", "为加快构建“众创空间—孵化器—加速器”全链条孵化体系，规范专项资金管理，提高资金使用效益，根据《江苏省科技企业孵化器管理办法》和《无锡市科技创新专项资金管理办法》等有关规定，结合本区实际，制定本办法。"),
        ("第二条 资金来源 ", "专项资金由区财政每年预算安排，用于支持本区科技企业孵化器（以下简称孵化器）和众创空间建设发展。"),
        ("第三条 管理职责 ", "区科学技术局负责专项资金的项目申报、审核和绩效管理，区财政局负责专项资金的预算安排和资金拨付。"),
        ("第二章 支持内容和标准", None),
        ("第四条 建设支持 ", "对新认定为国家级孵化器的，给予一次性奖励100万元；对新备案为国家级众创空间的，给予一次性奖励30万元。同一载体晋升等级的，按照差额给予奖励。"),
        ("第五条 运营补助 ", "孵化器在孵企业不少于50家，且在孵企业中科技型中小企业占比不低于 60% 的，按照其上年度实际运营费用的20%给予运营补助，最高不超过80万元。"),
        ("第六条 租金补贴 ", "对入驻孵化器且成立时间不超过3年的科技型初创企业，按每平方米每天0.5元给予租金补贴，补贴面积不超过200平方米，补贴期限不超过2年。"),
        ("第七条 投资奖励 ", "孵化器或其关联投资机构对在孵企业进行股权投资，单笔投资不低于100万元的，按照实际投资额的10%给予奖励，每个孵化器每年累计不超过50万元。"),
        ("第八条 毕业企业奖励 ", "在孵企业毕业当年营业收入超过1亿元的，给予原孵化器一次性奖励20万元。"),
        ("第三章 申报和管理", None),
        ("第九条 申报程序 ", "专项资金每年集中申报一次。申报单位应当在申报通知发布之日起20个工作日内提交申报材料，逾期不予受理。"),
        ("第十条 监督管理 ", "获得支持的单位应当按照规定使用专项资金，自觉接受财政、审计部门的监督检查。对弄虚作假、骗取专项资金的，追回已拨付资金，并依法依规追究相关责任。"),
        ("第四章 附则", None),
        ("第十一条 解释机关 ", "本办法由区科学技术局、区财政局负责解释。"),
        ("第十二条 施行日期 ", "本办法自2026年3月1日起施行，有效期至2031年2月28日。"),
    ]
    for head, text in body:
        if text is None:
            p = para(doc, head)
            p.alignment = 1
            p.runs[0].bold = True
        else:
            p = para(doc, text, bold_prefix=head)
            p.paragraph_format.first_line_indent = Pt(32)
    return doc


def main(out: Path = HERE) -> None:
    shijiazhuang().save(out / "23-shijiazhuang-docx-articles-blind.docx")
    guiyang().save(out / "24-guiyang-docx-parts-blind.docx")
    to_pdf({"25-wuxi-pdf-pages-blind": wuxi}, out)


if __name__ == "__main__":
    main()
