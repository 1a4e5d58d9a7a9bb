"""A synthetic corpus for the cross-reference pass at scale, made from the two documents of policy/.

Each synthetic document is a local adoption of one of the two texts (alternately): its thresholds
perturbed, some provisions reordered (and renumbered, so their citations change), some reworded,
some dropped, and provisions added (taken from the other text, or a generated duty clause). Every
provision keeps the id of the one it came from, so an alignment against the source can be scored;
an added provision gets a fresh id.

    corpus = synthetic_policy(load_policy(), n=100, seed=0)   # the real documents + n synthetic ones
"""
from __future__ import annotations

import copy
import random
import re
from pathlib import Path

from generator.model import Document, Policy, Version, make_version

# Numbers a threshold is made of: not years (4 digits before 年), dates or document numbers (〔…〕N号).
THRESHOLD_NUMBER = re.compile(r"(?<![\d.〔])(\d{1,4})(?=(?:家|个|名|万元|平方米|%|％|场次|项|人|年以上))")
FACTORS = (0.5, 0.8, 1.2, 1.5, 2.0)
SYNONYMS = (("应当", "应"), ("具备", "具有"), ("开展", "组织开展"), ("不低于", "不少于"),
            ("市科技局", "市科学技术主管部门"), ("相关", "有关"), ("进行", "开展"), ("服务", "服务工作"))
ADDED_DUTIES = ("孵化机构应当建立健全财务管理制度，按规定报送年度运行数据。",
                "孵化机构应当每年组织不少于{n}场次的政策宣讲活动，并向入驻企业公开服务清单。",
                "区科技主管部门应当对辖区内孵化机构开展年度检查，检查结果向社会公开。",
                "孵化机构应配备不少于{n}名专职安全管理人员，落实安全生产责任。")
P_REORDER, P_DROP, P_ADD, P_REWORD, P_NUMBER = 0.15, 0.08, 0.08, 0.3, 0.5


def synthetic_policy(policy: Policy, n: int, seed: int = 0) -> Policy:
    """policy plus n synthetic documents (ids sim-0001 …), each a local document."""
    rng = random.Random(seed)
    bases = sorted(policy.current_versions(), key=lambda v: v.doc_id)
    donors = [[node.own_text for node in v.walk() if node.text] for v in bases]
    documents = dict(policy.documents)
    for i in range(1, n + 1):
        k = (i - 1) % len(bases)
        version = synthetic_version(bases[k], f"sim-{i:04d}", rng, donors[(k + 1) % len(bases)])
        documents[version.doc_id] = Document(version.doc_id, current=version.version, versions={version.version: version})
    return Policy(policy.directory, policy.vocabulary, documents, policy.project)


def synthetic_version(base: Version, doc_id: str, rng: random.Random, donor_texts: list[str]) -> Version:
    text = copy.deepcopy(base.text)
    _pin_ids(text, base)
    counter = iter(range(1, 10**6))
    mutate = lambda d: _mutate_text(d, rng)  # noqa: E731
    new_item = lambda: {"id": f"added_{next(counter)}", "text": _added_text(rng, donor_texts)}  # noqa: E731
    if "chapters" in text:
        for chapter in text["chapters"]:
            chapter["articles"] = _shuffle_drop_add(chapter["articles"], rng, lambda: {
                "id": f"added_{next(counter)}", "paragraphs": [{"id": f"added_{next(counter)}", "text": _added_text(rng, donor_texts)}]})
            for article in chapter["articles"]:
                for para in article["paragraphs"]:
                    if para.get("items"):
                        para["items"] = _shuffle_drop_add(para["items"], rng, new_item)
        _renumber([a for c in text["chapters"] for a in c["articles"]])
        for chapter in text["chapters"]:
            for article in chapter["articles"]:
                for para in article["paragraphs"]:
                    _renumber(para.get("items", []))
                    mutate(para)
                    for item in para.get("items", []):
                        mutate(item)
    else:
        for part in text["parts"]:
            part["items"] = _shuffle_drop_add(part.get("items", []), rng, new_item)
            _renumber(part["items"])
            for node in (*part.get("paragraphs", []), *part["items"]):
                mutate(node)
        for para in text.get("preamble", []):
            mutate(para)
    meta = {**base.meta, "title": f"{base.title}（模拟{doc_id[4:]}）", "jurisdiction": doc_id, "document_number": None,
            "source_document": base.doc_id}
    return make_version(doc_id, base.version, Path(base.directory), meta, text, {}, is_current=True)


def _pin_ids(text: dict, base: Version) -> None:
    """Write every provision's id into the text, so it survives reordering and renumbering."""
    for node in base.walk():
        data = text
        for key in node.yaml_path:
            data = data[key]
        data["id"] = node.id


def _shuffle_drop_add(nodes: list, rng: random.Random, make) -> list:
    out = [n for n in nodes if rng.random() >= P_DROP] or nodes[:1]
    for i in range(len(out) - 1):
        if rng.random() < P_REORDER:
            out[i], out[i + 1] = out[i + 1], out[i]
    for i in reversed(range(len(out) + 1)):
        if rng.random() < P_ADD:
            out.insert(i, make())
    return out


def _renumber(nodes: list) -> None:
    for num, node in enumerate(nodes, start=1):
        node["num"] = num


def _mutate_text(node: dict, rng: random.Random) -> None:
    if not node.get("text"):
        return
    text = THRESHOLD_NUMBER.sub(lambda m: _perturb(m.group(1), rng), node["text"])
    if rng.random() < P_REWORD:
        text = _reword(text, rng)
    node["text"] = text


def _perturb(number: str, rng: random.Random) -> str:
    if rng.random() >= P_NUMBER:
        return number
    return str(max(1, round(int(number) * rng.choice(FACTORS))))


def _reword(text: str, rng: random.Random) -> str:
    old, new = rng.choice(SYNONYMS)
    text = text.replace(old, new, 1)
    clauses = text.split("，")
    if len(clauses) > 3 and rng.random() < 0.5:
        del clauses[rng.randrange(1, len(clauses) - 1)]
    elif text.endswith("。") and rng.random() < 0.5:
        clauses[-1] = clauses[-1][:-1] + "，并按规定报送有关材料。"
    return "，".join(clauses)


def _added_text(rng: random.Random, donor_texts: list[str]) -> str:
    if donor_texts and rng.random() < 0.5:
        return rng.choice(donor_texts)
    return rng.choice(ADDED_DUTIES).format(n=rng.randint(2, 12))
