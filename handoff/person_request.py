"""The NLU's last word on asking for a person: when the message asks (handoff/asking.py), the intent is
request_human, whatever the model or the fallback made of it.

Forms reject request_human (actions/context.py QUESTION_INTENTS) and every trade's rules answer it, so the
caller is put through mid-form as well as between orders.
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

from handoff.asking import asks_for_person

INTENT_ASKED = "request_human"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class PersonRequestClassifier(GraphComponent, IntentClassifier):
    @classmethod
    def create(
        cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
        execution_context: ExecutionContext,
    ) -> PersonRequestClassifier:
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            if not asks_for_person(message.get(TEXT) or ""):
                continue
            asked = {INTENT_NAME_KEY: INTENT_ASKED, PREDICTED_CONFIDENCE_KEY: 1.0}
            others = [entry for entry in message.get(INTENT_RANKING_KEY) or [] if entry.get(INTENT_NAME_KEY) != INTENT_ASKED]
            message.set(INTENT, asked, add_to_output=True)
            message.set(INTENT_RANKING_KEY, [asked, *others], add_to_output=True)
        return messages
