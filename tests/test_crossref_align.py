"""Clause alignment and threshold comparison: the accelerator conditions of the two documents,
and a shuffled, reworded copy of the national guideline."""
import copy
import random

import pytest

from generator.crossref.align import align, units_of
from generator.crossref.analysis import analyse
from generator.crossref.compare import compare, verdict
from generator.crossref.quantities import UnitTable, find_quantities
from generator.model import Version, make_version

REWORDING = [("不少于", "不低于"), ("中小企业", "中小型企业"), ("近2年", "最近两年"), ("增值服务", "增值性服务"),
             ("提供", "给予"), ("服务企业", "服务对象企业"), ("积极", "主动"), ("促进", "推动"), ("打造", "建设")]
ADDED = "建立数据安全管理制度，定期开展网络安全培训和应急演练，保障入驻企业的信息安全。"
DROPPED = "part_4__item_3"
MOVED = ("part_3__item_5", "part_2")  # moved into another part
PARAPHRASED = {  # rewritten sentences, same requirements
    "part_3__item_1": "聚焦新兴产业与未来产业，集聚并服务一批初创项目以及科技型、创新型企业，初步形成产业集聚，"
                      "最近两年服务细分领域创业项目和中小型企业达到30家以上。",
    "part_3__item_3": "自有投资资金或者合作设立的孵化加速基金规模在3000万元以上，最近两年每年投资案例3个以上，每笔投资100万元以上。",
}


def version_from(base: Version, text: dict) -> Version:
    return make_version(base.doc_id, "shuffled", base.directory, base.meta, text, base.raw_rules)


def reword(s: str) -> str:
    for old, new in REWORDING:
        s = s.replace(old, new)
    return s


@pytest.fixture(scope="module")
def national(policy):
    return policy.version("national-accelerator-guideline")


@pytest.fixture(scope="module")
def shuffled(national):
    """Parts reversed, items shuffled, every sentence reworded and two rewritten, one item moved to
    another part, one dropped and one added."""
    text = copy.deepcopy(national.text)
    rng = random.Random(7)
    for part in text["parts"]:
        for it in part.get("items", []):
            it.setdefault("id", f"{part['id']}__item_{it['num']}")
    parts = {part["id"]: part for part in text["parts"]}
    moved = next(it for it in parts["part_3"]["items"] if it["id"] == MOVED[0])
    parts["part_3"]["items"].remove(moved)
    parts[MOVED[1]]["items"].append(moved)
    text["parts"].reverse()
    for n, part in enumerate(text["parts"], start=1):
        part["num"] = n
        items = [it for it in part.get("items", []) if it["id"] != DROPPED]
        for it in items:
            it["text"] = PARAPHRASED.get(it["id"]) or reword(it["text"])
        rng.shuffle(items)
        for k, it in enumerate(items, start=1):
            it["num"] = k
        part["items"] = items
        for k, para in enumerate(part.get("paragraphs", []), start=1):
            para.setdefault("id", f"{part['id']}__para_{k}")
            para["text"] = reword(para["text"])
    text["parts"][0]["items"].append({"num": len(text["parts"][0]["items"]) + 1, "id": "new_item", "text": ADDED})
    return version_from(national, text)


def pairs_by_key(pairs):
    return {(p.a.key if p.a else None): (p.b.key if p.b else None) for p in pairs if p.a}


def test_accelerator_conditions_align_and_compare(policy, national):
    tianjin = policy.version("tianjin-measures")
    pairs = align(units_of(tianjin), units_of(national))
    by_a = pairs_by_key(pairs)
    for k in (1, 2, 3, 4):
        assert by_a[f"art_7__point_{k}"] == f"part_3__item_{k}"
    lone = next(p for p in pairs if p.b and p.b.key == "part_3__item_5")
    assert lone.a is None and lone.nearest.key == "art_6__point_7"  # similar words, but an incubator condition
    rows = compare(pairs, analyse(policy, tianjin).quantities_by_node(), analyse(policy, national).quantities_by_node())
    table = [(r.a.text if r.a else None, r.b.text if r.b else None, r.verdict) for r in rows if (r.pair.a and r.pair.b) or not r.a]
    assert table == [
        ("不少于15家", "不少于30家", "looser"),
        ("不低于1000万元", "不低于3000万元", "looser"),
        ("不少于1个", "不少于3个", "looser"),
        ("不低于30万元", "不低于100万元", "looser"),
        ("至少两项", "至少两项", "same"),
        ("不低于30％", "不低于30%", "same"),
        (None, "不低于30%", "only-in-one"),
    ]


def test_shuffled_reworded_copy_aligns_back(national, shuffled):
    pairs = align(units_of(national), units_of(shuffled))
    by_a = pairs_by_key(pairs)
    for unit in units_of(national):
        expected = None if unit.key == DROPPED else unit.key
        assert by_a[unit.key] == expected, unit.citation
    added = [p for p in pairs if p.b and p.b.key == "new_item"]
    assert len(added) == 1 and added[0].a is None
    assert len(pairs) == len(units_of(national)) + 1


def test_tianjin_against_the_shuffled_copy(policy, shuffled):
    tianjin = policy.version("tianjin-measures")
    pairs = align(units_of(tianjin), units_of(shuffled))
    by_a = pairs_by_key(pairs)
    assert [by_a[f"art_7__point_{k}"] for k in (1, 2, 3, 4)] == [f"part_3__item_{k}" for k in (1, 2, 3, 4)]
    assert "part_3__item_5" not in by_a.values()
    rows = compare(pairs, analyse(policy, tianjin).quantities_by_node(), analyse(policy, shuffled).quantities_by_node())
    verdicts = [(r.a.text, r.b.text, r.verdict) for r in rows if r.pair.a and r.pair.b]
    assert verdicts == [
        ("不少于15家", "达到30家以上", "looser"),
        ("不低于1000万元", "3000万元以上", "looser"),
        ("不少于1个", "3个以上", "looser"),
        ("不低于30万元", "100万元以上", "looser"),
        ("至少两项", "至少两项", "same"),
        ("不低于30％", "不低于30%", "same"),
    ]


def test_nothing_is_forced(national):
    assert [(p.a, p.b) for p in align([], units_of(national))][:1] == [(None, units_of(national)[0])]
    assert align(units_of(national), []) and all(p.b is None for p in align(units_of(national), []))


@pytest.fixture(scope="module")
def q(policy):
    table = UnitTable.from_vocabulary(policy.vocabulary)
    return lambda text: find_quantities(text, table)[0]


@pytest.mark.parametrize("a, b, expected", [
    ("不少于30家", "不少于15家", "stricter"),
    ("不超过2年", "不超过3年", "stricter"),
    ("不超过3年", "不超过2年", "looser"),
    ("超过500万元", "不低于500万元", "stricter"),
    ("每10家至少配备1名", "每15家至少配备1名", "stricter"),
    ("每10家至少配备1名", "每10个至少配备1名", "different"),
    ("不超过2年", "不少于2年", "different"),
    ("不低于30％", "不低于30%", "same"),
])
def test_verdicts(q, a, b, expected):
    assert verdict(q(a), q(b)) == expected
