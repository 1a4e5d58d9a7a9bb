"""The batch summary table: one row per applicant, one column per condition, and the verdict;
written as .csv (UTF-8 with BOM, so Excel reads the Chinese) and as .xlsx (byte-reproducible).
Neither carries a live formula: an applicant named "=1+2" stays text (CSV injection, OWASP)."""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from generator.eligibility.arith import fill
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.writer.excel import ExcelWriter

FIXED_TIME = datetime(2024, 1, 1)
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FILLS = {"not_met": "F8CBAD", "unknown": "FFE699", "evidence": "BDD7EE", "met": "C6EFCE", "not_applicable": "EDEDED",
         "not_eligible": "F8CBAD", "undetermined": "FFE699", "eligible": "C6EFCE", "error": "D9D9D9"}
BAD_INPUT = "输入有误"
# OWASP's rule against CSV injection: a spreadsheet evaluates a cell starting with one of these,
# so such a text cell gets a leading single quote and is shown, never run.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def table(rows: list[dict], rules: dict, inst_type: str, jurisdictions: list[str]) -> dict:
    """{'header': [...], 'rows': [[cell, ...]], 'kinds': [[status or verdict per cell]]}."""
    out_rows, kinds = [], []
    for n, row in enumerate(rows, start=1):
        cells, marks = row_cells(n, row, rules, inst_type, jurisdictions)
        out_rows.append(cells)
        kinds.append(marks)
    return {"header": header(rules, inst_type, jurisdictions), "rows": out_rows, "kinds": kinds}


def header(rules: dict, inst_type: str, jurisdictions: list[str]) -> list[str]:
    several = len(jurisdictions) > 1
    out = ["序号", "申报主体", "来源"]
    for j in jurisdictions:
        spec = rules["jurisdictions"][j]
        prefix = f"{spec['document']['name']} " if several else ""
        out.append(prefix + "结论")
        out += [f"{prefix}{c['citation']} {c['requirement']}" for c in spec["types"][inst_type]["conditions"]]
    return out + ["备注"]


def row_cells(n: int, row: dict, rules: dict, inst_type: str, jurisdictions: list[str]) -> tuple[list, list]:
    """One applicant's cells and, per cell, the status or verdict that colours it."""
    cells, marks = [n, row["applicant"] or "", row["source"]], [None, None, None]
    for j in jurisdictions:
        result = (row["results"] or {}).get(j)
        cells.append(result["verdict_text"] if result else BAD_INPUT)
        marks.append(result["verdict"] if result else "error")
        by_id = {c["id"]: c for c in result["conditions"]} if result else {}
        for cond in rules["jurisdictions"][j]["types"][inst_type]["conditions"]:
            c = by_id.get(cond["id"])
            cells.append(_cell(c, rules) if c else "")
            marks.append(c["status"] if c else None)
    cells.append(rules["phrases"]["clause_sep"].join(row["problems"]))
    marks.append(None)
    return cells, marks


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
    writer.writerow([csv_cell(c) for c in t["header"]])
    writer.writerows([csv_cell(c) for c in row] for row in t["rows"])
    return "\ufeff" + buf.getvalue()


def csv_cell(value):
    """A text cell that a spreadsheet would read as a formula, prefixed with a single quote."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


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


class StreamedSummary:
    """summary.csv and summary.xlsx written row by row, so a batch of any size holds one row in
    memory: the workbook is openpyxl's write-only kind (rows go to a temporary file as they come).
    The files appear at `csv_path` and `xlsx_path` only on close(); the caller renames them."""

    def __init__(self, head: list[str], csv_path, xlsx_path) -> None:
        from openpyxl.cell import WriteOnlyCell

        self._cell_type = WriteOnlyCell
        self.csv_path, self.xlsx_path = csv_path, xlsx_path
        self._csv = open(csv_path, "w", encoding="utf-8", newline="")
        self._csv.write("\ufeff")
        self._writer = csv.writer(self._csv, lineterminator="\r\n")
        self._writer.writerow([csv_cell(v) for v in head])
        self._wb = Workbook(write_only=True)
        self._ws = self._wb.create_sheet("自评汇总")
        for c in range(1, len(head) + 1):
            self._ws.column_dimensions[_letter(c)].width = 6 if c == 1 else 20
        self._ws.freeze_panes = "D2"
        self._wrap, self._fills = Alignment(wrap_text=True, vertical="top"), {}
        self._ws.append([self._styled(v, None, bold=True) for v in head])

    def _styled(self, value, mark, bold=False):
        cell = self._cell_type(self._ws, value=value)
        cell.alignment = self._wrap
        if bold:
            cell.font = Font(bold=True)
        if cell.data_type == "f":  # text such as an applicant named "=1+2" stays text, never a formula
            cell.data_type = "s"
        if mark in FILLS:
            cell.fill = self._fills.setdefault(mark, PatternFill("solid", start_color=FILLS[mark], end_color=FILLS[mark]))
        return cell

    def add(self, cells: list, marks: list) -> None:
        self._writer.writerow([csv_cell(v) for v in cells])
        self._ws.append([self._styled(v, m) for v, m in zip(cells, marks)])

    def close(self) -> None:
        self._csv.close()
        self._wb.properties.creator = "fuhua"
        self._wb.properties.created = self._wb.properties.modified = FIXED_TIME
        raw = f"{self.xlsx_path}.raw"
        try:
            with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
                ExcelWriter(self._wb, archive).save()
            with zipfile.ZipFile(raw) as src, zipfile.ZipFile(self.xlsx_path, "w", zipfile.ZIP_DEFLATED) as dst:
                for info in src.infolist():  # fixed entry times, entry by entry
                    fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
                    fixed.compress_type, fixed.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
                    with src.open(info) as fin, dst.open(fixed, "w") as fout:
                        while chunk := fin.read(1 << 20):
                            fout.write(chunk)
        finally:
            Path(raw).unlink(missing_ok=True)

    def abort(self) -> None:
        """Close what is open and remove the worksheet's temporary file (the caller removes the rest)."""
        self._csv.close()
        writer = getattr(self._ws, "_writer", None)
        try:
            self._ws.close()
            if writer is None:
                writer = self._ws._writer
            writer.cleanup()
        except Exception:  # already closed or never begun: nothing of ours is left open
            pass


def _letter(c: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(c)


def fixed_xlsx(title: str, rows: list[list], widths: dict[int, float] | None = None) -> bytes:
    """A plain one-sheet workbook (first row bold, frozen), written write-only and byte-reproducible."""
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title)
    for c, width in (widths or {}).items():
        ws.column_dimensions[_letter(c)].width = width
    ws.freeze_panes = "A2"
    bold = Font(bold=True)
    for n, row in enumerate(rows):
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value=value)
            if cell.data_type == "f":  # text that looks like a formula stays text
                cell.data_type = "s"
            if n == 0:
                cell.font = bold
            cells.append(cell)
        ws.append(cells)
    wb.properties.creator = "fuhua"
    wb.properties.created = wb.properties.modified = FIXED_TIME
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    return _fixed_times(buf.getvalue())
