"""Errors that name the file, the line and the field, so an owner can fix a playbook without a developer."""

from dataclasses import dataclass
from typing import List, Optional


@dataclass(frozen=True)
class PlaybookProblem:
    file: str
    line: Optional[int]
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field or '(top level)'}: {self.message}"


class PlaybookError(Exception):
    """Raised with every problem found, not just the first."""

    def __init__(self, problems: List[PlaybookProblem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
