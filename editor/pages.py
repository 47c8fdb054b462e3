"""The editor's HTML: the same string templates as the board, every value escaped unless its name ends in `_html`."""

import html
from functools import lru_cache
from pathlib import Path
from string import Template
from typing import Any, Iterable, List, Optional, Tuple
from zoneinfo import ZoneInfo

from editor.versions import Version
from playbooks.errors import PlaybookProblem

TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=None)
def _template(name: str) -> Template:
    return Template((TEMPLATES / name).read_text(encoding="utf-8"))


def _escape(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


def _fill(template: str, **values: Any) -> str:
    safe = {key: value if key.endswith("_html") else _escape(value) for key, value in values.items()}
    return _template(template).substitute(safe)


def _page(title: str, content_html: str) -> str:
    return _fill("layout.html", title=title, content_html=content_html)


def _account(email: str) -> str:
    return _fill("account.html", email=email)


def login_page(email: str = "", refusal: Optional[str] = None) -> str:
    message_html = f'<p class="refused" role="alert">{_escape(refusal)}</p>' if refusal else ""
    return _page("Log in: playbook editor", _fill("login.html", email=email, message_html=message_html))


def businesses_page(email: str, businesses: Iterable[Tuple[str, str]]) -> str:
    """The owner's businesses as (id, name), each linking to its editor."""
    items = "".join(f'<li><a href="/editor/{_escape(id_)}">{_escape(name)}</a></li>' for id_, name in businesses)
    return _page("Your playbooks", _fill("businesses.html", account_html=_account(email), businesses_html=items))


def message_page(heading: str, reason: str) -> str:
    return _page(heading, _fill("message.html", heading=heading, reason=reason))


def _problem(problem: PlaybookProblem) -> str:
    where = f"Line {problem.line}" if problem.line else "Whole file"
    return (f'<li><span class="line">{_escape(where)}</span>, <code class="field">{_escape(problem.field or "(top level)")}</code>: '
            f'{_escape(problem.message)}</li>')


def _problems(problems: List[PlaybookProblem]) -> str:
    count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
    return _fill("problems.html", count=count, problems_html="".join(map(_problem, problems)))


def _version(business_id: str, version: Version, current: bool, zone: ZoneInfo) -> str:
    rollback_html = "" if current else _fill("rollback.html", business_id=business_id, number=version.number)
    return _fill(
        "version.html", number=version.number, when=version.saved_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
        who=version.saved_by, current_html='<span class="current">current</span>' if current else "",
        changes_html="".join(f"<li>{_escape(line)}</li>" for line in version.changes), rollback_html=rollback_html,
    )


def edit_page(email: str, business_id: str, name: str, zone: ZoneInfo, text: str, started_from: str,
              versions: List[Version], current_text: str, notice: Optional[str] = None,
              problems: Optional[List[PlaybookProblem]] = None) -> str:
    """The playbook in a textarea above its versions, newest first; the version whose text is the file's is marked
    current and has no roll-back button."""
    message_html = (f'<p class="notice" role="status">{_escape(notice)}</p>' if notice else "") + (_problems(problems) if problems else "")
    if versions:
        current = next((version.number for version in versions if version.text == current_text), None)
        history_html = "<ol>" + "".join(_version(business_id, version, version.number == current, zone) for version in versions) + "</ol>"
    else:
        history_html = "<p>No versions yet: the first save keeps the file as it is now as version 1.</p>"
    return _page(f"{name}: playbook", _fill(
        "edit.html", account_html=_account(email), name=name, business_id=business_id, message_html=message_html,
        started_from=started_from, text=text, history_html=history_html,
    ))
