"""Evaluates the model on the held-out NLU split and prints intent and entity F1; fails below the floors.

The floors catch a data change that breaks understanding; the README reports the measured figures.
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

INTENT_F1_FLOOR = 0.80
ENTITY_F1_FLOOR = 0.70


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", required=True)
    parser.add_argument("--nlu", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    rasa = str(Path(sys.executable).parent / "rasa")
    subprocess.run([rasa, "test", "nlu", "--model", args.model, "--nlu", args.nlu, "--domain", "domain", "--out", args.out], check=True)
    out = Path(args.out)
    intents = json.loads((out / "intent_report.json").read_text())["weighted avg"]
    entity_report = out / "DIETClassifier_report.json"
    entities = json.loads(entity_report.read_text())["weighted avg"] if entity_report.exists() else None
    print(f"held-out intents:  weighted F1 {intents['f1-score']:.3f}  precision {intents['precision']:.3f}  recall {intents['recall']:.3f}  (n={intents['support']})")
    if entities:
        print(f"held-out entities: weighted F1 {entities['f1-score']:.3f}  precision {entities['precision']:.3f}  recall {entities['recall']:.3f}  (n={entities['support']})")
    failed = intents["f1-score"] < INTENT_F1_FLOOR or (entities is not None and entities["f1-score"] < ENTITY_F1_FLOOR)
    if failed:
        print(f"below the floor (intent F1 {INTENT_F1_FLOOR}, entity F1 {ENTITY_F1_FLOOR})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
