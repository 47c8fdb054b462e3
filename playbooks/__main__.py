"""`python -m playbooks validate [DIR]`: checks every playbook and prints each problem as file:line: field: message."""

import argparse
import sys
from pathlib import Path

from playbooks.errors import PlaybookError
from playbooks.registry import DEFAULT_DIRECTORY, PlaybookRegistry


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m playbooks", description=__doc__)
    parser.add_argument("command", choices=["validate"])
    parser.add_argument("directory", nargs="?", default=str(DEFAULT_DIRECTORY))
    args = parser.parse_args()
    try:
        playbooks = PlaybookRegistry(Path(args.directory)).load_all()
    except PlaybookError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        print(f"{len(error.problems)} problem(s) found.", file=sys.stderr)
        return 1
    for playbook in sorted(playbooks, key=lambda p: p.id):
        print(f"ok  {playbook.id:24} {playbook.trade:12} {len(playbook.catalog.items):3} catalog items  {playbook.source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
