"""Precision and recall of the prank and abuse screen on the conversation sets in tests/abuse/.

`python -m benchmarks.abuse_screening [--set tests/abuse/conversations_heldout.yml] [--misses]`
--misses lists the tuning sets' mistakes only: conversations_heldout.yml is for measuring, never for tuning.
conversations_first_heldout.yml was the first held-out set; its mistakes were seen while tuning, so it is now
one more check, not a held-out measure.
Each conversation is screened turn by turn with its business's playbook and caller history, as the
assistant screens it; "decline" conversations should be declined, "serve" ones never. A conversation not
declined whose counts are above the business's large line goes to a person before anything is kept: the
"to a person" line counts those for each label (a prank there never reaches the POS unchecked; a real customer
there is served by staff).
"""

import argparse
from collections import defaultdict
from pathlib import Path

import yaml

from playbooks import default_registry
from safety.screening import large_request, screen_conversation

ROOT = Path(__file__).resolve().parent.parent
SETS = tuple(ROOT / "tests/abuse" / name for name in (
    "conversations.yml", "conversations_round2.yml", "conversations_round3.yml", "conversations_first_heldout.yml",
    "conversations_heldout.yml"))


def judged(path: Path):
    """(conversation, what the screen said) for each conversation in the set."""
    registry = default_registry()
    for conversation in yaml.safe_load(path.read_text(encoding="utf-8"))["conversations"]:
        playbook = registry.by_id(conversation["business"])
        history = (conversation.get("caller_history") or {}).get("abandoned_orders_last_day", 0)
        kind = screen_conversation(conversation["turns"], playbook, history)
        yield conversation, kind, kind is None and large_request(conversation["turns"], playbook) is not None


def report(path: Path, show_misses: bool) -> None:
    counts = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0, "tn": 0})
    misses = []
    to_person = {"decline": 0, "serve": 0}
    for conversation, kind, checked_by_person in judged(path):
        to_person[conversation["label"]] += checked_by_person
        expected = conversation["label"] == "decline"
        outcome = ("tp" if kind else "fn") if expected else ("fp" if kind else "tn")
        for key in (conversation["language"], "all", conversation["kind"]):
            counts[key][outcome] += 1
        if outcome in ("fp", "fn"):
            misses.append((outcome, conversation["id"], kind, conversation["turns"]))
    print(f"{path.relative_to(ROOT)}")
    print(f"{'':5} {'declines':>9} {'serves':>7} {'precision':>10} {'recall':>7} {'false alarms':>13}")
    for key in ("en", "es", "zh", "all"):
        c = counts[key]
        precision = c["tp"] / max(1, c["tp"] + c["fp"])
        recall = c["tp"] / max(1, c["tp"] + c["fn"])
        print(f"{key:5} {c['tp'] + c['fn']:9} {c['tn'] + c['fp']:7} {precision:10.3f} {recall:7.3f} {c['fp']:>6}/{c['tn'] + c['fp']}")
    kinds = sorted({key for key in counts if key not in ("en", "es", "zh", "all")})
    caught = [f"{kind} {counts[kind]['tp']}/{counts[kind]['tp'] + counts[kind]['fn']}" for kind in kinds if counts[kind]["tp"] + counts[kind]["fn"]]
    alarms = [f"{kind} {counts[kind]['fp']}/{counts[kind]['fp'] + counts[kind]['tn']}" for kind in kinds if counts[kind]["fp"] + counts[kind]["tn"]]
    print("declined, by kind: " + ", ".join(caught))
    print("false alarms, by kind: " + ", ".join(alarms))
    print(f"not declined but to a person (a count above the large line): {to_person['decline']} of the pranks, "
          f"{to_person['serve']} of the real customers")
    if show_misses and path.name != "conversations_heldout.yml":
        for outcome, conversation_id, kind, turns in misses:
            print(f"  {outcome} {conversation_id} ({kind}): {' | '.join(turns)[:200]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", action="append", type=Path)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    for path in args.set or SETS:
        if path.exists():
            report(path.resolve(), args.misses)


if __name__ == "__main__":
    main()
