"""`fuhua crossref`: the report as JSON, Markdown and .docx; references and the citation graph."""
import io
import json
import subprocess

import docx
import pytest

from tests.conftest import require_tool

TODAY = "2026-11-23"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    from generator.cli import main
    out = tmp_path_factory.mktemp("crossref")
    assert main(["crossref", "--out", str(out), "--today", TODAY]) == 0
    return out


def test_writes_json_md_docx(report):
    assert sorted(p.name for p in report.iterdir()) == ["crossref.docx", "crossref.json", "crossref.md"]
    data = json.loads((report / "crossref.json").read_text(encoding="utf-8"))
    assert data["today"] == TODAY
    assert {s["document"]: (s["precision"], s["recall"]) for s in data["scores"]} == {
        "national-accelerator-guideline": (1.0, 1.0), "tianjin-measures": (1.0, 1.0)}
    (al,) = data["alignments"]
    assert (al["a"], al["b"]) == ("tianjin-measures", "national-accelerator-guideline")
    assert {k: al["summary"][k] for k in ("stricter", "looser", "same", "only-in-one")} == {
        "stricter": 0, "looser": 4, "same": 2, "only-in-one": 1}
    assert len(data["lint"]) == 13 and len(data["thresholds"]) == 53


def test_references_and_citation_graph(report):
    data = json.loads((report / "crossref.json").read_text(encoding="utf-8"))
    cited = [r for r in data["references"] if r["kind"] == "document"]
    assert len(cited) == 6
    national = [r for r in cited if r["target_document"] == "national-accelerator-guideline"]
    assert [(r["citation"], r["status"]) for r in national] == [("第一条", "resolved")]
    assert {"from": "tianjin-measures", "to": "national-accelerator-guideline", "kind": "document", "count": 1} in data["citation_graph"]
    assert any(e["to"] == "《天津市科技企业孵化器认定管理办法》" for e in data["citation_graph"])


def test_markdown_and_docx_content(report):
    md = (report / "crossref.md").read_text(encoding="utf-8")
    for heading in ("## 一、起草问题", "### 门槛比较", "## 三、数量门槛抽取", "## 四、引用", "## 五、规则与原文的一致性"):
        assert heading in md
    assert "| 第七条第一项 | 不少于15家（近2年） | 三、1 | 不少于30家（近2年） | 更宽 |" in md
    assert "| （无对应条款） | — | 三、5 | 不低于30% | 仅一方规定 |" in md
    document = docx.Document(io.BytesIO((report / "crossref.docx").read_bytes()))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "交叉核对报告" and "一、起草问题" in texts
    cells = {c.text for t in document.tables for row in t.rows for c in row.cells}
    assert {"孵化器孵化器", "创新加强器", "区域本市"} <= cells


def test_output_is_deterministic(report, tmp_path, cli):
    code, _, _ = cli("crossref", "--out", tmp_path, "--today", TODAY)
    assert code == 0
    for name in ("crossref.json", "crossref.md", "crossref.docx"):
        assert (tmp_path / name).read_bytes() == (report / name).read_bytes(), name


def test_bad_policy_writes_nothing(cli, policy_copy, tmp_path):
    rules = policy_copy / "tianjin-measures/draft-2024/rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("value: 2500", "value: 2600"), encoding="utf-8")
    code, _, err = cli("crossref", "--policy", policy_copy, "--out", tmp_path / "out")
    assert code == 2 and "is not stated in the quoted words" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_docx_renders_in_libreoffice(report, tmp_path):
    soffice = require_tool("soffice")
    require_tool("pdftotext")
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(report / "crossref.docx")], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "crossref.pdf"), "-"], check=True, capture_output=True, text=True).stdout
    assert "交叉核对报告" in text and "创新加强器" in text
