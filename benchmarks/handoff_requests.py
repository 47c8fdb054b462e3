"""Measures how well asking for a person is heard, per language, and prints the figures.

    PYTHONPATH=. .venv/bin/python -m benchmarks.handoff_requests [--model models/assistant.tar.gz]

On the held-out set (tests/handoff/person_requests_heldout.yml, which no pattern was tuned on) and on the
regression set (person_requests.yml; only its misses are listed): how many requests are heard and how many
near-misses are taken for one, by the phrase reader alone (handoff/asking.py) and, with --model, by the whole NLU
pipeline (DIET, the fallback, then the reader; a message it cannot place that mentions a person also goes to
one), which is what the dialogue acts on.
"""

import argparse
import asyncio
import logging
from pathlib import Path
from typing import Callable, Dict, List

import structlog
import yaml

from handoff.asking import asks_for_person, mentions_person

SETS = Path(__file__).resolve().parents[1] / "tests" / "handoff"
LANGUAGES = ("en", "es", "zh")
# Its misses are never printed: reading them would turn it into one more set to tune on.
HELD_OUT = "person_requests_heldout.yml"


def load(name: str) -> Dict[str, Dict[str, List[str]]]:
    return yaml.safe_load((SETS / name).read_text(encoding="utf-8"))


def _figures(phrasings: Dict[str, Dict[str, List[str]]], heard: Callable[[str], bool], show_misses: bool) -> List[str]:
    lines = []
    for language in LANGUAGES:
        asks, near = phrasings["asks"][language], phrasings["not_asks"][language]
        caught = sum(heard(text) for text in asks)
        wrong = sum(heard(text) for text in near)
        lines.append(f"  {language}: requests heard {caught}/{len(asks)} ({100 * caught / len(asks):.1f} %), "
                     f"near-misses taken for one {wrong}/{len(near)}")
    if not show_misses:
        return lines
    missed = [text for language in LANGUAGES for text in phrasings["asks"][language] if not heard(text)]
    wrongly = [text for language in LANGUAGES for text in phrasings["not_asks"][language] if heard(text)]
    lines += [f"    missed: {text}" for text in missed] + [f"    taken wrongly: {text}" for text in wrongly]
    return lines


def _model_reader(model: str) -> Callable[[str], bool]:
    from rasa.core.agent import Agent

    # Rasa's structured debug log would print every held-out phrase with its reading.
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))

    agent = Agent.load(model_path=model)
    loop = asyncio.new_event_loop()

    def heard(text: str) -> bool:
        intent = loop.run_until_complete(agent.parse_message(text))["intent"]["name"]
        return intent == "request_human" or (intent == "nlu_fallback" and mentions_person(text))

    return heard


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="also measure the trained NLU pipeline")
    args = parser.parse_args()
    readers = {"phrase reader alone": asks_for_person}
    if args.model:
        readers["whole NLU pipeline"] = _model_reader(args.model)
    for name in (HELD_OUT, "person_requests.yml"):
        for label, heard in readers.items():
            print(f"{name}, {label}:")
            print("\n".join(_figures(load(name), heard, show_misses=name != HELD_OUT)))


if __name__ == "__main__":
    main()
