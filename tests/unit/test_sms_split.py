"""Long replies become several texts cut where a reader would pause: paragraphs, lines, sentences, clauses, words;
never inside a word, never an empty text, each within the segment budget, in order, with nothing lost."""

import re

import pytest

from connectors.sms_split import MAX_SEGMENTS, segments, split_reply
from playbooks import PlaybookRegistry
from playbooks.facts import menu_text
from tests.unit.conftest import PLAYBOOKS


def words(text):
    return text.split()


def assert_well_cut(parts, text, max_segments=MAX_SEGMENTS):
    assert parts and all(part and part == part.strip() for part in parts)
    assert all(segments(part) <= max_segments for part in parts)
    assert words(" ".join(parts)) == words(text)


@pytest.mark.parametrize("text, expected", [
    ("a" * 160, 1), ("a" * 161, 2), ("a" * 306, 2), ("a" * 307, 3), ("a" * 612, 4), ("a" * 613, 5),
    ("€" * 80, 1), ("€" * 81, 2), ("{}" * 40, 1),  # the extension set costs two septets
    ("é" * 160, 1),  # in the GSM-7 basic set
    ("—" * 70, 1), ("—" * 71, 2), ("a" * 134 + "—", 3),  # one character outside GSM-7 makes it all UCS-2
    ("面" * 268, 4), ("面" * 269, 5), ("🍕" * 35, 1), ("🍕" * 36, 2),  # an emoji is two UCS-2 units
])
def test_segments_follow_the_gsm7_and_ucs2_sizes(text, expected):
    assert segments(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n", None])
def test_blank_text_gives_no_texts(text):
    assert split_reply(text) == []


def test_a_reply_that_fits_goes_as_it_is():
    text = "Here's what we have: pad thai, green curry and mango sticky rice."
    assert split_reply(f"  {text}\n") == [text]


def test_paragraphs_are_kept_whole_and_packed_in_order():
    paragraphs = [f"Paragraph {n}: " + "word " * 20 + "end." for n in range(1, 6)]
    text = "\n\n".join(paragraphs)
    parts = split_reply(text, max_segments=2)
    assert_well_cut(parts, text, 2)
    assert parts == ["\n\n".join(paragraphs[0:2]), "\n\n".join(paragraphs[2:4]), paragraphs[4]]


def test_a_paragraph_too_long_is_cut_between_its_lines():
    lines = [f"{n}. " + "pepperoni pizza " * 5 for n in range(1, 5)]
    text = "Your order:\n" + "\n".join(line.strip() for line in lines) + "\n\nReply YES to confirm."
    parts = split_reply(text, max_segments=1)
    assert_well_cut(parts, text, 1)
    assert all(re.match(r"^(Your order:|\d\. pepperoni|Reply YES)", part) for part in parts)
    assert parts[-1] == "Reply YES to confirm."


def test_a_line_too_long_is_cut_after_sentences():
    sentences = [f"Sentence number {n} says a little more about the order." for n in range(1, 8)]
    text = " ".join(sentences)
    parts = split_reply(text, max_segments=1)
    assert_well_cut(parts, text, 1)
    assert all(part.endswith(".") and part.startswith("Sentence") for part in parts)
    assert parts == [" ".join(sentences[0:2]), " ".join(sentences[2:4]), " ".join(sentences[4:6]), sentences[6]]


def test_a_long_list_is_cut_after_a_semicolon_then_a_comma():
    menu = "Here's what we have: " + "; ".join(f"Group {n}: " + ", ".join(f"item {n}{i}" for i in range(6)) for n in range(8))
    parts = split_reply(menu, max_segments=1)
    assert_well_cut(parts, menu, 1)
    assert all(part.endswith(";") for part in parts[:-1])


def test_a_sentence_without_punctuation_is_cut_between_words_never_inside_one():
    text = " ".join(["supercalifragilistic", "pepperoni", "mozzarella", "anchovies"] * 20)
    parts = split_reply(text, max_segments=1)
    assert_well_cut(parts, text, 1)
    assert set(word for part in parts for word in part.split()) == set(text.split())


def test_only_a_word_longer_than_a_whole_text_is_cut_inside():
    link = "https://example.test/" + "x" * 300
    parts = split_reply(f"Pay here: {link}", max_segments=1)
    assert all(segments(part) <= 1 for part in parts) and "".join(parts) == f"Pay here:{link}"
    assert parts[0] == "Pay here:"


def test_chinese_is_cut_after_its_sentence_marks():
    sentences = ["您好，欢迎光临幸运面馆。", "今天有炒河粉、泰式炒面和绿咖喱！", "请问您想自取还是外卖？"] * 8
    text = "".join(sentences)
    parts = split_reply(text, max_segments=1)
    assert "".join(parts) == text
    assert all(segments(part) == 1 and part and part[-1] in "。！？" for part in parts)
    assert len(parts) == 5


def test_a_chinese_sentence_too_long_for_one_text_is_cut_between_characters():
    text = "我们的菜单有" + "、".join(["炒河粉", "泰式炒面", "绿咖喱", "冬阴功汤"] * 40) + "。"
    parts = split_reply(text, max_segments=1)
    assert "".join(parts) == text and all(segments(part) == 1 for part in parts)
    assert all(part[-1] in "、。" for part in parts), "the 、 between dishes is the cut before single characters"
    no_marks = "面" * 150
    assert split_reply(no_marks, max_segments=1) == ["面" * 70, "面" * 70, "面" * 10]


def test_the_longest_demo_menu_comes_as_two_texts_in_order():
    hardware = PlaybookRegistry(PLAYBOOKS).by_id("corner-hardware")
    reply = f"Here's what we have — {menu_text(hardware.catalog)}."
    parts = split_reply(reply)
    assert_well_cut(parts, reply)
    assert len(parts) == 2 and parts[0].startswith("Here's what we have") and parts[1].endswith("WD-40.")
    assert parts[0].endswith(";")
