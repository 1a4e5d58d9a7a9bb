"""The drafter's revision loop, end to end: a revised Word file (made here from the current Tianjin
text with four edits) -> `fuhua import --into … --version …` -> the drafter resolves the marks ->
`fuhua validate`, `fuhua diff`, `fuhua build`.

The edits: a changed threshold (第六条第二项 2500 -> 3000平方米), a reworded condition (第五条第一项's
first words), a deleted item (第五条第五项; 第六项 becomes 第五项) and an added article after
第九条 (every later article is renumbered).
"""
import copy
import json

import pytest
import yaml
from docx import Document

from generator.importer.draft import dump, resolve_reviews
from generator.text import lines_of
from tests.corpus.make_sources import numbering, para

DOC, NEW = "tianjin-measures", "revised-test"
OLD_WORDS, NEW_WORDS = "发展方向明确、模式清晰", "发展定位明确、运营模式清晰"
ADDED = "各区科技局可结合本区实际，制定具体实施细则。"


def _revised_text(text: dict) -> dict:
    text = copy.deepcopy(text)
    articles = [a for c in text["chapters"] for a in c["articles"]]
    art = {a["id"]: a for a in articles}
    items5 = art["art_5"]["paragraphs"][0]["items"]
    items5[0]["text"] = items5[0]["text"].replace(OLD_WORDS, NEW_WORDS)
    del items5[4]
    for k, item in enumerate(items5, start=1):
        item["num"] = k
    item2 = art["art_6"]["paragraphs"][0]["items"][1]
    assert "不低于2500平方米" in item2["text"]
    item2["text"] = item2["text"].replace("不低于2500平方米", "不低于3000平方米")
    for a in articles:
        a["num"] += a["num"] >= 10
    chapter = next(c for c in text["chapters"] if art["art_9"] in c["articles"])
    chapter["articles"].insert(chapter["articles"].index(art["art_9"]) + 1, {"num": 10, "id": "art_added", "paragraphs": [{"text": ADDED}]})
    return text


def _word_file(policy, path):
    """The revised text as a drafter's .docx: 第X条 and the items are Word automatic numbering."""
    from generator.model import make_version
    old = policy.version(DOC)
    version = make_version(old.doc_id, old.version, old.directory, old.meta, _revised_text(old.text), old.raw_rules)
    doc = Document()
    articles = numbering(doc, [("chineseCounting", "第%1条")])
    items = None
    for line in lines_of(version):
        if line.startswith("第") and "条\u3000" in line[:8]:
            para(doc, line.split("\u3000", 1)[1], articles)
            items = None
        elif line[:1].isdigit() and line[1:3].lstrip("0123456789")[:1] == ".":
            if line.startswith("1."):
                items = numbering(doc, [("decimal", "%1.")])
            para(doc, line.split(".", 1)[1], items)
        else:
            para(doc, line)
    doc.save(path)


def _rules(node, out=None):
    out = {} if out is None else out
    if isinstance(node, dict):
        if "id" in node and "provision" in node:
            out[node["id"]] = node
        for v in node.values():
            _rules(v, out)
    elif isinstance(node, list):
        for v in node:
            _rules(v, out)
    return out


@pytest.fixture
def revised(cli, policy, policy_copy, tmp_path):
    source = tmp_path / "修订稿.docx"
    _word_file(policy, source)
    code, _, err = cli("import", source, "--into", DOC, "--version", NEW, "--policy", policy_copy)
    assert code == 0, err
    return policy_copy, err


def test_revision_keeps_ids_and_carries_rules(policy, revised):
    policy_copy, err = revised
    vdir = policy_copy / DOC / NEW
    text = yaml.safe_load((vdir / "text.yaml").read_text(encoding="utf-8"))
    rules = yaml.safe_load((vdir / "rules.yaml").read_text(encoding="utf-8"))
    old_rules = _rules(policy.version(DOC).raw_rules)
    new_rules = _rules(rules)
    articles = {a["id"]: a for c in text["chapters"] for a in c["articles"]}
    # renumbering is safe: old articles keep their ids under new numbers; the added one has its own
    assert articles["art_10"]["num"] == 11 and articles["art_33"]["num"] == 34
    added = next(a for a in articles.values() if a["paragraphs"][0]["text"] == ADDED)
    assert added["num"] == 10 and added["id"] not in {a.id for a in policy.version(DOC).walk()}
    # the threshold takes the new value, marked for review
    site = new_rules["inc_site_area"]
    assert site["value"] == 3000 and "3000平方米" in site["quote"] and "review" in site
    # only the rules whose quotes are gone are broken
    broken = {rid for rid, r in new_rules.items() if "review" in r and rid != "inc_site_area"}
    assert broken == {"ms_operator", "ms_financing_services"}
    # every other rule is carried over unchanged (ms_events now cites 第五条第五项 under its old id)
    for rid, rule in old_rules.items():
        if rid not in broken | {"inc_site_area"}:
            assert new_rules[rid] == rule, rid
    assert "art_5__point_6" in str(text) and "引文已不存在" in err
    document = yaml.safe_load((policy_copy / DOC / "document.yaml").read_text(encoding="utf-8"))
    assert document["versions"][-1] == NEW and document["current"] != NEW
    assert "#" in (policy_copy / DOC / "document.yaml").read_text(encoding="utf-8")  # its comments are kept


