"""The NLU's word on abuse and pranks: when the message insults, threatens, is sexual, gives a prank name or
an impossible place (safety/), the intent is abusive_or_prank; the model's own guess of that intent stands
only when the readers agree, so a frustrated customer's swearing never becomes a decline.

It runs before handoff.person_request, so a caller who swears and asks for a person is put through.
Orders that are absurd only for this business (a count, a change of mind too many) need the playbook and
the conversation: the forms screen those (actions/screening.py).
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from safety.abuse import abuse_in
from safety.pranks import impossible_place_in, joke_name_in

INTENT_DECLINE = "abusive_or_prank"
FALLBACK = "nlu_fallback"
FALLBACK_THRESHOLD = 0.4  # the FallbackClassifier's in config.yml


def heard(text: str) -> bool:
    return bool(abuse_in(text) or joke_name_in(text) or impossible_place_in(text))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class ScreenClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScreenClassifier:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            ranking = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != INTENT_DECLINE]
            if heard(message.get(TEXT) or ""):
                declined = {INTENT_NAME_KEY: INTENT_DECLINE, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, declined, add_to_output=True)
                message.set(INTENT_RANKING_KEY, [declined, *ranking], add_to_output=True)
            elif (message.get(INTENT) or {}).get(INTENT_NAME_KEY) == INTENT_DECLINE:
                sure = ranking and ranking[0].get(PREDICTED_CONFIDENCE_KEY, 0) >= FALLBACK_THRESHOLD
                instead = ranking[0] if sure else {INTENT_NAME_KEY: FALLBACK, PREDICTED_CONFIDENCE_KEY: 1.0}
                message.set(INTENT, instead, add_to_output=True)
                message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages
