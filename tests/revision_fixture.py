"""The fixture revision of tianjin-measures, built over a scratch copy of policy/.

tests/fixtures/revision/tianjin-measures.yaml lists its edits to draft-2024: a changed threshold
(第六条第二项 2500 -> 3000平方米), an added item (第六条第八项), a removed sentence (the last of
第十五条), an added article (第三十三条) that renumbers the old 第三十三条 as 第三十四条, and a new
status and header. meta.yaml says `fixture: true`: it is NOT real policy and is never published.

    python -m tests.revision_fixture DIR     copy policy/ to DIR and add the fixture version
"""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import yaml

from generator import DEFAULT_POLICY_DIR
from generator.model import build_tree

SPEC = Path(__file__).parent / "fixtures" / "revision" / "tianjin-measures.yaml"
OLD, NEW = "tianjin-measures@draft-2024", "tianjin-measures@fixture-revision"
BANNER = "# FIXTURE REVISION (测试用修订样例) — NOT REAL POLICY, never published. Built by tests/revision_fixture.py.\n"


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _node(root, path):
    for key in path:
        root = root[key]
    return root


def _edit_text(text: dict, edits: list[dict]) -> None:
    for e in edits:
        where = {p.id: p.yaml_path for p in (n for r in build_tree(text) for n in r.walk())}
        if e["op"] == "replace" and e["in"] == "header":
            text["header"] = [line.replace(e["old"], e["new"]) for line in text["header"]]
        elif e["op"] == "replace":
            node = _node(text, where[e["in"]])
            node = node if "text" in node else node["paragraphs"][0]
            assert e["old"] in node["text"], e
            node["text"] = node["text"].replace(e["old"], e["new"], 1)
        elif e["op"] == "add_item":
            _node(text, where[e["to"]])["paragraphs"][-1]["items"].append(dict(e["item"]))
        elif e["op"] == "add_article":
            *chapter, _, index = where[e["before"]]
            articles = _node(text, chapter)["articles"]
            num = articles[index]["num"]
            for c in text["chapters"]:
                for a in c["articles"]:
                    a["num"] += a["num"] >= num
            articles.insert(index, {"num": num, **e["article"]})


def _edit_rules(rules: dict, edits: list[dict]) -> None:
    for e in edits:
        if e["op"] == "set":
            cond = next(c for conds in rules["conditions"].values() for c in conds if c["id"] == e["condition"])
            cond.update(e["values"])
        elif e["op"] == "add":
            rules["conditions"][e["type"]].append(dict(e["condition"]))


def lay_fixture(policy_dir: Path) -> Path:
    """Add the fixture version to a scratch copy of policy/ and make it the current version."""
    spec = _load(SPEC)
    doc_dir = Path(policy_dir) / spec["document"]
    base, vdir = doc_dir / spec["base"], doc_dir / spec["version"]
    meta, text, rules = (_load(base / f"{name}.yaml") for name in ("meta", "text", "rules"))
    meta.update(spec["meta"]["set"])
    for key in spec["meta"]["remove"]:
        meta.pop(key, None)
    _edit_text(text, spec["text"])
    _edit_rules(rules, spec["rules"])
    vdir.mkdir()
    for name, data in (("meta", meta), ("text", text), ("rules", rules)):
        (vdir / f"{name}.yaml").write_text(BANNER + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    document = _load(doc_dir / "document.yaml")
    document["versions"].append(spec["version"])
    document["current"] = spec["version"]
    (doc_dir / "document.yaml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return Path(policy_dir)


if __name__ == "__main__":
    if len(sys.argv) != 2 or Path(sys.argv[1]).exists():
        sys.exit("usage: python -m tests.revision_fixture NEW_DIR (a folder that does not exist yet)")
    shutil.copytree(DEFAULT_POLICY_DIR, sys.argv[1])
    print(f"{lay_fixture(Path(sys.argv[1]))}: policy/ plus the fixture version {NEW}")
