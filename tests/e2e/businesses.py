"""Businesses a test adds to the running stack: the registry picks a new playbook file up without a restart."""

import yaml

from tests.doubles.vendors import demo_playbook


def write_playbook(stack, business_id: str, number: str, **changes) -> None:
    """A copy of the demo pizzeria reached at `number`, with `changes` on top."""
    data = demo_playbook()
    data.update(id=business_id, reaches={"phone_numbers": [number]}, **changes)
    path = f"{stack['playbooks']}/{business_id}.yml"
    with open(path, "w") as out:
        yaml.safe_dump(data, out, sort_keys=False, allow_unicode=True)
