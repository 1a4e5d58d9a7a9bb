"""The import corpus (tests/corpus/): each text, in every layout and format, gives exactly the
structure and metadata written beside it."""
from pathlib import Path

import pytest
import yaml

from generator.importer.draft import draft
from generator.importer.readers import read
from generator.model import build_tree

CORPUS = Path(__file__).parent / "corpus"
EXPECTED = sorted((CORPUS / "expected").glob("*.expected.yaml"))


def _strip_ids(node):
    if isinstance(node, dict):
        return {k: _strip_ids(v) for k, v in node.items() if k != "id"}
    if isinstance(node, list):
        return [_strip_ids(v) for v in node]
    return node


def imported(expected_file: Path, policy) -> tuple[dict, dict]:
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    source = CORPUS / "texts" / expected["source"]
    reading = read(source)
    return expected, draft(reading.text, source.name, policy, reading.records)


def test_corpus_is_large_and_varied():
    kinds = {k for f in EXPECTED for k in yaml.safe_load(f.read_text(encoding="utf-8"))["kinds"]}
    assert len(EXPECTED) >= 15
    assert sum("blind" in yaml.safe_load(f.read_text(encoding="utf-8"))["kinds"] for f in EXPECTED) >= 3
    assert {"docx_auto_numbering", "pdf", "html", "notice_wrapper", "publication_block", "sections", "article_titles",
            "parts_body", "plain_list", "attachments", "items_（一）", "items_（1）", "sub_items_①"} <= kinds


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_structure_is_exact(policy, expected_file):
    expected, d = imported(expected_file, policy)
    if "known_limitation" in expected:  # a miss kept visible: it must stay a miss until the importer is fixed
        assert _strip_ids(d["text"]) != expected["text"], "fixed: delete known_limitation from the expected file"
        pytest.xfail(expected["known_limitation"])
    assert _strip_ids(d["text"]) == expected["text"]
    citations = {n.id: n.citation for root in build_tree(d["text"]) for n in root.walk()}
    assert {k: citations.get(k) for k in expected["citations"]} == expected["citations"]


@pytest.mark.parametrize("expected_file", EXPECTED, ids=lambda p: p.name.split(".")[0])
def test_metadata(policy, expected_file):
    expected, d = imported(expected_file, policy)
    meta, want = d["meta"], expected["meta"]
    assert meta["title"] == want["title"]
    assert (meta["issuer"] if want["issuer"] else None) == want["issuer"]
    assert meta["jurisdiction"] == want["jurisdiction"]
    assert meta["document_number"] == want["document_number"]
    assert {k: v for k, v in meta["dates"].items() if k != "source"} == want["dates"]
    assert [b["title"] for b in meta["based_on"]] == want["based_on"]
    assert [b["title"] for b in meta["repeals"]] == want["repeals"]
