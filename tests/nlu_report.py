"""Evaluates the model on the held-out NLU split, overall, per language and per trade, and fails below the floors.

It runs the evaluation `rasa test nlu` runs (rasa.nlu.test.run_evaluation) on the whole held-out folder,
on each language's folder (en, es, zh) and on each file in them (one file per trade, plus the shared small
talk, returning-customer and language-request phrases), loading the model once. The floors catch a data
change that breaks understanding; the README reports the measured figures.
"""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Dict, Optional, Tuple

INTENT_F1_FLOOR = 0.80
ENTITY_F1_FLOOR = 0.70
TRADE_INTENT_F1_FLOOR = 0.75
# A file with fewer held-out phrases than this is reported but too small to judge alone.
TRADE_MIN_SUPPORT = 10

Scores = Tuple[Dict[str, float], Optional[Dict[str, float]]]


async def _evaluate(processor, data: Path, out: Path) -> Scores:
    from rasa.nlu.test import run_evaluation

    await run_evaluation(str(data), processor, output_directory=str(out), disable_plotting=True, domain_path="domain")
    intents = json.loads((out / "intent_report.json").read_text())["weighted avg"]
    entity_report = out / "DIETClassifier_report.json"
    entities = json.loads(entity_report.read_text())["weighted avg"] if entity_report.exists() else None
    return intents, entities


def _below(scores: Scores) -> bool:
    intents, entities = scores
    return intents["f1-score"] < INTENT_F1_FLOOR or (entities is not None and entities["f1-score"] < ENTITY_F1_FLOOR)


def _line(label: str, scores: Scores) -> str:
    intents, entities = scores
    entity_text = f"{entities['f1-score']:.3f}  (n={entities['support']})" if entities else "—"
    return f"{label:<16} intent F1 {intents['f1-score']:.3f}  (n={intents['support']:>3})   entity F1 {entity_text}"


async def _report(model: str, held_out: Path, out: Path) -> int:
    from rasa.core.agent import Agent

    processor = Agent.load(model_path=model).processor
    overall = await _evaluate(processor, held_out, out / "all")
    languages = sorted(path for path in held_out.iterdir() if path.is_dir())
    per_language = {path.name: await _evaluate(processor, path, out / path.name) for path in languages}
    per_file = {
        f"{path.parent.name}/{path.stem}": await _evaluate(processor, path, out / path.parent.name / path.stem)
        for language in languages for path in sorted(language.glob("*.yml"))
    }
    print(_line("all held-out", overall))
    for name, scores in per_language.items():
        print(_line(f"{name} (all)", scores))
    for name, scores in per_file.items():
        print(_line(name, scores))
    failed = any(_below(scores) for scores in [overall, *per_language.values()])
    weak = [name for name, (intents, _) in per_file.items()
            if intents["support"] >= TRADE_MIN_SUPPORT and intents["f1-score"] < TRADE_INTENT_F1_FLOOR]
    if failed or weak:
        print(f"below the floor (intent F1 {INTENT_F1_FLOOR}, entity F1 {ENTITY_F1_FLOOR} overall and per language, "
              f"per file intent F1 {TRADE_INTENT_F1_FLOOR}): {', '.join(weak) or 'overall or a language'}")
    return 1 if failed or weak else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--nlu", required=True, help="the held-out folder: one folder per language, one file per trade")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    return asyncio.run(_report(args.model, Path(args.nlu), Path(args.out)))


if __name__ == "__main__":
    sys.exit(main())
