"""Han script: where it runs, how jieba splits it, whether it reads as a sentence or just a name, and the
simplified form of traditional characters (Hong Kong and Taiwan callers, older phones)."""

import logging
from typing import List, Tuple

import jieba
import opencc
import regex

HAN = regex.compile(r"\p{Han}")
HAN_RUN = regex.compile(r"\p{Han}+")
# Pronouns, particles and verbs a sentence has and a dish or a person's name almost never does ("好的", the
# Chinese "ok", is no sentence, so 的 is not among them).
GRAMMAR = regex.compile(r"[我你您他她它们要想是有了吗呢吧个在能会请给帮没不这那哪几么啊呀嘛]")
jieba.setLogLevel(logging.WARNING)


def han_words(text: str) -> List[Tuple[str, int]]:
    """Each jieba word of every Han run, with its offset in the text."""
    words = []
    for run in HAN_RUN.finditer(text):
        words.extend((word, run.start() + start) for word, start, _ in jieba.tokenize(run.group()))
    return words


def reads_as_sentence(text: str) -> bool:
    """"我要一个 large pizza" is Chinese speech; "宫保鸡丁", "王芳" or "好的" alone say little."""
    characters = len(HAN.findall(text))
    return characters >= 3 and (bool(GRAMMAR.search(text)) or len(han_words(text)) >= 4)


_TO_SIMPLIFIED = opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """The text with traditional characters as simplified ones ("請幫我接櫃台" reads "请帮我接柜台"), so readers
    written in simplified characters hear both; text without Han characters comes back as it was."""
    return _TO_SIMPLIFIED.convert(text) if HAN.search(text) else text
