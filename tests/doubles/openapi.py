"""Checks a request body against a vendor's published OpenAPI 3.0 file, so a double refuses what the real API would.

The spec is loaded once per file. OpenAPI 3.0 differs from JSON Schema in a few ways handled here: `nullable`
becomes an explicit `null` type, and `$ref` siblings (descriptions, `nullable`) are folded into an `anyOf`.
`readOnly`, `format` and `x-*` keywords are left unchecked, as most servers ignore them on input.
"""

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from jsonschema import Draft4Validator, RefResolver
from jsonschema.exceptions import ValidationError

SPECS = Path(__file__).resolve().parent / "specs"
SQUARE_SPEC = SPECS / "square" / "api.json"


@dataclass(frozen=True)
class Violation:
    """One way a body breaks the spec: where (`order.line_items[0].quantity`), which JSON Schema keyword, and the message."""

    field: str
    keyword: str
    message: str
    expected: Any = None


def _json_schema(node: Any) -> Any:
    """The OpenAPI schema tree rewritten into plain JSON Schema draft 4."""
    if isinstance(node, list):
        return [_json_schema(child) for child in node]
    if not isinstance(node, dict):
        return node
    converted = {key: _json_schema(value) for key, value in node.items()}
    nullable = converted.pop("nullable", False) is True
    if "$ref" in converted:
        target = {"$ref": converted["$ref"]}
        return {"anyOf": [target, {"type": "null"}]} if nullable else target
    if nullable and isinstance(converted.get("type"), str):
        converted["type"] = [converted["type"], "null"]
    return converted


def _template_pattern(template: str) -> "re.Pattern[str]":
    parts = re.split(r"(\{[^}]+\})", template)
    regex = "".join("[^/]+" if part.startswith("{") else re.escape(part) for part in parts)
    return re.compile(f"^{regex}$")


def _field_path(parts) -> str:
    """`order.line_items[0].quantity`, the way Square's errors name a field."""
    field = ""
    for part in parts:
        field += f"[{part}]" if isinstance(part, int) else (f".{part}" if field else str(part))
    return field


class OpenApiSpec:
    def __init__(self, path: Path):
        raw = json.loads(path.read_text())
        self.document = {**raw, "components": {**raw["components"], "schemas": _json_schema(raw["components"]["schemas"])}}
        self._resolver = RefResolver(base_uri="", referrer=self.document)
        self._validators: Dict[str, Draft4Validator] = {}
        # Literal paths win over templated ones (`/v2/orders/search` before `/v2/orders/{order_id}`).
        self._routes: List[Tuple[int, "re.Pattern[str]", str]] = sorted(
            ((template.count("{"), _template_pattern(template), template) for template in raw["paths"]),
            key=lambda route: route[0],
        )

    def operation(self, method: str, path: str) -> Optional[Dict[str, Any]]:
        for _, pattern, template in self._routes:
            if pattern.match(path):
                found = self.document["paths"][template].get(method.lower())
                if found is not None:
                    return found
        return None

    def request_schema_ref(self, method: str, path: str) -> Optional[str]:
        operation = self.operation(method, path)
        if operation is None:
            raise KeyError(f"{method} {path} is not an operation of this spec")
        content = (operation.get("requestBody") or {}).get("content") or {}
        schema = (content.get("application/json") or {}).get("schema")
        return schema.get("$ref") if schema else None

    def response_schema_ref(self, method: str, path: str, status: int = 200) -> Optional[str]:
        operation = self.operation(method, path) or {}
        content = ((operation.get("responses") or {}).get(str(status)) or {}).get("content") or {}
        schema = (content.get("application/json") or {}).get("schema")
        return schema.get("$ref") if schema else None

    def _validator(self, ref: str) -> Draft4Validator:
        if ref not in self._validators:
            self._validators[ref] = Draft4Validator({"$ref": ref}, resolver=self._resolver)
        return self._validators[ref]

    def request_violations(self, method: str, path: str, body: Any) -> List[Violation]:
        """Every way `body` breaks the operation's request schema; empty when it conforms or takes no body."""
        ref = self.request_schema_ref(method, path)
        if ref is None:
            return []
        errors = sorted(self._validator(ref).iter_errors(body), key=lambda error: list(error.absolute_path))
        return [self._violation(error) for error in errors]

    def response_violations(self, method: str, path: str, body: Any, status: int = 200) -> List[Violation]:
        """How an answer breaks the operation's documented response schema; keeps a double honest too."""
        ref = self.response_schema_ref(method, path, status)
        if ref is None:
            return []
        return [self._violation(error) for error in self._validator(ref).iter_errors(body)]

    @staticmethod
    def _violation(error: ValidationError) -> Violation:
        # anyOf [schema, null] failures say little; the branch that is not `null` says what was wrong.
        while error.validator == "anyOf" and error.context:
            meaningful = [child for child in error.context if child.validator_value != "null"]
            error = (meaningful or error.context)[0]
        field = _field_path(error.absolute_path)
        if error.validator == "required":
            missing = re.match(r"'([^']+)'", error.message)
            name = missing.group(1) if missing else ""
            field = f"{field}.{name}" if field else name
        return Violation(field, str(error.validator), error.message, error.validator_value)


@lru_cache(maxsize=None)
def load_spec(path: Path = SQUARE_SPEC) -> OpenApiSpec:
    return OpenApiSpec(path)
