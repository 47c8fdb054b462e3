"""One tokenizer for English, Spanish and Chinese in one model: jieba for Han runs, words for the rest.

Rasa's JiebaTokenizer turns every space of Latin text into a token, and the WhitespaceTokenizer keeps a
whole Chinese sentence as one word; callers mix both ("我要一个 large pizza"), so each run of Han
characters is segmented by jieba and everything else is split exactly as the WhitespaceTokenizer does.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

import regex
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from languages.chinese import HAN_RUN, han_words

WORD_CHARACTER = regex.compile(r"\w")
# Full-width and CJK punctuation ("，" "：" "。"): a separator even between digits ("king，12" is two words).
WIDE_PUNCTUATION = regex.compile(r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]")


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class MixedScriptTokenizer(WhitespaceTokenizer):
    """Words for Latin script, jieba words for Chinese, in text order."""

    @staticmethod
    def not_supported_languages() -> Optional[List[Text]]:
        return None

    @staticmethod
    def required_packages() -> List[Text]:
        return ["jieba"]

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> MixedScriptTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        text = message.get(attribute)
        chinese = [Token(word, start) for word, start in han_words(text) if word.strip()]
        if not chinese and not WIDE_PUNCTUATION.search(text):
            return super().tokenize(message, attribute)
        blanked = WIDE_PUNCTUATION.sub(" ", HAN_RUN.sub(lambda run: " " * len(run.group()), text))
        latin = []
        if blanked.strip():
            words = super().tokenize(Message({attribute: blanked}), attribute)
            latin = [token for token in words if WORD_CHARACTER.search(token.text)]
        return self._apply_token_pattern(sorted(latin + chinese, key=lambda token: token.start))
