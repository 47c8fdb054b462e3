"""One screen for a conversation, used by the NLU, the forms, the ticket placement and the benchmark alike:
abuse (insults, threats, sexual content), prank names, absurd orders, a caller who keeps changing
everything, and a number that has abandoned order after order today.

It answers with the kind of problem, which is also the reason staff see on the board.
"""

from typing import Iterable, List, Optional

from playbooks import Playbook
from safety.abuse import abuse_in
from safety.flags import ABANDONED_BEFORE_LIMIT
from safety.pranks import (
    ABSURD_ORDER, CONSTANT_CHANGES, JOKE_NAME, Limits, absurd_request, constant_changes, joke_name_in, quantities_in,
)

REPEAT_ABANDONED = "repeat_abandoned"


def limits_for(playbook: Playbook) -> Limits:
    return Limits(absurd_quantity=playbook.rules.absurd_limit(playbook.trade),
                  large_quantity=playbook.rules.large_limit(playbook.trade))


def item_words(playbook: Playbook) -> List[str]:
    """What the business sells, in every language it names it, so "300 pad thai" counts as 300 of something."""
    words = []
    for item in playbook.catalog_data.get("items", []):
        words += [item["name"], *map(str, item.get("aliases", ()))]
        for names in item.get("names", {}).values():
            words += map(str, names)
    return words


def screen_text(text: str, playbook: Playbook) -> Optional[str]:
    """What one message alone shows: abuse first, then a prank name, then an absurd order."""
    kind = abuse_in(text)
    if kind:
        return kind
    if joke_name_in(text):
        return JOKE_NAME
    if absurd_request(text, limits_for(playbook), item_words(playbook)):
        return ABSURD_ORDER
    return None


def large_request(texts: Iterable[str], playbook: Playbook) -> Optional[int]:
    """The biggest count asked for above the business's large line (and not absurd): a real catering order
    or a prank, which a person tells apart better than a pattern; None when every count is ordinary."""
    limits = limits_for(playbook)
    nouns = item_words(playbook)
    counts = [count for text in texts for count in quantities_in(text, nouns)
              if limits.large_quantity < count <= limits.absurd_quantity]
    return max(counts, default=None)


def screen_conversation(texts: Iterable[str], playbook: Playbook, abandoned_recently: int = 0) -> Optional[str]:
    """The first problem in the conversation so far; None for a caller to serve."""
    texts = list(texts)
    if abandoned_recently >= ABANDONED_BEFORE_LIMIT:
        return REPEAT_ABANDONED
    for text in texts:
        kind = screen_text(text, playbook)
        if kind:
            return kind
    if constant_changes(texts, playbook.rules.change_limit):
        return CONSTANT_CHANGES
    return None
