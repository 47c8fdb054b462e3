"""Rasa's Duckling extractor, asking Duckling in the language each message is written in.

Rasa's own sends one configured locale for every message, so "el jueves a las 2" or "明天下午两点" would be
read as English and missed. The message's own language is the right one here (not the conversation's):
a Spanish speaker may still say "at 6:30".
"""

from __future__ import annotations

from typing import Any, Dict, Text

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.extractors.duckling_entity_extractor import DucklingEntityExtractor

from languages.detection import read
from scheduling.duckling_client import LOCALES


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageAwareDucklingExtractor(DucklingEntityExtractor):
    def _payload(self, text: Text, reference_time: int) -> Dict[Text, Any]:
        payload = super()._payload(text, reference_time)
        payload["locale"] = LOCALES.get(read(text).language or "en", LOCALES["en"])
        return payload
