"""Drafting lint: problems a drafter should fix before publication, found in the text itself.

Each check is generic (no words of the two texts are written here) and returns `Finding`s with
document, citation, kind, text and message. Kinds, in report order:

    duplicated_words     孵化器孵化器, 具备应具备, 区域本市
    inconsistent_term    a one-character variant of a defined term; 本政策 where the text says
                         本办法; a full name used after its 以下简称
    mixed_width          （ and ( or ％ and % in one document
    contradiction        two provisions giving the document different commencement or expiry
    bad_reference        第四十条 in a text of 33 articles; a title with another document's number
    repeated_provision   a provision repeating an earlier one nearly word for word
    number_format        3千万元, 3-5年 (GB/T 15835, GB/T 15834)
    unused_term          a short name (以下简称X) never used afterwards
    unresolved_reference a document neither policy/ nor the text's based_on/repeals lists (a note)
    ill_formed_sentence  …为宗旨 without its 以; unbalanced brackets or quotes; 《》 inside 《》 (GB/T 15834)
    validity             expired (有效期至…, or 有效期N年 counted from the commencement), about to
                         expire, or a draft whose commencement date has passed
"""
from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from generator.clock import build_date
from generator.crossref.messages import kind_names
from generator.crossref.provisions import text_nodes
from generator.model import Policy, Provision, Version

KINDS = ("duplicated_words", "inconsistent_term", "mixed_width", "contradiction", "bad_reference",
         "ill_formed_sentence", "validity", "repeated_provision", "number_format", "unused_term",
         "unresolved_reference")
NOTES = ("unresolved_reference",)  # reported, but not a problem: not counted in the exit code
KIND_NAMES = kind_names()  # their Chinese names: templates/crossref/messages.yaml, like every message
EXPIRY_WARNING_DAYS = 90


@dataclass
class Finding:
    document: str
    citation: str
    kind: str
    text: str
    message: str
    provision: str | None = None

    @property
    def is_note(self) -> bool:
        return self.kind in NOTES

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Context:
    policy: Policy
    version: Version
    today: dt.date
    warn_days: int = EXPIRY_WARNING_DAYS
    nodes: list[Provision] = field(default_factory=list)

    def finding(self, node: Provision | None, kind: str, text: str, message: str) -> Finding:
        return Finding(self.version.doc_id, node.citation if node else self.version.title, kind, text, message,
                       node.id if node else None)


def lint_version(policy: Policy, version: Version, today: dt.date, warn_days: int = EXPIRY_WARNING_DAYS) -> list[Finding]:
    from generator.crossref.lint import force, refs, repeats, signs, wording

    ctx = Context(policy, version, today, warn_days, text_nodes(version))
    checks = (wording.duplicated_words, wording.inconsistent_term, signs.mixed_width, force.contradiction,
              refs.bad_reference, wording.ill_formed_sentence, signs.unbalanced, signs.nested_titles, force.validity,
              repeats.repeated_provision, repeats.number_format, wording.unused_term)
    order = {n.id: i for i, n in enumerate(ctx.nodes)}
    findings = [f for check in checks for f in check(ctx)]
    return sorted(findings, key=lambda f: (KINDS.index(f.kind), order.get(f.provision, -1)))


def lint(policy: Policy, doc_ids: list[str] | None = None, today: dt.date | None = None,
         warn_days: int = EXPIRY_WARNING_DAYS) -> list[Finding]:
    today = build_date(today)
    versions = [policy.version(d) for d in (doc_ids or policy.documents)]
    return [f for v in versions for f in lint_version(policy, v, today, warn_days)]
