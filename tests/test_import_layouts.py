"""Importer rules found by the blind texts, each checked on its own words (written for this test):
an article title that opens like a sentence, a web page's tool bars and related-links boxes, years
written digit by digit."""
import pytest

from generator.importer.readers.web import read_html
from generator.importer.structure import parse_text
from generator.numerals import from_digits, to_digits

TITLED = """某市众创空间管理办法
第一条 目的 为规范众创空间管理，制定本办法。
第二条 在孵团队条件 在孵团队应当同时符合下列条件：
（一）成立不满2年；
（二）团队成员不少于3人。
第三条 施行日期 本办法自2026年1月1日起施行。
"""
UNTITLED = """某市众创空间管理办法
第一条 为规范众创空间管理，制定本办法。
第二条 在本市 注册的众创空间，可以申请备案。
第三条 本办法自2026年1月1日起施行。
"""


def _articles(text: str) -> list[dict]:
    return parse_text(text)["articles"]


def test_a_title_may_open_like_a_sentence_when_the_articles_have_titles():
    second = _articles(TITLED)[1]
    assert second["heading"] == "在孵团队条件"
    assert second["paragraphs"][0]["text"] == "在孵团队应当同时符合下列条件："


def test_a_sentence_with_a_stray_space_stays_a_sentence_in_an_untitled_text():
    second = _articles(UNTITLED)[1]
    assert "heading" not in second and second["paragraphs"][0]["text"] == "在本市注册的众创空间，可以申请备案。"


PAGE = """<html><head><meta charset="utf-8"></head><body><div class="main">
<ul class="xxgk"><li>信息来源：某区科技局</li><li>发布日期：2026-01-05</li></ul>
<h1>某区众创空间扶持办法</h1>
<div class="meta"><span>来源：区科技局</span> <span>发布时间：2026-01-05</span> <span>浏览次数：{views}</span></div>
<div class="meta2">字号：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a></div>
<div class="content">
<p>一、对新备案的众创空间给予一次性奖励10万元。</p>
<p>二、本办法来源于区政府常务会议决定，自发布之日起施行。</p>
</div>
<div class="bar"><a href="javascript:print()">【打印】</a><a href="javascript:close()">【关闭】</a></div>
<div class="box"><h3>相关链接</h3><ul><li><a href="/a.html">某区众创空间名单</a></li><li><a href="/b.html">政策解读</a></li></ul></div>
<div class="box2"><h3>相关文件</h3><p>本办法的配套文件另行印发，请关注本网站。</p></div>
</div></body></html>"""


@pytest.mark.parametrize("views", ["1024", ""])
def test_web_page_tools_and_related_links_are_dropped(views):
    reading = read_html(PAGE.format(views=views).encode("utf-8"))
    lines = reading.text.splitlines()
    assert lines[:2] == ["信息来源：某区科技局", "发布日期：2026-01-05"]  # publication fields, not page tools
    lines = lines[2:]
    assert lines[:3] == ["某区众创空间扶持办法", "一、对新备案的众创空间给予一次性奖励10万元。", "二、本办法来源于区政府常务会议决定，自发布之日起施行。"]
    assert not any(w in reading.text for w in ("浏览次数", "字号", "打印", "关闭", "相关链接", "名单"))
    # a related box with words of its own is kept: only a heading over bare links is furniture
    assert "相关文件" in lines and "本办法的配套文件另行印发，请关注本网站。" in lines
    assert reading.records == ({"kind": "navigation", "count": 4},)


@pytest.mark.parametrize("written, year", [("二〇二五", 2025), ("二零二五", 2025), ("一九九〇", 1990)])
def test_years_written_digit_by_digit(written, year):
    assert from_digits(written) == year and to_digits(year) == written.replace("零", "〇")


@pytest.mark.parametrize("bad", ["", "二〇二十", "2025", "二〇二五年"])
def test_not_digit_by_digit(bad):
    with pytest.raises(ValueError):
        from_digits(bad)