def test_revision_loop_validates_diffs_and_builds(cli, revised, tmp_path):
    policy_copy, _ = revised
    vdir = policy_copy / DOC / NEW
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 2 and "review" in err  # until the drafter has checked every mark
    # right after the import, before any mark is resolved, the drafter sees the 新旧对照 and what awaits review
    code, out, err = cli("diff", f"{DOC}@draft-2024", f"{DOC}@{NEW}", "--policy", policy_copy, "--outputs", "none")
    assert code == 0, err
    assert "3000" in out and "2500" in out and ADDED in out
    pending = out.split("[待核对]")[1].split("\n\n")[0].splitlines()[1:]
    assert len(pending) == 5, pending  # the renewed threshold, the two broken rules, the carried status and dates
    assert any("rules.conditions.incubator.inc_site_area" in line and "第六条第二项" in line and "3000平方米" in line for line in pending)
    assert {"ms_operator", "ms_financing_services"} <= {line.split("｜")[1].rsplit(".", 1)[1] for line in pending}
    assert "[修改] rules.conditions.incubator.inc_site_area（★待核对）" in out
    code, out, err = cli("diff", f"{DOC}@draft-2024", f"{DOC}@{NEW}", "--policy", policy_copy, "--outputs", "none", "--format", "json")
    marks = {p["key"]: p for d in json.loads(out)["documents"] for p in d["pending"]}
    assert set(marks) == {"rules.conditions.incubator.inc_site_area", "rules.conditions.makerspace.ms_operator",
                          "rules.conditions.makerspace.ms_financing_services", "meta.status", "meta.dates"}
    code, _, err = cli("diff", f"{DOC}@draft-2024", f"{DOC}@{NEW}", "--policy", policy_copy, "--outputs", "none",
                       "--format", "docx", "--out", tmp_path / "对照.docx")
    assert code == 0, err
    # the drafter: rewrites the reworded rule's quote, drops the deleted item's rule, checks the rest
    rules = yaml.safe_load((vdir / "rules.yaml").read_text(encoding="utf-8"))
    conditions = rules["conditions"]["makerspace"]
    operator = next(c for c in conditions if c["id"] == "ms_operator")
    operator["quote"] = operator["quote"].replace(OLD_WORDS, NEW_WORDS)
    rules["conditions"]["makerspace"] = [c for c in conditions if c["id"] != "ms_financing_services"]
    (vdir / "rules.yaml").write_text(dump(resolve_reviews(rules)), encoding="utf-8")
    meta = yaml.safe_load((vdir / "meta.yaml").read_text(encoding="utf-8"))
    (vdir / "meta.yaml").write_text(dump(resolve_reviews(meta)), encoding="utf-8")
    code, _, err = cli("validate", "--policy", policy_copy)
    assert code == 0, err
    code, out, err = cli("diff", f"{DOC}@draft-2024", f"{DOC}@{NEW}", "--policy", policy_copy, "--outputs", "none")
    assert code == 0, err
    assert "3000" in out and "2500" in out and ADDED in out
    document = policy_copy / DOC / "document.yaml"
    document.write_text(document.read_text(encoding="utf-8").replace("current: draft-2024", f"current: {NEW}"), encoding="utf-8")
    code, _, err = cli("build", "--policy", policy_copy, "--out", tmp_path / "build", "--only", "forms")
    assert code == 0, err
    forms = list((tmp_path / "build" / "forms").glob("*.md"))
    assert any("不低于3000平方米" in f.read_text(encoding="utf-8") for f in forms)


def test_diff_under_review_still_refuses_unmarked_problems(cli, revised):
    """Review marks excuse only the records they mark: a broken quote the import did not mark stops the diff."""
    policy_copy, _ = revised
    path = policy_copy / DOC / NEW / "rules.yaml"
    rules = yaml.safe_load(path.read_text(encoding="utf-8"))
    unmarked = next(c for cs in rules["conditions"].values() for c in cs if "review" not in c)
    unmarked["quote"] = "本句不在文中"
    path.write_text(dump(rules), encoding="utf-8")
    code, _, err = cli("diff", f"{DOC}@draft-2024", f"{DOC}@{NEW}", "--policy", policy_copy, "--outputs", "none")
    assert code == 2 and "本句不在文中" in err and "rules.yaml" in err
