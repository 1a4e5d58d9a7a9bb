"""Every encoded rule of a document on one page, anchored, and the reverse index
provision -> the rules that rest on it (used by the full-text pages)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.eligibility.rules import load_phrases
from generator.model import Version
from generator.site.context import Site, rules_uri, text_uri, type_uri
from generator.site.institutions import requirement_cell
from generator.site.markup import link, md, table

# rules.yaml groups, in page order, with their headings.
GROUPS = {
    "conditions": "申报条件",
    "definitions": "定义",
    "procedures": "申报程序",
    "assessment": "考核评价",
    "rewards": "奖励",
    "reward_rules": "奖励规则",
    "obligations": "义务",
    "sanctions": "处罚与取消资格",
    "waivers": "不作为门槛编码的数字",
}


@dataclass(frozen=True)
class RuleRef:
    group: str
    key: str
    anchor: str
    label: str


def entries(version: Version):
    """(group, key, item) for every rule of rules.yaml that names a provision, in file order."""
    for group in GROUPS:
        value = version.raw_rules.get(group)  # generic: every record that names a provision
        if isinstance(value, dict):
            pairs = list(value.items())
        elif isinstance(value, list):
            pairs = [(item.get("id") or str(i + 1), item) for i, item in enumerate(value)]
        else:
            continue
        for key, item in pairs:
            for sub in (item if isinstance(item, list) else [item]):  # conditions: type -> list
                yield group, (sub["id"] if isinstance(item, list) else key), sub


def anchor(group: str, key: str) -> str:
    return f"{group}-{key}"


def refs_by_provision(version: Version) -> dict[str, list[RuleRef]]:
    """provision id -> rules resting on it (a rule's nested criteria and steps count for it too)."""
    out: dict[str, list[RuleRef]] = {}
    for group, key, item in entries(version):
        ref = RuleRef(group, key, anchor(group, key), f"{GROUPS[group]} {key}")
        provisions = [item.get("provision")] + [sub.get("provision") for field in ("criteria", "steps")
                                                 for sub in item.get(field, [])]
        for pid in dict.fromkeys(p for p in provisions if p):
            out.setdefault(pid, []).append(ref)
    return out


def page(site: Site, version: Version, requirements: dict[str, dict[str, str]]) -> str:
    uri = rules_uri(version.doc_id)
    requirements = requirements.get(version.doc_id, {})

    def cite(pid: str) -> str:
        return link(version.citation(pid), uri, text_uri(version.doc_id), pid)

    counter = iter(range(1, 10**6))

    def target(group: str, key: str) -> str:  # the rule's anchor; readers see a running number, not its id
        return f'<span id="{anchor(group, key)}"></span>{next(counter)}'

    out = ["---", f"title: 规则一览：{site.policy.documents[version.doc_id].short_title}",
           f"description: {site.policy.documents[version.doc_id].short_title}中编码为规则的申报条件、定义、程序、奖励、义务和处罚，逐条注明依据和原文。",
           "search:", "  exclude: true", "---", "",
           f"# 规则一览：{md(site.policy.documents[version.doc_id].short_title)}", "",
           "以下是本站据以生成申报指南、表格和自评工具的全部规则。每条规则写明所依据的条款和原文引文（“原文”一栏）；"
           "原文修改后，引文不再相符的规则会被检查出来。", ""]
    for group, heading in GROUPS.items():
        rows = [(key, item) for g, key, item in entries(version) if g == group]
        if not rows:
            continue
        out += [f"## {heading}", ""]
        if group == "conditions":
            for t in site.types_of(version):
                conds = version.conditions(t)
                out += [f"### {md(site.policy.type_name(t))}", "",
                        f"适用指南：{link(site.policy.type_name(t), uri, type_uri(t))}", "",
                        table(["序号", "依据", "原文", "要求"],
                              [[target(group, c.id), cite(c.provision), md(c.quote),
                                requirement_cell(c, requirements)] for c in conds]), ""]
            continue
        out += [table(["序号", "依据", "原文", "说明"],
                      [[target(group, key), cite(item["provision"]), md(item.get("quote", "")), md(_describe(site, group, item))]
                       for key, item in rows]), ""]
    return "\n".join(out)


def _describe(site: Site, group: str, item: dict) -> str:
    """A plain summary of a non-condition rule from its own fields."""
    if group == "definitions":
        joiner = "全部" if item["mode"] == "all" else "至少一项"
        return f"{item['term']}：须符合下列{joiner}：" + "；".join(c["quote"] for c in item["criteria"])
    if group == "procedures":
        return item["name"] + "：" + " → ".join(f"{s['actor']}{s['action']}" for s in item["steps"])
    if group == "assessment":
        return item["name"] + "：" + "、".join(item["grades"])
    if group == "rewards":
        sym = load_phrases()["comparator"][item["comparator"]]
        return f"{site.policy.type_name(item['type'])} {item['grade']}：{sym} {item['value']}{item['unit']}"
    if group == "obligations":
        return f"{item['subject']}：{item['duty']}"
    if group == "sanctions":
        return f"{item['trigger']} → {item['consequence']}"
    return item.get("rule") or item.get("reason") or ""
