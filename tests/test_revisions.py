"""`fuhua diff` and the revision engine, on the labelled fixture revision."""
import json
import re

import pytest
from hypothesis import given, strategies as st

from generator.policy import load_policy
from generator.revisions.chardiff import DELETE, INSERT, segments, side
from generator.revisions.compare import compare
from tests.conftest import require_tool
from tests.revision_fixture import NEW, OLD, lay_fixture

FIXTURE_CHANGES = [  # (status, renumbered, old citation, new citation)
    ("changed", False, "第六条第二项", "第六条第二项"),
    ("added", False, None, "第六条第八项"),
    ("changed", False, "第十五条", "第十五条"),
    ("added", False, None, "第三十三条"),
    ("renumbered", True, "第三十三条", "第三十四条"),
]


@pytest.fixture
def revised(policy_copy):
    return lay_fixture(policy_copy)


@pytest.fixture
def revised_policy(revised):
    return load_policy(revised)


def diff_of(policy, old="draft-2024", new="fixture-revision"):
    tj = policy.documents["tianjin-measures"]
    return compare(tj.versions[old], tj.versions[new], policy.vocabulary)


def summary(d):
    return [(c.status, c.renumbered, c.old and c.old.citation, c.new and c.new.citation) for c in d.provisions]


# --- versions -------------------------------------------------------------------------------------

def test_policy_holds_two_versions(cli, revised, revised_policy):
    doc = revised_policy.documents["tianjin-measures"]
    assert list(doc.versions) == ["draft-2024", "fixture-revision"] and doc.current == "fixture-revision"
    assert doc.versions["fixture-revision"].meta["fixture"] is True
    assert doc.versions["draft-2024"].meta["status"] == "征求意见稿"
    assert cli("validate", "--policy", revised)[0] == 0
    code, current, _ = cli("text", "tianjin-measures", "--policy", revised)
    assert code == 0 and "第三十四条" in current and "3000平方米" in current
    code, old, _ = cli("text", "tianjin-measures", "--policy", revised, "--version", "draft-2024")
    assert code == 0 and "第三十四条" not in old and "2500平方米" in old


def test_fixture_is_not_in_policy(policy):
    assert not any(v.meta.get("fixture") for d in policy.documents.values() for v in d.versions.values())


# --- the engine -----------------------------------------------------------------------------------

def test_fixture_changes_found_exactly(revised_policy):
    d = diff_of(revised_policy)
    assert summary(d) == FIXTURE_CHANGES
    threshold, item, sentence, article, renumbered = d.provisions
    assert threshold.segments == [("=", "孵化场地集中，可自主支配的孵化场地面积不低于"), ("-", "2500"), ("+", "3000"),
                                  ("=", "平方米。其中，在孵企业使用面积（含公共服务面积）占75%以上；")]
    assert side(item.segments, INSERT) == "建立健全安全生产管理制度，落实安全生产主体责任。"
    assert [s for s in sentence.segments if s[0] != "="] == [("-", "奖励资金用于科技企业孵化器发展。")]
    assert article.new.id == "art_local_rules" and renumbered.new.id == "art_33" and not renumbered.text_changed
    assert [(q.key, q.old.values["value"], q.new.values["value"]) for q in d.quantities] == [
        ("conditions.incubator.inc_site_area", 2500, 3000)]
    assert [m[0] for m in d.meta] == ["header", "status"]
    assert ("rules.conditions.incubator.inc_safety", "added") in d.rules


def test_same_version_has_no_changes(policy):
    v = policy.version("tianjin-measures")
    d = compare(v, v, policy.vocabulary)
    assert d.unchanged and not d.rows and not d.rules


def _rewrite_ids(path, mapping):
    text = path.read_text(encoding="utf-8")
    for old, new in mapping.items():
        text = re.sub(rf"\bid: {old}\b", f"id: {new}", text)
    path.write_text(text, encoding="utf-8")


def test_positional_ids_matched_by_text(revised):
    """Ids given by position (as an import gives them) still pair the renumbered article by its words."""
    vdir = revised / "tianjin-measures" / "fixture-revision"
    _rewrite_ids(vdir / "text.yaml", {"art_33": "art_34", "art_local_rules": "art_33"})
    for name in ("meta.yaml", "rules.yaml"):
        p = vdir / name
        p.write_text(p.read_text(encoding="utf-8").replace("provision: art_33", "provision: art_34"), encoding="utf-8")
    assert summary(diff_of(load_policy(revised))) == FIXTURE_CHANGES


def test_unrelated_provision_not_forced_to_match(revised):
    """An article replaced by unrelated words under a new id is removed + added, never 'changed'."""
    vdir = revised / "tianjin-measures" / "fixture-revision"
    text = (vdir / "text.yaml").read_text(encoding="utf-8")
    old31 = "发挥好协会、联盟等行业组织的作用，促进区域本市孵化服务机构之间的经验交流和资源共享。"
    text = text.replace("id: art_31\n", "id: art_new\n").replace(old31, "市财政局按规定统筹安排所需经费。")
    (vdir / "text.yaml").write_text(text, encoding="utf-8")
    rows = summary(diff_of(load_policy(revised)))
    assert ("removed", False, "第三十一条", None) in rows and ("added", False, None, "第三十一条") in rows


