"""The tailored checklist as a docxtpl template: the same content as
templates/eligibility/checklist.md.j2, read from the same context (eligibility.report.context),
written as Jinja tags inside a Word document built on the same reference .docx (styles, page).

    path = write_template(folder)
    DocxTemplate(path).render(context, autoescape=True)
"""
from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Twips

from generator.render import reference_path
from generator.render.docx import load_reference

COUNTS = ('{% for s in ["not_met", "unknown", "evidence", "met", "not_applicable"] if r.counts[s] %}'
          '{{ phrases.status[s] }}{{ r.counts[s] }}项{{ "，" if not loop.last }}{% endfor %}')
STATE_REST = ('{% if c.actual %}{{ "\\n" ~ c.actual }}{% endif %}{% if c.gap %}{{ "\\n" ~ c.gap }}{% endif %}'
              '{% if c.note %}{{ "\\n注：" ~ c.note }}{% endif %}')
# section: (heading, list expression, header cells with relative widths, row cells, text when empty)
SECTIONS = (
    ("一、先处理：不符合和信息不足的条件", "todo",
     (("序号", 3), ("条款", 7), ("条件要求", 12), ("现状与差距", 12), ("怎么做", 10)),
     ("{{ loop.index }}", "{{ c.citation }}", "{{ c.requirement }}", "STATE", "{{ c.action }}"),
     "无。按本主体填报的信息，没有不符合或信息不足的条件。"),
    ("二、需以材料证明的条件", 'r.conditions | selectattr("status", "equalto", "evidence") | list',
     (("序号", 3), ("条款", 7), ("条件要求", 14), ("需证明的内容", 14)),
     ("{{ loop.index }}", "{{ c.citation }}", "{{ c.requirement }}", "{{ c.evidence }}"), "无。"),
    ("三、需准备的材料", "r.materials",
     (("序号", 3), ("材料", 16), ("对应条款", 7), ("备注", 5), ("已备齐", 3)),
     ("{{ loop.index }}", "{{ c.name }}", '{{ c.citations | join("、") }}', "{% if c.when %}仅{{ c.when }}需要{% endif %}", "□"),
     "无。"),
    ("四、已符合和不适用的条件", 'r.conditions | selectattr("status", "in", ["met", "not_applicable"]) | list',
     (("序号", 3), ("条款", 7), ("条件要求", 12), ("结论", 4), ("现状", 12)),
     ("{{ loop.index }}", "{{ c.citation }}", "{{ c.requirement }}", "{{ c.status_text }}", '{{ c.actual or "" }}'), "无。"),
)


def write_template(folder: Path) -> Path:
    ref = reference_path("form")
    document = docx.Document(str(ref))
    width = load_reference(str(ref)).text_width
    document.add_paragraph("{{ r.recognised_as }}申报量身材料清单", style="Title")
    document.add_paragraph('申报主体：{{ r.applicant or "（未填写）" }}')
    document.add_paragraph("依据：{{ doc_label }}{{ r.conditions_in }}")
    verdict = document.add_paragraph("自评结论：")
    verdict.add_run("{{ r.verdict_text }}").bold = True
    verdict.add_run(f"（{COUNTS}）")
    document.add_paragraph("{%p for d in r.derived %}")
    document.add_paragraph("说明：{{ d.text }}")
    document.add_paragraph("{%p endfor %}")
    for i, (heading, items, header, cells, empty) in enumerate(SECTIONS):
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph(f"{{%p set items{i} = {items} %}}")
        document.add_paragraph(f"{{%p if items{i} %}}")
        _table(document, f"items{i}", header, cells, width)
        document.add_paragraph("{%p else %}")
        document.add_paragraph(empty)
        document.add_paragraph("{%p endif %}")
    document.add_paragraph("本清单由 fuhua 根据申报主体填报的信息和政策文件的条件自动生成，仅供自查；是否符合条件以受理部门审核为准。")
    path = folder / "checklist-docxtpl.docx"
    document.save(str(path))
    return path


def _table(document, items: str, header, cells, width: int) -> None:
    table = document.add_table(rows=4, cols=len(header), style="Table Grid")
    total = sum(w for _, w in header)
    table.autofit = False
    for col, (name, w) in enumerate(header):
        table.columns[col].width = Twips(width * w // total)
        for row in table.rows:
            row.cells[col].width = Twips(width * w // total)
        table.rows[0].cells[col].paragraphs[0].text = name
        table.rows[0].cells[col].paragraphs[0].style = "Table Heading"
    table.rows[1].cells[0].paragraphs[0].text = f"{{%tr for c in {items} %}}"
    table.rows[3].cells[0].paragraphs[0].text = "{%tr endfor %}"
    for col, cell in enumerate(cells):
        paragraph = table.rows[2].cells[col].paragraphs[0]
        paragraph.style = "Table Text"
        if cell == "STATE":
            paragraph.add_run("{{ c.status_text }}").bold = True
            paragraph.add_run(STATE_REST)
        else:
            paragraph.add_run(cell)
