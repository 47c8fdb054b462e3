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
    "es": (
        re.compile(
            r"\b(no (?:hace falta|necesito|ocupo|quiero|es necesario)(?: (?:el|un))? (?:presupuesto|cotizaci[óo]n|estimado)|"
            r"sin (?:presupuesto|cotizaci[óo]n)|(?:nada m[áa]s|nom[áa]s|solo|s[óo]lo|directamente) (?:arr[ée]gl|rep[áa]r|h[áa]g)\w*|"
            r"(?:arr[ée]glel[oa]|rep[áa]rel[oa]|h[áa]gal[oa]) (?:nom[áa]s|de una vez|directamente|y ya)|"
            r"cueste lo que cueste|no importa (?:el precio|lo que cueste|cu[áa]nto cueste|el costo)|"
            r"(?:adelante|dale),? (?:arr[ée]glel[oa]|rep[áa]rel[oa]|h[áa]gal[oa]))",
            re.I,
        ),
        re.compile(
            r"\b(presupuesto|cotizaci[óo]n|cotiz\w*|estimado|cu[áa]nto (?:\w+ ){0,6}(?:antes|primero)|"
            r"(?:precio|costo) (?:\w+ ){0,4}(?:antes|primero)|"
            r"(?:ll[áa]me(?:me)?|av[íi]se(?:me)?|d[íi]ga(?:me)?|p[áa]se(?:me)?) (?:\w+ ){0,3}(?:precio|costo|cu[áa]nto)|"
            r"antes de (?:empezar|arreglar|reparar|hacer|tocar)|(?:preg[úu]nte(?:me)?|cons[úu]lte(?:me)?) (?:antes|primero))",
            re.I,
        ),
    ),
    # Chinese has no spaces: no \b.
    "zh": (
        re.compile(r"不用(?:先)?(?:报价|估价|问我)|不需要(?:先)?(?:报价|估价)|直接修|直接换|直接弄|多少钱都(?:修|行|可以)|不管多少钱|"
                   r"不在乎(?:价格|价钱|多少钱)|修就是了"),
        re.compile(r"报价|报个价|估价|估个价|询价|(?:先|提前)(?:告诉|跟|和|通知|问)我?(?:一下)?(?:多少钱|价格|价钱)|"
                   r"多少钱(?:再|然后)|(?:修|换|动手|开始)(?:之前|以前|前)(?:先)?(?:告诉|问|跟|通知|打电话给)"),
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