@given(st.text(alphabet="天津孵化器1230万元。，", max_size=40), st.text(alphabet="天津孵化器1230万元。，", max_size=40))
def test_segments_rebuild_both_sides(a, b):
    segs = segments(a, b)
    assert side(segs, DELETE) == a and side(segs, INSERT) == b
    assert all(text for _, text in segs)
    assert all(x[0] != y[0] for x, y in zip(segs, segs[1:]))


def test_numbers_change_whole():
    assert segments("不低于2500平方米", "不低于3000平方米") == [("=", "不低于"), ("-", "2500"), ("+", "3000"), ("=", "平方米")]


# --- the command in every format ------------------------------------------------------------------

def test_diff_text(cli, revised):
    code, out, err = cli("diff", OLD, NEW, "--policy", revised, "--outputs", "targets")
    assert code == 0, err
    assert "测试用修订样例" in out
    assert "不低于[-2500-]{+3000+}平方米" in out
    assert "{+建立健全安全生产管理制度，落实安全生产主体责任。+}" in out
    assert "[-奖励资金用于科技企业孵化器发展。-]" in out
    assert "[条号变动] 第三十三条 → 第三十四条" in out
    assert "≥ 2500 平方米 → ≥ 3000 平方米｜第六条第二项" in out
    assert "效力状态：征求意见稿 → 尚未生效" in out


def test_diff_json(cli, revised):
    code, out, err = cli("diff", OLD, NEW, "--policy", revised, "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    doc, = data["documents"]
    assert data["fixture"] is True and doc["new"]["fixture"] is True
    assert doc["summary"] == {"added": 2, "removed": 0, "changed": 2, "renumbered": 1}
    assert [(p["status"], p["old"] and p["old"]["citation"], p["new"] and p["new"]["citation"]) for p in doc["provisions"]] == [
        (s, o, n) for s, _, o, n in FIXTURE_CHANGES]
    q, = doc["quantities"]
    assert (q["old"]["value"], q["new"]["value"], q["changed_fields"], q["new_citation"]) == (2500, 3000, ["value"], "第六条第二项")
    changed = {f["path"] for o in data["outputs"] for f in o["files"]}
    assert {"forms/application-incubator.docx", "checklists/checklist-incubator.md", "eligibility/rules.json"} <= changed
    assert [r["new_citation"] for r in doc["table"]] == ["第六条", "第十五条", "第三十三条", "第三十四条"]


def test_diff_markdown(cli, revised, tmp_path):
    out_file = tmp_path / "diff.md"
    code, _, err = cli("diff", OLD, NEW, "--policy", revised, "--format", "md", "--out", out_file, "--outputs", "none")
    assert code == 0, err
    md = out_file.read_text(encoding="utf-8")
    assert "| 原条文 | 修订后条文 |" in md and "测试用修订样例" in md
    row = next(l for l in md.splitlines() if "<del>2500</del>" in l)
    old_cell, new_cell = row.strip("| ").split(" | ")
    assert "<ins>" not in old_cell and "<del>" not in new_cell and "<ins>3000</ins>" in new_cell
    assert new_cell.endswith("<br><ins>8.建立健全安全生产管理制度，落实安全生产主体责任。</ins>")
    assert "<del>奖励资金用于科技企业孵化器发展。</del>" in md
    assert "第三十<del>三</del>条" in md and "第三十<ins>四</ins>条" in md
    assert "| 门槛 | 科技企业孵化器：可自主支配的场地面积 | ≥ 2500 平方米 | ≥ 3000 平方米 | 第六条第二项 |" in md


def _cells(docx_bytes):
    """The 修订对照表's rows as (old cell, new cell), each a list of (run style, text)."""
    import io
    import zipfile
    from lxml import etree
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx_bytes)).read("word/document.xml"))
    table = xml.find(f".//{W}tbl")
    def runs(tc):
        out = []
        for r in tc.iter(f"{W}r"):
            style = r.find(f"{W}rPr/{W}rStyle")
            text = "".join(t.text for t in r.iter(f"{W}t")) or ("\n" if r.find(f"{W}br") is not None else "")
            out.append((style.get(f"{W}val") if style is not None else None, text))
        return out
    return [[runs(tc) for tc in tr.findall(f"{W}tc")] for tr in table.findall(f"{W}tr")]


