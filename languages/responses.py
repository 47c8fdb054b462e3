"""Response variations chosen per language first, then by Rasa's usual channel and condition rules.

Designers write English variations as always and add Spanish and Chinese ones with a condition on the
`language` slot. Rasa pools every matching conditional variation, so a Spanish "else" variation would be
drawn alongside a more specific Spanish one; splitting the variations by language before Rasa's filter
keeps each language's fallbacks working exactly as the English ones do. A variation without a language
condition is English.

A business whose playbook picks a persona for the language greets new customers with the persona's greeting
(or the owner's own) instead of the domain's; returning customers and unknown businesses are greeted as always.
"""

from typing import Any, Dict, List, Optional, Text

from rasa.core.nlg.generator import ResponseVariationFilter
from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.constants import RESPONSE_CONDITION
from rasa.shared.core.domain import Domain
from rasa.utils.endpoints import EndpointConfig

from languages import BASE
from playbooks import PlaybookRegistry, default_registry

LANGUAGE_SLOT = "language"
GREETING = "utter_greet"
Variation = Dict[Text, Any]


def variation_language(variation: Variation) -> str:
    for condition in variation.get(RESPONSE_CONDITION) or []:
        if condition.get("name") == LANGUAGE_SLOT:
            return condition.get("value")
    return BASE


def without_language(variation: Variation) -> Variation:
    """The variation as Rasa would see it inside its language: other conditions only."""
    conditions = [c for c in variation.get(RESPONSE_CONDITION) or [] if c.get("name") != LANGUAGE_SLOT]
    stripped = {key: value for key, value in variation.items() if key != RESPONSE_CONDITION}
    if conditions:
        stripped[RESPONSE_CONDITION] = conditions
    return stripped


def by_language(responses: Dict[Text, List[Variation]]) -> Dict[str, Dict[Text, List[Variation]]]:
    split: Dict[str, Dict[Text, List[Variation]]] = {}
    for name, variations in responses.items():
        for variation in variations:
            split.setdefault(variation_language(variation), {}).setdefault(name, []).append(without_language(variation))
    return split


class LanguageResponses(TemplatedNaturalLanguageGenerator):
    """Rasa's response generator, looking only at the conversation language's variations."""

    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None,
                 responses: Optional[Dict[Text, List[Variation]]] = None,
                 registry: Optional[PlaybookRegistry] = None) -> None:
        super().__init__(responses if responses is not None else (domain.responses if domain else {}))
        self.registry = registry or default_registry()

    @property
    def responses(self) -> Dict[Text, List[Variation]]:
        return self._responses

    @responses.setter
    def responses(self, responses: Dict[Text, List[Variation]]) -> None:
        """Rasa's agent sets the responses again when it loads a model; the split follows."""
        self._responses = responses
        self._by_language = by_language(responses)

    def _random_response_for(self, utter_action: Text, output_channel: Text,
                             filled_slots: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
        import numpy as np

        language = filled_slots.get(LANGUAGE_SLOT) or BASE
        if utter_action == GREETING:
            greeting = self._persona_greeting(filled_slots, language)
            if greeting:
                return {"text": greeting}
        responses = self._by_language.get(language, {})
        if utter_action not in responses:
            responses = self._by_language.get(BASE, {})
        if utter_action not in responses:
            return None
        suitable = ResponseVariationFilter(responses).responses_for_utter_action(utter_action, output_channel, filled_slots)
        return np.random.choice(suitable) if suitable else None

    def _persona_greeting(self, filled_slots: Dict[Text, Any], language: str) -> Optional[str]:
        """The new-customer greeting of the business's persona in this language, if it picked one."""
        if filled_slots.get("business_known") is not True or filled_slots.get("known_caller") is not None:
            return None
        business_id = filled_slots.get("business_id")
        playbook = self.registry.by_id(business_id) if business_id else None
        choice = playbook.persona.get(language) if playbook else None
        return choice.new_customer_greeting if choice else None
