"""A guide page per institution type: what it is, its conditions with citations, the application
procedure and the 众创—孵化—加速 chain as Mermaid diagrams, rewards, obligations and sanctions."""
from __future__ import annotations

from generator.eligibility.arith import fmt
from generator.eligibility.rules import export_rules, load_phrases
from generator.model import Version
from generator.ruleset import Condition, Procedure
from generator.site.context import Site, text_uri, type_uri
from generator.site.markup import link, md, mermaid, mermaid_label, table
from generator.site.templates import render
from generator.site.validity import validity

Requirements = dict[str, dict[str, str]]  # doc id -> condition id -> requirement line


def requirements(site: Site) -> Requirements:
    """Each condition's requirement line exactly as `fuhua check` and the self-check page word it."""
    exported = export_rules(site.policy)["jurisdictions"].values()
    return {j["document"]["id"]: {c["id"]: c["requirement"] for t in j["types"].values() for c in t["conditions"]}
            for j in exported}


def page(site: Site, inst_type: str, reqs: Requirements) -> str:
    uri = type_uri(inst_type)
    name = site.policy.type_name(inst_type)
    versions = site.versions_for(inst_type)
    day = site.settings.build_date
    banners = render("banners.md.j2", as_of=day, banners=[(site.policy.documents[v.doc_id].short_title, validity(v.meta, day))
                                                            for v in versions])
    out = ["---", f"title: {name}", f"description: {name}的定义、申报条件、申报程序、考核奖励和处罚，逐条注明政策依据。",
           "search:", "  boost: 0.25", "---", "",  # ranked below the provisions it quotes
           f"# {md(name)}", "", banners, "", "## 是什么", ""]
    for v in versions:
        pid = v.rules.institution_types[inst_type].defined_in
        out += [_quote(v.provisions[pid].own_text), f"> —— {_source(site, v, pid, uri)}", ""]
    out += ["## 众创—孵化—加速", "", chain_diagram(site, inst_type), ""]
    out += ["## 申报条件", ""]
    for v in versions:
        out += _conditions(site, v, inst_type, uri, reqs.get(v.doc_id, {}))
    out += [f'<p class="fuhua-cta"><a class="md-button md-button--primary" href="../selfcheck.html#type={inst_type}">'
            f'用自评工具逐条核对</a></p>', ""]
    procedures = [(v, v.rules.procedures[key]) for v in versions
                  if (key := v.rules.institution_types[inst_type].procedure)]
    if procedures:
        out += ["## 申报程序", ""]
        for v, proc in procedures:
            out += _procedure(site, v, proc, uri)
    out += _rewards(site, versions, inst_type, uri)
    out += _duties(site, versions, uri)
    return "\n".join(out)


def _quote(text: str) -> str:
    return "\n>\n".join(f"> {md(line)}" for line in text.split("\n"))


def _source(site: Site, v: Version, pid: str, uri: str) -> str:
    short = site.policy.documents[v.doc_id].short_title
    return f"{md(short)} {link(v.citation(pid), uri, text_uri(v.doc_id), pid)}"


def _conditions(site: Site, v: Version, inst_type: str, uri: str, reqs: dict[str, str]) -> list[str]:
    spec = v.rules.institution_types[inst_type]
    conds = v.conditions(inst_type)
    if not conds:
        return []
    rows = [[f"{i}. {md(c.quote)}", requirement_cell(c, reqs) + (f"<br>*{md(c.note)}*" if c.note else ""),
             link(c.citation, uri, text_uri(v.doc_id), c.provision)]
            for i, c in enumerate(conds, start=1)]
    short = site.policy.documents[v.doc_id].short_title
    return [f"### {md(spec.recognised_as)}（{md(short)}）", "",
            f"依据{link(v.citation(spec.conditions_in), uri, text_uri(v.doc_id), spec.conditions_in)}，共{len(conds)}项条件。", "",
            table(["条件（原文）", "要求", "依据"], rows), ""]


