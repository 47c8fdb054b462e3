"""Words speech recognition should expect on one business's calls, so "pad see ew" and "Jasmine" are heard right.

Twilio's <Gather hints> takes a comma-separated list of words and phrases of at most 100 characters each;
the business's catalog (items, sizes, extras), its bookable staff and the owner's own extras are the words
a caller is most likely to say that a general speech model gets wrong.
"""

from typing import Iterable, List

from playbooks import Playbook

MAX_HINT_CHARS = 100
MAX_HINTS = 500


def _catalog_words(playbook: Playbook) -> Iterable[str]:
    catalog = playbook.catalog
    for item in catalog.items:
        yield item.name
        yield from item.aliases
        for variation in item.variations:
            yield variation.name
            yield from variation.aliases
    for modifier_list in catalog.modifier_lists:
        for modifier in modifier_list.modifiers:
            yield modifier.name
            yield from modifier.aliases


def _staff_words(playbook: Playbook) -> Iterable[str]:
    for person in playbook.booking.staff:
        yield person.name
        yield from person.aliases


def speech_hints(playbook: Playbook) -> str:
    """The owner's extras first (they know what callers say), then staff, then the catalog; no repeats."""
    hints: List[str] = []
    seen = set()
    for word in (*playbook.channels.extra_hints, *_staff_words(playbook), *_catalog_words(playbook)):
        word = " ".join(str(word).replace(",", " ").split())
        if not word or len(word) > MAX_HINT_CHARS or word.lower() in seen:
            continue
        seen.add(word.lower())
        hints.append(word)
        if len(hints) == MAX_HINTS:
            break
    return ", ".join(hints)
