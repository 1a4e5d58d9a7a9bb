"""A guide page per institution type (templates/site/type.md.j2): what it is, its conditions with
citations, the application procedure and the chain of types as Mermaid diagrams, rewards,
obligations and sanctions. Python gathers the versions and typed rules; the templates word them."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from generator.eligibility.rules import export_rules, load_phrases
from generator.model import Version
from generator.ruleset import Condition
from generator.site.context import Site, text_uri, type_uri
from generator.site.templates import macro, render
from generator.site.validity import Validity, validity

Requirements = dict[str, dict[str, str]]  # doc id -> condition id -> requirement line


def requirements(site: Site) -> Requirements:
    """Each condition's requirement line exactly as `fuhua check` and the self-check page word it."""
    exported = export_rules(site.policy)["jurisdictions"].values()
    return {j["document"]["id"]: {c["id"]: c["requirement"] for t in j["types"].values() for c in t["conditions"]}
            for j in exported}


@dataclass(frozen=True)
class GuideSource:
    """A current version as a guide cites it."""

    v: Version
    doc_name: str
    text_uri: str
    validity: Validity
    requirements: Mapping[str, str]


@dataclass(frozen=True)
class ChainType:
    """One box of the chain diagram and the prerequisite conditions on the arrow into it."""

    id: str
    name: str
    recognised_as: str
    prerequisites: tuple[Condition, ...]


def page(site: Site, inst_type: str, reqs: Requirements) -> str:
    day = site.settings.build_date
    docs = [GuideSource(v, site.policy.documents[v.doc_id].name_of(v), text_uri(v.doc_id), validity(v.meta, day),
                        reqs.get(v.doc_id, {}))
            for v in site.versions_for(inst_type)]
    return render("type.md.j2", uri=type_uri(inst_type), inst_type=inst_type, name=site.policy.type_name(inst_type),
                  as_of=day, docs=docs, chain=chain_diagram(site, inst_type), comparators=load_phrases()["comparator"])


def chain_types(site: Site) -> list[ChainType]:
    """The types any current version knows, in vocabulary order."""
    types = [t for t in site.policy.vocabulary["institution_types"] if site.versions_for(t)]
    return [ChainType(t, site.policy.type_name(t), site.versions_for(t)[0].rules.institution_types[t].recognised_as,
                      tuple(c for v in site.versions_for(t) for c in v.conditions(t) if c.prerequisite))
            for t in types]


def chain_diagram(site: Site, current: str | None) -> str:
    """The chain of types as a Mermaid diagram (templates/site/_diagrams.md.j2), `current` marked."""
    return str(macro("_diagrams.md.j2", "chain")(chain_types(site), current))