def test_diff_docx(cli, revised, tmp_path):
    out_file = tmp_path / "对照表.docx"
    code, _, err = cli("diff", OLD, NEW, "--policy", revised, "--format", "docx", "--out", out_file, "--outputs", "none")
    assert code == 0, err
    data = out_file.read_bytes()
    rows = _cells(data)
    assert [[t for _, t in cell] for cell in rows[0]] == [["原条文"], ["修订后条文"]]
    art6_old, art6_new = rows[1]
    assert ("Deleted", "2500") in art6_old and not any(s == "Inserted" for s, _ in art6_old)
    assert ("Inserted", "3000") in art6_new and not any(s == "Deleted" for s, _ in art6_new)
    assert ("Inserted", "8.建立健全安全生产管理制度，落实安全生产主体责任。") in art6_new
    assert ("Deleted", "奖励资金用于科技企业孵化器发展。") in rows[2][0]
    assert rows[3][0] == [] and rows[3][1][0] == ("Inserted", "第三十三条\u3000各区科技局可结合本区实际，制定具体实施细则。")
    assert ("Deleted", "三") in rows[4][0] and ("Inserted", "四") in rows[4][1]
    again = tmp_path / "again.docx"
    cli("diff", OLD, NEW, "--policy", revised, "--format", "docx", "--out", again, "--outputs", "none")
    assert again.read_bytes() == data


@pytest.mark.slow
def test_diff_docx_in_libreoffice(cli, revised, tmp_path):
    import subprocess
    soffice, pdftotext = require_tool("soffice"), require_tool("pdftotext")
    docx = tmp_path / "diff.docx"
    assert cli("diff", OLD, NEW, "--policy", revised, "--format", "docx", "--out", docx, "--outputs", "none")[0] == 0
    subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", tmp_path, docx], check=True, capture_output=True, timeout=180)
    text = subprocess.run([pdftotext, tmp_path / "diff.pdf", "-"], check=True, capture_output=True, text=True).stdout
    squeezed = re.sub(r"\s+", "", text)
    for expected in ("修订对照表", "原条文", "修订后条文", "不低于2500平方米", "不低于3000平方米", "第三十四条", "测试用修订样例"):
        assert expected in squeezed


def test_diff_two_policy_folders(cli, revised):
    from generator import DEFAULT_POLICY_DIR
    code, out, err = cli("diff", DEFAULT_POLICY_DIR, revised, "--format", "json", "--outputs", "none")
    assert code == 0, err
    docs = {d["document"]: d for d in json.loads(out)["documents"]}
    assert docs["tianjin-measures"]["summary"] == {"added": 2, "removed": 0, "changed": 2, "renumbered": 1}
    assert not docs["national-accelerator-guideline"]["provisions"]


@pytest.mark.slow  # diffs with the affected outputs built on both sides
def test_diff_is_deterministic(cli, revised):
    runs = [cli("diff", OLD, NEW, "--policy", revised, "--format", fmt, "--outputs", "targets")[1] for fmt in ("md", "md", "json", "json")]
    assert runs[0] == runs[1] and runs[2] == runs[3]


def _threshold_revision(policy_copy):
    """policy/ with one threshold changed: 第六条第二项 2500 -> 3000平方米 (text and rule)."""
    vdir = policy_copy / "tianjin-measures" / "draft-2024"
    for name in ("text.yaml", "rules.yaml"):
        p = vdir / name
        text = p.read_text(encoding="utf-8").replace("面积不低于2500平方米", "面积不低于3000平方米")
        p.write_text(re.sub(r"(id: inc_site_area\n(?:.*\n)*?\s+value: )2500", r"\g<1>3000", text), encoding="utf-8")
    return policy_copy


def test_diff_names_exactly_the_changed_files(cli, policy_copy):
    """A threshold of one institution type changes that type's form, checklist and rule export only."""
    from generator import DEFAULT_POLICY_DIR
    code, out, err = cli("diff", DEFAULT_POLICY_DIR, _threshold_revision(policy_copy), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    files = sorted(f["path"] for o in data["outputs"] for f in o["files"])
    assert files == ["checklists/checklist-incubator.docx", "checklists/checklist-incubator.md",
                     "eligibility/rules.json", "eligibility/tailored-checklist-incubator.docx",
                     "eligibility/tailored-checklist-incubator.md",
                     "forms/application-incubator.docx", "forms/application-incubator.md"]
    assert [q["key"] for q in data["documents"][1]["quantities"]] == ["conditions.incubator.inc_site_area"]
    code, out, _ = cli("diff", DEFAULT_POLICY_DIR, policy_copy, "--format", "json", "--outputs", "targets")
    targets = {o["target"] for o in json.loads(out)["outputs"]}
    assert {"forms", "checklists", "eligibility"} <= targets and not targets & {"notices", "assessment-reports"}


@pytest.mark.parametrize("args, message", [
    (("nope@x", NEW), "no document 'nope'"),
    (("tianjin-measures@final", NEW), "has no version 'final'"),
    ((OLD, "national-accelerator-guideline@2024"), "different documents"),
    ((OLD, NEW, "--format", "docx"), "--out"),
])
def test_diff_bad_refs(cli, revised, args, message):
    code, out, err = cli("diff", *args, "--policy", revised)
    assert code == 2 and message in err and "Traceback" not in err


def test_diff_folder_and_ref_refused(cli, revised):
    code, _, err = cli("diff", revised, NEW, "--policy", revised)
    assert code == 2 and "not one of each" in err
