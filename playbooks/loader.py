"""Reads a playbook file, checks it against the schema and the cross-references, and builds the model."""

import dataclasses
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import jsonschema
import yaml

from catalog.synced import overlay
from playbooks.errors import PlaybookError, PlaybookProblem
from playbooks.model import Playbook
from playbooks.validation import cross_reference_problems

SCHEMA_PATH = Path(__file__).with_name("schema.yml")
_schema: Optional[Dict[str, Any]] = None

PathKey = Tuple[Any, ...]


def _load_schema() -> Dict[str, Any]:
    global _schema
    if _schema is None:
        _schema = yaml.safe_load(SCHEMA_PATH.read_text(encoding="utf-8"))
    return _schema


def _line_index(node: yaml.Node, path: PathKey = ()) -> Dict[PathKey, int]:
    """Maps every path in the document to its 1-based line, for error messages."""
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            lines.update(_line_index(value_node, path + (key_node.value,)))
    elif isinstance(node, yaml.SequenceNode):
        for index, child in enumerate(node.value):
            lines.update(_line_index(child, path + (index,)))
    return lines


def _field_name(path: PathKey) -> str:
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _closest_line(lines: Dict[PathKey, int], path: PathKey) -> Optional[int]:
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path)


def validate_document(data: Any, lines: Dict[PathKey, int], file: str) -> List[PlaybookProblem]:
    """Returns every schema and cross-reference problem of one parsed playbook."""
    if not isinstance(data, dict):
        return [PlaybookProblem(file, 1, "", "a playbook must be a mapping of fields")]
    validator = jsonschema.Draft7Validator(_load_schema())
    problems = [
        PlaybookProblem(
            file,
            _closest_line(lines, tuple(error.absolute_path)),
            _field_name(tuple(error.absolute_path)),
            error.message,
        )
        for error in sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if problems:
        return problems
    return [
        PlaybookProblem(file, _closest_line(lines, path), _field_name(path), message)
        for path, message in cross_reference_problems(data)
    ]


def _parse(text: str, file: str) -> Tuple[Any, Dict[PathKey, int]]:
    """The document and the line of every path in it; raises PlaybookError naming the line YAML stopped at."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "context_mark", None) or getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else None
        raise PlaybookError([PlaybookProblem(file, line, "", f"not valid YAML: {error}")])
    return data, _line_index(node) if node is not None else {}


def _checked(text: str, file: str) -> Tuple[Any, List[PlaybookProblem]]:
    try:
        data, lines = _parse(text, file)
    except PlaybookError as error:
        return None, error.problems
    problems = validate_document(data, lines, file)
    if problems:
        return data, problems
    stem = Path(file).stem
    if data["id"] != stem:
        return data, [PlaybookProblem(file, lines.get(("id",)), "id", f"must match the file name '{stem}'")]
    return data, []


def problems_in_text(text: str, file: str) -> List[PlaybookProblem]:
    """Every problem `load_playbook` would report if `text` were the file `file`, so an editor can check before saving."""
    return _checked(text, file)[1]


def problem_at(text: str, file: str, path: PathKey, message: str) -> PlaybookProblem:
    """A problem found outside the file's own checks, with the line and field name of `path` in that text."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    lines = _line_index(node) if node is not None else {}
    return PlaybookProblem(file, _closest_line(lines, path), _field_name(path), message)


def load_playbook(path: Path) -> Playbook:
    """Loads and validates one playbook; raises PlaybookError listing every problem."""
    file = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PlaybookError([PlaybookProblem(file, None, "", f"cannot read: {error}")])
    data, problems = _checked(text, file)
    if problems:
        raise PlaybookError(problems)
    return Playbook.from_dict(data, source=file)


def with_synced_catalog(playbook: Playbook, path: Path) -> Playbook:
    """The playbook selling what its POS sells: the catalog last synced from the POS, under the owner's aliases.

    Raises PlaybookError when the synced file is unreadable or the merged catalog is invalid.
    """
    file = str(path)
    try:
        synced = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise PlaybookError([PlaybookProblem(file, None, "", f"cannot read the synced catalog: {error}")])
    if not isinstance(synced, dict) or not isinstance(synced.get("catalog"), dict):
        raise PlaybookError([PlaybookProblem(file, None, "catalog", "a synced catalog file holds a `catalog:` mapping")])
    merged = overlay(playbook.catalog_data, synced["catalog"])
    schema = {**_load_schema()["properties"]["catalog"], "definitions": _load_schema()["definitions"]}
    problems = [
        PlaybookProblem(file, None, _field_name(("catalog",) + tuple(error.absolute_path)), error.message)
        for error in jsonschema.Draft7Validator(schema).iter_errors(merged)
    ]
    if not problems:
        problems = [
            PlaybookProblem(file, None, _field_name(where), message)
            for where, message in cross_reference_problems({"timezone": playbook.timezone_name, "hours": {}, "catalog": merged})
        ]
    if problems:
        raise PlaybookError(problems)
    return dataclasses.replace(playbook, catalog_data=merged)
