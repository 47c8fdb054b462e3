"""The persona catalog (playbooks/voices/personas.yml) and what a business picked from it per language.

A persona is a Twilio voice in one tone: the voice and languages a call uses, and the greeting a new customer
hears. Owners choose by id, so the voice names Twilio accepts live in one checked file, not in every playbook.
"""

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Optional

import yaml

CATALOG_PATH = Path(__file__).with_name("voices") / "personas.yml"
PLACEHOLDER = "{business_name}"
STRAY = re.compile(r"\{[^{}]*\}|[{}]")


@dataclass(frozen=True)
class Persona:
    id: str
    language: str
    locale: str
    voice: str
    say_language: str
    listen_language: str
    gender: str
    tone: str
    description: str
    greeting: str


@dataclass(frozen=True)
class PersonaChoice:
    """One language's pick in a playbook: a catalog persona, and the owner's own greeting if they wrote one."""

    persona_id: str
    greeting: Optional[str] = None

    @classmethod
    def from_dict(cls, data: Dict[str, Any]) -> "PersonaChoice":
        return cls(persona_id=data["voice"], greeting=data.get("greeting"))

    @property
    def persona(self) -> Persona:
        return catalog()[self.persona_id]

    @property
    def new_customer_greeting(self) -> str:
        """The owner's greeting, else the persona's own."""
        return self.greeting or self.persona.greeting


def choices_from_dict(data: Dict[str, Dict[str, Any]]) -> Dict[str, PersonaChoice]:
    return {language: PersonaChoice.from_dict(choice) for language, choice in data.items()}


@lru_cache(maxsize=None)
def load_catalog(path: Path = CATALOG_PATH) -> Dict[str, Persona]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["personas"]
    return {entry["id"]: Persona(**entry) for entry in entries}


def catalog() -> Dict[str, Persona]:
    return load_catalog()


def greeting_problem(text: str) -> Optional[str]:
    """Why a greeting would not come out as written: a brace other than `{business_name}` is read as a slot."""
    stray = STRAY.findall(text.replace(PLACEHOLDER, ""))
    if stray:
        return f"a greeting may use {PLACEHOLDER} and no other braces; found '{stray[0]}'"
    return None
