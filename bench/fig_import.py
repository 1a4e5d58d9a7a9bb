"""Import accuracy on the hand-checked corpus (tests/corpus/): per kind of layout or format, how
many texts give exactly the expected structure (text.yaml and citations) and metadata.

    python bench/fig_import.py      # prints the Markdown table for bench/RESULTS.md
"""
from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.policy import load_policy  # noqa: E402
from generator.model import build_tree  # noqa: E402
from tests.test_corpus import EXPECTED, _strip_ids, imported  # noqa: E402

META = ("title", "issuer", "jurisdiction", "document_number", "dates", "based_on", "repeals")


def _meta_fields(meta: dict, want: dict) -> tuple[int, int]:
    got = {"title": meta["title"], "issuer": meta["issuer"] if want["issuer"] else None,
           "jurisdiction": meta["jurisdiction"], "document_number": meta["document_number"],
           "dates": {k: v for k, v in meta["dates"].items() if k != "source"},
           "based_on": [b["title"] for b in meta["based_on"]], "repeals": [b["title"] for b in meta["repeals"]]}
    return sum(got[k] == want[k] for k in META), len(META)


def main() -> None:
    policy = load_policy(None, extra_checks=False)
    per_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # exact structure, texts, meta fields right, fields
    for f in EXPECTED:
        expected, d = imported(f, policy)
        cites = {n.id: n.citation for r in build_tree(d["text"]) for n in r.walk()}
        exact = _strip_ids(d["text"]) == expected["text"] and all(cites.get(k) == v for k, v in expected["citations"].items())
        right, fields = _meta_fields(d["meta"], expected["meta"])
        for kind in ["all", *expected["kinds"]]:
            row = per_kind[kind]
            row[0] += exact
            row[1] += 1
            row[2] += right
            row[3] += fields
    print("| kind | texts | structure exact | metadata fields right |")
    print("|---|---:|---:|---:|")
    for kind in sorted(per_kind, key=lambda k: (k != "all", k)):
        e, n, r, t = per_kind[kind]
        print(f"| {kind} | {n} | {e}/{n} ({e / n:.2f}) | {r}/{t} ({r / t:.2f}) |")


if __name__ == "__main__":
    main()
