"""Issue 16: a page nested 255 levels deep or more keeps its text (lxml's parser stops 255 levels down)."""
from __future__ import annotations

import pytest

from kg.ingest.html import extract_page
from kg.ingest.html_nesting import flatten_nesting, nesting_depth

PARAS = ("<p>Pasangan nomor urut 2, Ardiansyah Sulaiman-Mahyunadi, diusung Partai Golkar dan PKS dalam Pilkada "
         "Kutai Timur 2024. Kami siap melayani warga &amp; daerah, kata Ardiansyah di Sangatta pada Senin.</p>") * 4


def page(depth: int, tag: str = "div", closed: bool = True) -> str:
    return ("<!DOCTYPE html><html lang=\"id\"><head><title>Pilkada Kutim</title></head><body>" + f"<{tag}>" * depth
            + PARAS + (f"</{tag}>" * depth if closed else "") + "</body></html>")


@pytest.mark.parametrize("depth", [255, 256, 300, 1000, 5000])
def test_a_page_nested_deeper_than_the_parser_goes_keeps_its_text(depth):
    shallow = extract_page(page(200), "shallow.html")
    deep = extract_page(page(depth), f"deep{depth}.html")
    assert deep.text == shallow.text and "Ardiansyah Sulaiman-Mahyunadi" in deep.text and "warga & daerah" in deep.text
    assert deep.title == shallow.title == "Pilkada Kutim" and deep.language == "id"


@pytest.mark.parametrize("tag, closed", [("div", False), ("span", True), ("b", True), ("section", False)])
def test_deep_nesting_of_any_tag_closed_or_not_keeps_the_text(tag, closed):
    assert "Ardiansyah Sulaiman-Mahyunadi" in extract_page(page(600, tag, closed), "deep.html").text


def test_flattening_keeps_text_entities_and_the_innermost_tags_and_caps_the_depth():
    html = page(1000)
    flat = flatten_nesting(html)
    assert flat is not None and nesting_depth(flat) <= 200 < nesting_depth(html)
    assert flat.count("<p>") == 4 and "&amp;" in flat and "<title>Pilkada Kutim</title>" in flat
    assert flat.replace("<div>", "").replace("</div>", "") == html.replace("<div>", "").replace("</div>", "")


def test_a_page_of_ordinary_depth_is_not_rewritten():
    assert flatten_nesting(page(150)) is None
