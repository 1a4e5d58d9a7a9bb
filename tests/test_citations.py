"""Provision ids and Chinese citations: emitted and parsed by generator/citations.py, and the
same as the provision tree of both texts gives."""
from __future__ import annotations

import pytest

from generator.citations import Ref, parse_citation, parse_id

CASES = [  # (ref, citation, id)
    (Ref(article=7), "第七条", "art_7"),
    (Ref(article=7, point=3), "第七条第三项", "art_7__point_3"),
    (Ref(article=21, paragraph=2), "第二十一条第二款", "art_21__para_2"),
    (Ref(article=21, paragraph=2, point=1), "第二十一条第二款第一项", "art_21__para_2__point_1"),
    (Ref(article=110), "第一百一十条", "art_110"),
    (Ref(chapter=3), "第三章", "chp_3"),
    (Ref(part=3), "三、", "part_3"),
    (Ref(part=3, item=4), "三、4", "part_3__item_4"),
    (Ref(part=4, paragraph=1), "四、导语", "part_4__para_1"),
    (Ref(part=4, paragraph=2), "四、导语第二段", "part_4__para_2"),
]


@pytest.mark.parametrize("ref, citation, pid", CASES)
def test_emit_and_parse(ref, citation, pid):
    assert ref.citation == citation and ref.id == pid
    assert parse_citation(citation) == ref and parse_id(pid) == ref


def test_an_article_with_one_paragraph_cites_its_items_directly():
    ref = Ref(article=5, paragraph=1, point=2, several_paragraphs=False)
    assert ref.citation == "第五条第二项" and ref.id == "art_5__point_2"


@pytest.mark.parametrize("text", ["", "第条", "第七", "七条", "第七条第三", "三、导语第段", "第7条", "本办法"])
def test_not_a_citation(text):
    with pytest.raises(ValueError):
        parse_citation(text)


@pytest.mark.parametrize("pid", ["", "art", "art_x", "art_7__art_8", "sec_1", "art_7__point_"])
def test_not_an_id(pid):
    with pytest.raises(ValueError):
        parse_id(pid)


def test_every_provision_of_both_texts_round_trips(policy):
    """The tree's citations and default ids are exactly what the module emits for their numbers."""
    seen = 0
    for v in policy.current_versions():
        for p in v.walk():
            if p.kind == "preamble":
                continue
            ref = parse_citation(p.citation)
            assert ref.citation == p.citation
            only_paragraph = p.kind == "paragraph" and p.parent.kind == "article" and len(p.parent.children) == 1
            if not only_paragraph:  # art_5__para_1 of a one-paragraph article is cited 第五条
                assert parse_id(p.id).citation == p.citation, p.id
            seen += 1
    assert seen > 100
