"""What changed between two versions of a playbook, as short lines an owner can read in the history:
`catalog.items[pepperoni-pizza].variations[pepperoni-pizza-large].price: 18.5 → 19.5`.

List entries that carry an `id` (items, variations, staff...) are matched by that id, so moving or adding an
item names the item rather than every position after it; other lists are compared whole.
"""

import json
from typing import Any, Dict, List

MAX_LINES = 20
MAX_VALUE_CHARS = 40


def _shown(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= MAX_VALUE_CHARS else text[: MAX_VALUE_CHARS - 1] + "…"


def _by_id(entries: Any) -> Dict[str, Any]:
    """The list as {id: entry} when every entry is a mapping with a distinct id, else {}."""
    if not isinstance(entries, list) or not entries:
        return {}
    ids = [entry.get("id") if isinstance(entry, dict) else None for entry in entries]
    if any(not isinstance(id_, str) for id_ in ids) or len(set(ids)) != len(ids):
        return {}
    return dict(zip(ids, entries))


def _walk(before: Any, after: Any, path: str, lines: List[str]) -> None:
    if before == after:
        return
    if isinstance(before, dict) and isinstance(after, dict):
        for key in list(before) + [key for key in after if key not in before]:
            child = f"{path}.{key}" if path else str(key)
            if key not in after:
                lines.append(f"{child}: removed")
            elif key not in before:
                lines.append(f"{child}: added" if isinstance(after[key], (dict, list)) else f"{child}: added {_shown(after[key])}")
            else:
                _walk(before[key], after[key], child, lines)
        return
    old, new = _by_id(before), _by_id(after)
    if old and new:
        for id_ in list(old) + [id_ for id_ in new if id_ not in old]:
            child = f"{path}[{id_}]"
            if id_ not in new:
                lines.append(f"{child}: removed")
            elif id_ not in old:
                lines.append(f"{child}: added")
            else:
                _walk(old[id_], new[id_], child, lines)
        if [id_ for id_ in old if id_ in new] != [id_ for id_ in new if id_ in old]:
            lines.append(f"{path}: reordered")
        return
    lines.append(f"{path or '(whole file)'}: {_shown(before)} → {_shown(after)}")


def changed_fields(before: Any, after: Any) -> List[str]:
    """One line per changed field of two parsed playbooks, at most MAX_LINES (the last one says how many more)."""
    lines: List[str] = []
    _walk(before, after, "", lines)
    if len(lines) > MAX_LINES:
        lines = lines[: MAX_LINES - 1] + [f"… and {len(lines) - MAX_LINES + 1} more changes"]
    return lines
