"""Evaluates the model on the held-out NLU split, overall and per trade, and fails below the floors.

It runs the evaluation `rasa test nlu` runs (rasa.nlu.test.run_evaluation) once on the whole held-out
folder and once per file in it (one file per trade, plus the shared small talk and returning-customer
phrases), loading the model once. The floors catch a data change that breaks understanding; the README
reports the measured figures.
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

Scores = Tuple[Dict[str, float], Optional[Dict[str, float]]]


async def _evaluate(processor, data: Path, out: Path) -> Scores:
    from rasa.nlu.test import run_evaluation

    await run_evaluation(str(data), processor, output_directory=str(out), disable_plotting=True, domain_path="domain")
    intents = json.loads((out / "intent_report.json").read_text())["weighted avg"]
    entity_report = out / "DIETClassifier_report.json"
    entities = json.loads(entity_report.read_text())["weighted avg"] if entity_report.exists() else None
    return intents, entities


def _line(label: str, scores: Scores) -> str:
    intents, entities = scores
    entity_text = f"{entities['f1-score']:.3f}  (n={entities['support']})" if entities else "—"
    return f"{label:<16} intent F1 {intents['f1-score']:.3f}  (n={intents['support']:>3})   entity F1 {entity_text}"


async def _report(model: str, held_out: Path, out: Path) -> int:
    from rasa.core.agent import Agent

    processor = Agent.load(model_path=model).processor
    overall = await _evaluate(processor, held_out, out / "all")
    per_file = {path.stem: await _evaluate(processor, path, out / path.stem) for path in sorted(held_out.rglob("*.yml"))}
    print(_line("all held-out", overall))
    for name, scores in per_file.items():
        print(_line(name, scores))
    intents, entities = overall
    failed = intents["f1-score"] < INTENT_F1_FLOOR or (entities is not None and entities["f1-score"] < ENTITY_F1_FLOOR)
    weak = [name for name, (trade_intents, _) in per_file.items() if trade_intents["f1-score"] < TRADE_INTENT_F1_FLOOR]
    if failed or weak:
        print(f"below the floor (intent F1 {INTENT_F1_FLOOR}, entity F1 {ENTITY_F1_FLOOR}, per file intent F1 "
              f"{TRADE_INTENT_F1_FLOOR}): {', '.join(weak) or 'overall'}")
    return 1 if failed or weak else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--nlu", required=True, help="the held-out folder, one file per trade")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    return asyncio.run(_report(args.model, Path(args.nlu), Path(args.out)))


if __name__ == "__main__":
    sys.exit(main())
