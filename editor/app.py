"""The owners' playbook editor, a Sanic blueprint the board mounts under /editor.

GET /editor logs an owner in (or lists their businesses); GET /editor/<business> shows the playbook's YAML in a
textarea above its versions; POST /editor/<business> saves it (422 with every problem, line and field when it
cannot be saved); POST /editor/<business>/versions/<n>/rollback saves version n again as a new version.
An owner only reaches the businesses they own; every POST must come from this site, as on the board.
"""

import asyncio
from pathlib import Path
from typing import List, Optional, Tuple
from zoneinfo import ZoneInfo

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse, html, redirect

from board.server import _same_site
from editor import accounts, pages, versions
from editor.sessions import COOKIE_NAME, SESSION_SECONDS, email_in, sign
from playbooks.errors import PlaybookError, PlaybookProblem
from playbooks.registry import PlaybookRegistry
from storage import Database

STATIC = Path(__file__).resolve().parent / "static"
CROSS_SITE = "This form can only be sent from the editor's own pages."


def editor_blueprint(db: Database, registry: PlaybookRegistry, secret: bytes, secure_cookies: bool = False) -> Blueprint:
    """`secure_cookies` marks the session cookie HTTPS-only: set it wherever the board is served over HTTPS."""
    bp = Blueprint("editor")
    bp.static("/editor/assets", str(STATIC))

    def session_cookie(response: HTTPResponse, value: str, max_age: int) -> HTTPResponse:
        """Sets (or, empty with max_age 0, clears) the session cookie: never readable by scripts, never sent
        with a request another site starts, and only to the editor's paths."""
        response.cookies[COOKIE_NAME] = value
        cookie = response.cookies[COOKIE_NAME]
        cookie["httponly"] = True
        cookie["samesite"] = "Strict"
        cookie["path"] = "/editor"
        cookie["max-age"] = max_age
        cookie["secure"] = secure_cookies
        return response

    def logged_in(request: Request) -> Optional[str]:
        return email_in(secret, request.cookies.get(COOKIE_NAME))

    async def owner_of(request: Request, business_id: str) -> Tuple[Optional[str], Optional[HTTPResponse]]:
        """The logged-in owner of `business_id`, or the response for anyone else."""
        email = logged_in(request)
        if email is None:
            return None, redirect("/editor", status=303)
        if business_id not in await asyncio.to_thread(accounts.owned_businesses, db, email):
            return None, html(pages.message_page("Not yours", f"{email} cannot edit the playbook of {business_id!r}."), status=403)
        if not versions.playbook_path(registry, business_id).is_file():
            return None, html(pages.message_page("Not found", f"There is no playbook file for {business_id!r}."), status=404)
        return email, None

    async def editor_page(email: str, business_id: str, text: Optional[str] = None, notice: Optional[str] = None,
                          problems: Optional[List[PlaybookProblem]] = None, status: int = 200) -> HTTPResponse:
        """The page with the owner's `text` when given (kept after a refused save), else the file's."""
        current = await asyncio.to_thread(versions.playbook_path(registry, business_id).read_text, encoding="utf-8")
        history = await asyncio.to_thread(versions.history, db, business_id)
        playbook = await asyncio.to_thread(registry.by_id, business_id)
        name, zone = (playbook.name, playbook.timezone) if playbook else (business_id, ZoneInfo("UTC"))
        return html(pages.edit_page(email, business_id, name, zone, current if text is None else text,
                                    versions.fingerprint(current), history, current, notice, problems), status=status)

    @bp.get("/editor")
    async def home(request: Request) -> HTTPResponse:
        email = logged_in(request)
        if email is None:
            return html(pages.login_page())
        owned = await asyncio.to_thread(accounts.owned_businesses, db, email)
        if len(owned) == 1:
            return redirect(f"/editor/{owned[0]}", status=303)
        named = [(business_id, getattr(await asyncio.to_thread(registry.by_id, business_id), "name", business_id))
                 for business_id in owned]
        return html(pages.businesses_page(email, named))

    @bp.post("/editor/login")
    async def log_in(request: Request) -> HTTPResponse:
        if not _same_site(request):
            return html(pages.login_page(refusal=CROSS_SITE), status=403)
        email = request.form.get("email", "") if request.form else ""
        password = request.form.get("password", "") if request.form else ""
        try:
            owner = await asyncio.to_thread(accounts.log_in, db, email, password, request.remote_addr or request.ip)
        except accounts.LockedOut:
            minutes = int(accounts.LOCK_WINDOW.total_seconds() // 60)
            return html(pages.login_page(email, f"Too many failed logins: try again in {minutes} minutes."), status=429)
        if owner is None:
            return html(pages.login_page(email, "Wrong email or password."), status=401)
        return session_cookie(redirect("/editor", status=303), sign(secret, owner), SESSION_SECONDS)

    @bp.post("/editor/logout")
    async def log_out(request: Request) -> HTTPResponse:
        if not _same_site(request):
            return html(pages.message_page("Refused", CROSS_SITE), status=403)
        return session_cookie(redirect("/editor", status=303), "", 0)

    @bp.get("/editor/<business_id>")
    async def show(request: Request, business_id: str) -> HTTPResponse:
        email, refusal = await owner_of(request, business_id)
        if refusal:
            return refusal
        saved, unchanged = request.args.get("saved"), request.args.get("unchanged")
        notice = f"Saved as version {saved}." if saved else ("Nothing changed, so no new version." if unchanged else None)
        return await editor_page(email, business_id, notice=notice)

    @bp.post("/editor/<business_id>")
    async def save(request: Request, business_id: str) -> HTTPResponse:
        email, refusal = await owner_of(request, business_id)
        if refusal:
            return refusal
        if not _same_site(request):
            return html(pages.message_page("Refused", CROSS_SITE), status=403)
        # Browsers send a textarea's line breaks as CRLF.
        text = (request.form.get("text", "") if request.form else "").replace("\r\n", "\n")
        started_from = request.form.get("started_from") if request.form else None
        try:
            saved = await asyncio.to_thread(versions.save, db, registry, business_id, text, email, started_from)
        except PlaybookError as error:
            return await editor_page(email, business_id, text=text, problems=error.problems, status=422)
        return redirect(f"/editor/{business_id}?" + (f"saved={saved.number}" if saved else "unchanged=1"), status=303)

    @bp.post("/editor/<business_id>/versions/<number:int>/rollback")
    async def roll_back(request: Request, business_id: str, number: int) -> HTTPResponse:
        email, refusal = await owner_of(request, business_id)
        if refusal:
            return refusal
        if not _same_site(request):
            return html(pages.message_page("Refused", CROSS_SITE), status=403)
        try:
            saved = await asyncio.to_thread(versions.roll_back, db, registry, business_id, number, email)
        except LookupError as error:
            return html(pages.message_page("Not found", str(error)), status=404)
        except PlaybookError as error:
            old = await asyncio.to_thread(versions.get_version, db, business_id, number)
            notice = (f"Version {number} no longer passes the checks, so it was not restored. Its text is below: "
                      "fix it and save, or reload the page to leave the playbook as it is.")
            return await editor_page(email, business_id, text=old.text, notice=notice, problems=error.problems, status=422)
        return redirect(f"/editor/{business_id}?" + (f"saved={saved.number}" if saved else "unchanged=1"), status=303)

    @bp.middleware("response")
    async def private(request: Request, response: HTTPResponse) -> None:
        """An owner's playbook and history stay out of shared caches and the back-button cache."""
        response.headers["Cache-Control"] = "no-store"

    return bp