def requirement_cell(cond: Condition, reqs: dict[str, str]) -> str:
    """The measurable requirement; for a qualitative condition, what proves it."""
    if cond.kind == "evidence":
        return md(f"以材料证明：{cond.evidence}")
    return md(reqs.get(cond.id, ""))


def _procedure(site: Site, v: Version, proc: Procedure, uri: str) -> list[str]:
    lines = ["flowchart TD"]
    for i, step in enumerate(proc.steps):
        label = (f"<b>{mermaid_label(step.actor)}</b><br/>{mermaid_label(step.action)}"
                 f"<br/><small>{mermaid_label(step.citation)}</small>")
        lines.append(f'  s{i}["{label}"]')
        if i:
            lines.append(f'  s{i - 1} -->|"{mermaid_label(proc.steps[i - 1].produces)}"| s{i}')
    last = len(proc.steps) - 1
    lines += [f'  done(["{mermaid_label(proc.steps[last].produces)}"])', f"  s{last} --> done"]
    steps = [f"{i}. {md(s.actor)}：{md(s.action)}（{link(s.citation, uri, text_uri(v.doc_id), s.provision)}）"
             for i, s in enumerate(proc.steps, start=1)]
    return [f"### {md(proc.name)}", "", f"依据{_source(site, v, proc.provision, uri)}。", "",
            *mermaid(lines), *steps, ""]


def _rewards(site: Site, versions: list[Version], inst_type: str, uri: str) -> list[str]:
    sym = load_phrases()["comparator"]
    out = []
    for v in versions:
        schemes = v.rules.assessment
        rows = [[md(schemes[r.scheme].name), md(r.grade), md(f"{sym[r.comparator]} {fmt(r.value)}{r.unit}"),
                 link(r.citation, uri, text_uri(v.doc_id), r.provision)]
                for r in v.rules.rewards if r.type == inst_type]
        if rows:
            out += [table(["考核", "结果", "财政奖励", "依据"], rows), ""]
        out += [f"- {md(s.name)}：{md('、'.join(s.grades))}（{link(s.citation, uri, text_uri(v.doc_id), s.provision)}）"
                for s in schemes.values()]
        out += [f"- {md(r.rule or r.quote)}（{link(r.citation, uri, text_uri(v.doc_id), r.provision)}）"
                for r in v.rules.reward_rules.values()]
        if out and out[-1]:
            out.append("")
    return ["## 考核与奖励", "", *out] if out else []


def _duties(site: Site, versions: list[Version], uri: str) -> list[str]:
    out = []
    for key, heading, header, fields in (("obligations", "义务", ["主体", "义务"], ("subject", "duty")),
                                         ("sanctions", "处罚与取消资格", ["情形", "后果"], ("trigger", "consequence"))):
        rows = [[md(getattr(r, fields[0])), md(getattr(r, fields[1])), link(r.citation, uri, text_uri(v.doc_id), r.provision)]
                for v in versions for r in getattr(v.rules, key).values()]
        if rows:
            out += [f"## {heading}", "", table([*header, "依据"], rows), ""]
    return out


def chain_diagram(site: Site, current: str | None) -> str:
    """众创—孵化—加速: the types in vocabulary order; an arrow into a type that has a prerequisite
    condition carries that prerequisite's requirement and citation."""
    types = [t for t in site.policy.vocabulary["institution_types"] if site.versions_for(t)]
    lines = ["flowchart TB"]  # top to bottom: readable on a phone
    for t in types:
        recognised = site.versions_for(t)[0].rules.institution_types[t].recognised_as
        lines.append(f'  {t}["<b>{mermaid_label(site.policy.type_name(t))}</b><br/><small>{mermaid_label(recognised)}</small>"]')
    for before, after in zip(types, types[1:]):
        labels = [f"{c.quote}（{c.citation}）" for v in site.versions_for(after)
                  for c in v.conditions(after) if c.prerequisite]
        arrow = f'-->|"{mermaid_label("；".join(labels))}"|' if labels else "-->"
        lines.append(f"  {before} {arrow} {after}")
    if current:
        lines += [f"  class {current} current", "  classDef current stroke-width:3px"]
    return "\n".join(mermaid(lines))
