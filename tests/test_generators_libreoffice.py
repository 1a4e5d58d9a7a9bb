"""Every generated .docx opens in LibreOffice, converts to PDF, and carries its Chinese text in a
Chinese face."""
from __future__ import annotations

import re
import subprocess

import pytest

from generator.build import build
from generator.render.pdf import to_pdf
from tests.conftest import require_tool

pytestmark = pytest.mark.slow  # LibreOffice

MY_TARGETS = ["forms", "checklists", "notices", "assessment-reports", "comparison-report", "periodic-reports"]
EXPECTED = {
    "application-makerspace": ["市级众创空间备案申请表", "条件对照表", "拥有不低于500平方米可自主支配的场地面积", "实地核查表"],
    "application-incubator": ["市级科技企业孵化器申报书", "孵化场地面积不低于2500平方米", "承诺书"],
    "application-accelerator": ["市级创新加速器申报书", "资金（基金）规模不低于1000万元"],
    "checklist-makerspace": ["申报材料清单", "自查表", "场地租赁合同"],
    "checklist-incubator": ["在孵企业不少于25家"],
    "checklist-accelerator": ["近2年服务的细分产业领域创业项目和中小企业不少于15家"],
    "notice-2025": ["拟确认名单的公示", "自2025年9月26日至2025年10月9日", "示例津南创新加速器", "天津市科学技术局"],
    "assessment-2024": ["考核评价结果与奖励测算", "示例西青孵化器管理有限公司", "取消市级孵化服务机构资格"],
    "accelerator-comparison": ["创新加速器建设条件对照表", "国家文件更严", "资金（基金）规模不低于3000万元"],
    "accelerator-report-quarterly": ["市级创新加速器季度报告", "编制季度、年度报告并及时报送"],
    "accelerator-report-annual": ["市级创新加速器年度报告", "年度工作总结"],
}


def test_every_docx_converts_with_its_chinese_text(tmp_path):
    require_tool("soffice")
    pdftotext = require_tool("pdftotext")
    pdffonts = require_tool("pdffonts")
    out = tmp_path / "build"
    build(None, out, only=MY_TARGETS)
    docs = sorted(out.rglob("*.docx"))
    assert {d.stem for d in docs} == set(EXPECTED)
    pdfs = to_pdf(docs, tmp_path / "pdf")
    for pdf in pdfs:
        assert pdf.exists(), f"LibreOffice did not convert {pdf.stem}.docx"
        text = subprocess.run([pdftotext, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = re.sub(r"\s+", "", text)
        for phrase in EXPECTED[pdf.stem]:
            assert phrase in flat, (pdf.stem, phrase)
        assert re.search(r"—\d+—", flat), f"{pdf.stem}: no '— n —' page number"
        fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "CJK" in fonts, f"{pdf.stem}: no Chinese face embedded:\n{fonts}"
