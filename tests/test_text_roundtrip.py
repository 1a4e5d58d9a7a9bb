"""`fuhua text` rebuilds each seed exactly, once the recorded normalisations are applied to the seed.

Nothing else is normalised: every space removed from the seed must be recorded in meta.yaml, and
every recorded normalisation must apply to the seed exactly where it says.
"""
import re

import pytest

from tests.conftest import SEEDS_DIR

SEPARATOR = re.compile(r"^(第[零一二三四五六七八九十百]+[章条]|\d+\.)[ \u3000]+")
DOCS = {"tianjin-measures": "tianjin-incubation-measures-draft.txt",
        "national-accelerator-guideline": "national-accelerator-guideline.txt"}


def apply_normalisations(raw: str, records: list[dict]) -> list[str]:
    lines = [l.strip() for l in raw.splitlines() if l.strip()]
    kinds = {r["kind"] for r in records}
    assert {"blank_lines", "separator_space"} <= kinds
    for r in records:
        if r["kind"] == "page_break":
            hits = [i for i in range(len(lines) - 1) if lines[i].endswith(r["before"]) and lines[i + 1].startswith(r["after"])]
            assert len(hits) == 1, f"page break {r} applies {len(hits)} times"
            i = hits[0]
            lines[i:i + 2] = [lines[i] + lines[i + 1]]
    lines = [SEPARATOR.sub(r"\1", l) for l in lines]
    for r in records:
        if r["kind"] in ("stray_space", "letter_spacing"):
            hits = [i for i, l in enumerate(lines) if r["original"] in l]
            assert hits, f"normalisation {r} not found in the seed"
            lines[hits[0]] = lines[hits[0]].replace(r["original"], r["normalised"], 1)
    return lines


@pytest.mark.parametrize("doc_id", sorted(DOCS))
def test_text_matches_seed(cli, policy, doc_id):
    seed = (SEEDS_DIR / DOCS[doc_id]).read_text(encoding="utf-8")
    expected = apply_normalisations(seed, policy.version(doc_id).meta["normalisations"])
    unrecorded = [l for l in expected if re.search(r"\s", l)]
    assert not unrecorded, f"whitespace the meta.yaml does not record: {unrecorded}"
    code, out, err = cli("text", doc_id)
    assert code == 0, err
    produced = [SEPARATOR.sub(r"\1", l) for l in out.splitlines()]
    assert produced == expected


def test_text_unknown_document(cli):
    code, out, err = cli("text", "no-such-doc")
    assert code == 2 and "no document 'no-such-doc'" in err and "Traceback" not in err


def test_drafting_errors_kept_verbatim(policy):
    """Official wording stays as written, errors included (the lint reports them)."""
    tj = policy.version("tianjin-measures")
    assert "科技企业孵化器孵化器专职工作人员" in tj.provisions["art_6__point_4"].text
    assert "创新加强器" in tj.provisions["art_21__para_2"].text
    assert "还应该具备应具备" in tj.provisions["art_7__para_1"].text
