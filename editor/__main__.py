"""`python -m editor add-owner BUSINESS_ID EMAIL`: lets EMAIL log in to the editor and edit BUSINESS_ID's
playbook, or sets a new password for an existing owner (who keeps any other business they had).

The password comes from EDITOR_PASSWORD, else it is asked for twice without echo.
"""

import argparse
import getpass
import os
import sys

from editor.accounts import set_owner
from editor.versions import playbook_path
from playbooks import default_registry
from storage import Database


def _password() -> str:
    password = os.environ.get("EDITOR_PASSWORD", "")
    if password:
        return password
    password = getpass.getpass("Password: ")
    if getpass.getpass("Same password again: ") != password:
        raise ValueError("the two passwords differ")
    return password


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m editor", description=__doc__)
    parser.add_argument("command", choices=["add-owner"])
    parser.add_argument("business_id")
    parser.add_argument("email")
    args = parser.parse_args()
    if not playbook_path(default_registry(), args.business_id).is_file():
        print(f"There is no playbook for {args.business_id!r} in {default_registry().directory}.", file=sys.stderr)
        return 1
    try:
        set_owner(Database(), args.business_id, args.email, _password())
    except ValueError as error:
        print(f"Not saved: {error}.", file=sys.stderr)
        return 1
    print(f"{args.email} can edit {args.business_id} at /editor/{args.business_id} on the board.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
