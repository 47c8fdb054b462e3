"""Business playbooks: one YAML file per business, validated at load and found by how it was reached."""

from playbooks.errors import PlaybookError, PlaybookProblem
from playbooks.loader import load_playbook
from playbooks.model import Playbook
from playbooks.registry import PlaybookRegistry, default_registry

__all__ = [
    "Playbook",
    "PlaybookError",
    "PlaybookProblem",
    "PlaybookRegistry",
    "default_registry",
    "load_playbook",
]
