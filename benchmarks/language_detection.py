"""Measures language detection on the held-out sets in tests/language/ and prints the figures.

    PYTHONPATH=. .venv/bin/python -m benchmarks.language_detection

Phrases: how often a short phrase (one to six words) is read as its language, by our reading
(languages/detection.py: lingua restricted to English and Spanish, Han characters for Chinese) and by lingua
alone restricted to all three. Conversations: how often the conversation's language after a turn is the
expected one (languages/choice.py), how many turns a switch takes, and how often it moved when it should not.
"""

import argparse
import time
from collections import Counter
from pathlib import Path

import yaml
from lingua import Language, LanguageDetectorBuilder

from languages.choice import choose
from languages.detection import read

SETS = Path(__file__).resolve().parents[1] / "tests" / "language"
LINGUA_CODES = {Language.ENGLISH: "en", Language.SPANISH: "es", Language.CHINESE: "zh"}


def phrases(path: Path = SETS / "phrases.yml") -> list:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["phrases"]


def conversations(path: Path = SETS / "conversations.yml") -> list:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]


def phrase_accuracy(detect, items: list) -> tuple[float, dict, list]:
    right, per_language, misses = Counter(), Counter(), []
    for item in items:
        per_language[item["language"]] += 1
        if detect(item["text"]) == item["language"]:
            right[item["language"]] += 1
        else:
            misses.append(item["text"])
    total = sum(right.values()) / len(items)
    return total, {language: right[language] / count for language, count in per_language.items()}, misses


def follow(conversation: dict, offered=("en", "es", "zh")) -> list:
    """The language after each turn, as the assistant would carry it."""
    language, said = conversation["start"], []
    for index, turn in enumerate(conversation["turns"]):
        language = choose(language, turn["text"], offered, first_turn=index == 0).language
        said.append(language)
    return said


def conversation_figures(items: list) -> dict:
    turns = right = false_moves = 0
    switch_delays, missed_switches = [], 0
    for conversation in items:
        expected = [turn["expect"] for turn in conversation["turns"]]
        got = follow(conversation)
        turns += len(expected)
        right += sum(e == g for e, g in zip(expected, got))
        previous_expected, previous_got = conversation["start"], conversation["start"]
        for index, (e, g) in enumerate(zip(expected, got)):
            if e == previous_expected and g != previous_got and g != e:
                false_moves += 1
            if e != previous_expected:
                delay = next((k - index for k in range(index, len(got)) if got[k] == e), None)
                if delay is None:
                    missed_switches += 1
                else:
                    switch_delays.append(delay)
            previous_expected, previous_got = e, g
    return {"conversations": len(items), "turns": turns, "turn accuracy": right / turns,
            "switches": len(switch_delays) + missed_switches, "switch delays": Counter(switch_delays),
            "missed switches": missed_switches, "wrong moves": false_moves}


def main() -> None:
    argparse.ArgumentParser(description=__doc__).parse_args()
    items = phrases()
    read("warm up")
    started = time.perf_counter()
    ours, ours_by_language, misses = phrase_accuracy(lambda text: read(text).language, items)
    per_phrase_ms = (time.perf_counter() - started) / len(items) * 1000
    lingua = LanguageDetectorBuilder.from_languages(*LINGUA_CODES).with_preloaded_language_models().build()
    alone, alone_by_language, _ = phrase_accuracy(lambda text: LINGUA_CODES.get(lingua.detect_language_of(text)), items)
    print(f"phrases: {len(items)} ({', '.join(f'{k} {v}' for k, v in sorted(Counter(i['language'] for i in items).items()))})")
    print(f"  our reading      {ours:.1%}  " + "  ".join(f"{k} {v:.1%}" for k, v in sorted(ours_by_language.items()))
          + f"   ({per_phrase_ms:.1f} ms a phrase)")
    print(f"  lingua alone     {alone:.1%}  " + "  ".join(f"{k} {v:.1%}" for k, v in sorted(alone_by_language.items())))
    print(f"  misses: {misses}")
    figures = conversation_figures(conversations())
    delays = ", ".join(f"{turns} turn(s) later: {count}" if turns else f"same turn: {count}"
                       for turns, count in sorted(figures["switch delays"].items()))
    print(f"conversations: {figures['conversations']} ({figures['turns']} turns)")
    print(f"  language right after {figures['turn accuracy']:.1%} of turns")
    print(f"  switches: {figures['switches']} — {delays}; never: {figures['missed switches']}")
    print(f"  moved when it should have stayed: {figures['wrong moves']}")


if __name__ == "__main__":
    main()
