"""The batch summary table: one row per applicant, one column per condition, and the verdict;
written as .csv (UTF-8 with BOM, so Excel reads the Chinese) and as .xlsx (byte-reproducible)."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime

from openpyxl import Workbook

from generator.eligibility.arith import fill
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

FIXED_TIME = datetime(2024, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FILLS = {"not_met": "F8CBAD", "unknown": "FFE699", "evidence": "BDD7EE", "met": "C6EFCE", "not_applicable": "EDEDED",
         "not_eligible": "F8CBAD", "undetermined": "FFE699", "eligible": "C6EFCE", "error": "D9D9D9"}
BAD_INPUT = "输入有误"


def table(rows: list[dict], rules: dict, inst_type: str, jurisdictions: list[str]) -> dict:
    """{'header': [...], 'rows': [[cell, ...]], 'kinds': [[status or verdict per cell]]}."""
    ph = rules["phrases"]
    several = len(jurisdictions) > 1
    header, columns = ["序号", "申报主体", "来源"], []
    for j in jurisdictions:
        spec = rules["jurisdictions"][j]
        prefix = f"{spec['document']['short_title']} " if several else ""
        header.append(prefix + "结论")
        for c in spec["types"][inst_type]["conditions"]:
            header.append(f"{prefix}{c['citation']} {c['requirement']}")
            columns.append((j, c["id"]))
    header.append("备注")
    out_rows, kinds = [], []
    for n, row in enumerate(rows, start=1):
        cells, marks = [n, row["applicant"] or "", row["source"]], [None, None, None]
        for j in jurisdictions:
            result = (row["results"] or {}).get(j)
            cells.append(result["verdict_text"] if result else BAD_INPUT)
            marks.append(result["verdict"] if result else "error")
            by_id = {c["id"]: c for c in result["conditions"]} if result else {}
            for cj, cid in columns:
                if cj != j:
                    continue
                c = by_id.get(cid)
                cells.append(_cell(c, rules) if c else "")
                marks.append(c["status"] if c else None)
        cells.append(ph["clause_sep"].join(row["problems"]))
        marks.append(None)
        out_rows.append(cells)
        kinds.append(marks)
    return {"header": header, "rows": out_rows, "kinds": kinds}


def _cell(c: dict, rules: dict) -> str:
    ph = rules["phrases"]
    if c["gap"]:
        return f"{c['status_text']}：{c['gap']}"
    if c["missing"]:
        return f"{c['status_text']}：" + fill(ph["missing"], labels=ph["list_sep"].join(rules["facts"][m]["short"] for m in c["missing"]))
    return c["status_text"]


def to_csv(t: dict) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(t["header"])
    writer.writerows(t["rows"])
    return "\ufeff" + buf.getvalue()


def to_xlsx(t: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "自评汇总"
    ws.append(t["header"])
    for row in t["rows"]:
        ws.append(row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font, cell.alignment = Font(bold=True), wrap
    for r, marks in enumerate(t["kinds"], start=2):
        for c, mark in enumerate(marks, start=1):
            cell = ws.cell(row=r, column=c)
            cell.alignment = wrap
            if cell.data_type == "f":  # text such as an applicant named "=1+2" stays text, never a formula
                cell.data_type = "s"
            if mark in FILLS:
                cell.fill = PatternFill("solid", start_color=FILLS[mark], end_color=FILLS[mark])
    for c in range(1, len(t["header"]) + 1):
        ws.column_dimensions[ws.cell(row=1, column=c).column_letter].width = 6 if c == 1 else 20
    ws.freeze_panes = "D2"
    wb.properties.creator = "fuhua"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # wb.save() would stamp the current time as "modified"
    return _fixed_times(buf.getvalue())


def _fixed_times(data: bytes) -> bytes:
    """Re-zip with fixed entry times, so the same table gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
