"""Reads an HTML-only email as the plain text its sender typed, leaving out what mail clients add around it.

Mail clients quote the message being answered in markup of their own: Gmail in a `gmail_quote` block,
Apple Mail and Thunderbird in `<blockquote>`, Yahoo in `yahoo_quoted`; those parts are skipped. Outlook puts
the quoted message after a `divRplyFwdMsg` (or `appendonsend`) marker instead of inside anything, so the text
ends there. The standard library's parser is enough: no layout is needed, only line breaks.
"""

import re
from html.parser import HTMLParser
from typing import List, Optional, Tuple

LINE_TAGS = frozenset(
    {"address", "article", "dd", "div", "dl", "dt", "footer", "header", "hr", "li", "ol", "pre", "section", "table",
     "td", "th", "tr", "ul"}
)
PARAGRAPH_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6"})
INVISIBLE_TAGS = frozenset({"head", "script", "style", "template", "title"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})
QUOTE_CLASSES = frozenset({"gmail_quote", "gmail_attr", "yahoo_quoted", "moz-cite-prefix"})
REST_IS_QUOTED_IDS = frozenset({"divrplyfwdmsg", "appendonsend"})


def _marks(attrs: List[Tuple[str, Optional[str]]]) -> Tuple[set, str]:
    values = dict(attrs)
    return set((values.get("class") or "").lower().split()), (values.get("id") or "").lower()


class _ReplyText(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.skipping: List[str] = []
        self.finished = False

    def _break(self, newlines: int) -> None:
        """Ends the current line (or paragraph) unless the text already does."""
        if self.text:
            self.text = self.text.rstrip(" ") + "\n" * max(0, newlines - (len(self.text) - len(self.text.rstrip("\n"))))

    def handle_starttag(self, tag: str, attrs) -> None:
        if self.finished:
            return
        classes, element_id = _marks(attrs)
        if element_id in REST_IS_QUOTED_IDS:
            self.finished = True
            return
        if self.skipping or tag in INVISIBLE_TAGS or tag == "blockquote" or classes & QUOTE_CLASSES:
            if tag not in VOID_TAGS:
                self.skipping.append(tag)
            return
        if tag == "br":
            self.text += "\n"
        elif tag in LINE_TAGS:
            self._break(1)
        elif tag in PARAGRAPH_TAGS:
            self._break(2)

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            if tag in self.skipping:
                while self.skipping.pop() != tag:
                    pass
            return
        if self.finished or tag in VOID_TAGS:
            return
        if tag in LINE_TAGS:
            self._break(1)
        elif tag in PARAGRAPH_TAGS:
            self._break(2)

    def handle_data(self, data: str) -> None:
        if not self.skipping and not self.finished:
            self.text += re.sub(r"\s+", " ", data.replace("\xa0", " "))


def html_to_text(html: str) -> str:
    """The visible, unquoted text of an HTML body, one line per line break, a blank line between paragraphs."""
    parser = _ReplyText()
    parser.feed(html)
    parser.close()
    lines = (line.strip() for line in parser.text.split("\n"))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
