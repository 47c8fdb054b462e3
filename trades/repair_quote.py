"""Whether the caller wants a quote before the work starts, when they say so unprompted.

"can you tell me how much first?" is a yes; "just fix it, whatever it costs" is a no. A plain price
question ("how much is a screen?") is neither: it gets answered, and the form still asks.
"""

import re
from typing import Dict, Optional, Pattern, Tuple

QUOTE_PHRASES: Dict[str, Tuple[Pattern, Pattern]] = {
    "en": (
        # no quote wanted (checked first: "no need for a quote" also says "quote")
        re.compile(
            r"\b(just (?:go ahead and )?(?:fix|repair|do)|go ahead and (?:fix|repair|do)|just do it|"
            r"no (?:need for (?:a |an )?)?(?:quote|estimate)|(?:don'?t|do not|won'?t) need (?:a |an )?(?:quote|estimate)|"
            r"whatever it costs|no matter (?:what it costs|the (?:cost|price))|"
            r"(?:don'?t|do not) care (?:about|what) (?:the )?(?:price|cost|it costs))",
            re.I,
        ),
        # quote wanted
        re.compile(
            r"\b(quote|estimate|how much (?:\w+ ){0,6}(?:first|before)|(?:price|cost) (?:\w+ ){0,4}(?:first|before)|"
            r"(?:call|text|let) me (?:know )?(?:\w+ ){0,3}(?:price|cost|how much)|"
            r"before (?:you|u|y'?all) (?:start|fix|do|begin|touch|go ahead)|check with me)",
            re.I,
        ),
    ),
}


def quote_wanted(text: str, language: str = "en") -> Optional[str]:
    """"yes" or "no" when the text says so, else None."""
    no_quote, quote = QUOTE_PHRASES.get(language, QUOTE_PHRASES["en"])
    if no_quote.search(text or ""):
        return "no"
    if quote.search(text or ""):
        return "yes"
    return None
