"""Evaluates the model on the held-out NLU split, overall, per language and per trade, and fails below the floors.

It runs the evaluation `rasa test nlu` runs (rasa.nlu.test.run_evaluation) on the whole held-out folder and
on each language's folder (en, es, zh), loading the model once; each file's intent F1 (one file per trade,
plus the shared small talk, returning-customer and language-request phrases) comes from its language's
predictions. The floors catch a data change that breaks understanding; the README reports the figures.
"""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import Dict, List, Optional, Tuple

INTENT_F1_FLOOR = 0.80
ENTITY_F1_FLOOR = 0.70
# Spanish and Chinese have about 40 % as many training examples as English.
LANGUAGE_INTENT_F1_FLOOR = 0.75
LANGUAGE_ENTITY_F1_FLOOR = 0.65
TRADE_INTENT_F1_FLOOR = 0.65
# A file with fewer held-out phrases than this is reported but too small to judge alone.
TRADE_MIN_SUPPORT = 10

Scores = Tuple[Dict[str, float], Optional[Dict[str, float]]]


async def _evaluate(processor, data: Path, out: Path) -> Tuple[Scores, List[dict]]:
    """Rasa's weighted intent and entity scores, and every intent prediction (text, intent, prediction)."""
    from rasa.nlu.test import run_evaluation

    await run_evaluation(str(data), processor, output_directory=str(out), successes=True, errors=True,
                         disable_plotting=True, domain_path="domain")
    intents = json.loads((out / "intent_report.json").read_text())["weighted avg"]
    entity_report = out / "DIETClassifier_report.json"
    entities = json.loads(entity_report.read_text())["weighted avg"] if entity_report.exists() else None
    predictions = []
    for name in ("intent_successes.json", "intent_errors.json"):
        if (out / name).exists():
            predictions += json.loads((out / name).read_text())
    return (intents, entities), predictions


def _file_intent_scores(path: Path, predictions: List[dict]) -> Dict[str, float]:
    """Weighted intent F1 over one file's phrases, from its language's predictions."""
    from rasa.shared.nlu.training_data.loading import load_data
    from sklearn.metrics import precision_recall_fscore_support

    texts = {example.get("text") for example in load_data(str(path)).intent_examples}
    mine = [p for p in predictions if p["text"] in texts]
    truth = [p["intent"] for p in mine]
    guessed = [p["intent_prediction"]["name"] for p in mine]
    precision, recall, f1, _ = precision_recall_fscore_support(truth, guessed, average="weighted", zero_division=0)
    return {"precision": precision, "recall": recall, "f1-score": f1, "support": len(mine)}


def _line(label: str, scores: Scores) -> str:
    intents, entities = scores
    entity_text = f"{entities['f1-score']:.3f}  (n={entities['support']})" if entities else "—"
    return f"{label:<22} intent F1 {intents['f1-score']:.3f}  (n={intents['support']:>4})   entity F1 {entity_text}"


def _below(scores: Scores, intent_floor: float, entity_floor: float) -> bool:
    intents, entities = scores
    return intents["f1-score"] < intent_floor or (entities is not None and entities["f1-score"] < entity_floor)


async def _report(model: str, held_out: Path, out: Path) -> int:
    from rasa.core.agent import Agent

    processor = Agent.load(model_path=model).processor
    overall, _ = await _evaluate(processor, held_out, out / "all")
    per_language, per_file = {}, {}
    for folder in sorted(path for path in held_out.iterdir() if path.is_dir()):
        per_language[folder.name], predictions = await _evaluate(processor, folder, out / folder.name)
        for path in sorted(folder.glob("*.yml")):
            per_file[f"{folder.name}/{path.stem}"] = _file_intent_scores(path, predictions)
    print(_line("all held-out", overall))
    for name, scores in per_language.items():
        print(_line(f"{name} (all)", scores))
    for name, intents in per_file.items():
        print(_line(name, (intents, None)))
    failed = [name for name, scores in [("all", overall)] if _below(scores, INTENT_F1_FLOOR, ENTITY_F1_FLOOR)]
    failed += [name for name, scores in per_language.items()
               if _below(scores, LANGUAGE_INTENT_F1_FLOOR, LANGUAGE_ENTITY_F1_FLOOR)]
    failed += [name for name, intents in per_file.items()
               if intents["support"] >= TRADE_MIN_SUPPORT and intents["f1-score"] < TRADE_INTENT_F1_FLOOR]
    if failed:
        print(f"below the floor (overall intent F1 {INTENT_F1_FLOOR} / entity F1 {ENTITY_F1_FLOOR}, per language "
              f"{LANGUAGE_INTENT_F1_FLOOR} / {LANGUAGE_ENTITY_F1_FLOOR}, per file intent F1 {TRADE_INTENT_F1_FLOOR}): "
              f"{', '.join(failed)}")
    return 1 if failed else 0


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
