"""The editor blueprint mounted on the real board app, served on a free port and used like a browser would."""

import asyncio
import functools
import html
import re
import shutil

import aiohttp
import pytest
from sanic import Sanic

from board.server import create_app
from editor.accounts import set_owner
from editor.app import editor_blueprint
from editor.versions import history, playbook_path
from playbooks import PlaybookRegistry
from tests.unit.conftest import PLAYBOOKS
from tests.unit.test_board import BUSINESSES, RASA_URL, serving

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def sanic_test_mode(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)


@pytest.fixture
def registry(tmp_path):
    for path in PLAYBOOKS.glob("*.yml"):
        if path.name != "schema.yml":
            shutil.copy(path, tmp_path / path.name)
    return PlaybookRegistry(tmp_path)


@pytest.fixture
def app(db, registry):
    set_owner(db, "tonys-pizzeria", "tony@example.com", PASSWORD)
    set_owner(db, "lucky-noodle", "noodle@example.com", PASSWORD)

    async def no_tickets(_business_id):
        return []

    board, _sio = create_app(BUSINESSES, no_tickets, RASA_URL)
    board.blueprint(editor_blueprint(db, registry, b"test secret"))
    return board


def in_loop(test):
    """Runs an async test body in its own event loop (the unit tests use no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return asyncio.run(test(*args, **kwargs))

    return run


def browser():
    """A client keeping cookies for 127.0.0.1, as a browser does."""
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


async def log_in(session, base, email="tony@example.com", password=PASSWORD):
    async with session.post(f"{base}/editor/login", data={"email": email, "password": password},
                            allow_redirects=False) as reply:
        return reply.status, reply.headers.get("Set-Cookie", ""), await reply.text()


async def get(session, url):
    async with session.get(url, allow_redirects=False) as reply:
        return reply.status, reply.headers, await reply.text()


async def post(session, url, data, **headers):
    async with session.post(url, data=data, headers=headers, allow_redirects=False) as reply:
        return reply.status, reply.headers, await reply.text()


def form_fields(page):
    text = re.search(r'<textarea[^>]*>(.*?)</textarea>', page, re.S).group(1)
    started_from = re.search(r'name="started_from" value="([0-9a-f]+)"', page).group(1)
    return html.unescape(text), started_from


@in_loop
async def test_the_editor_needs_a_login_and_the_login_sets_a_strict_http_only_cookie(app):
    async with serving(app) as base, browser() as session:
        status, headers, _ = await get(session, f"{base}/editor/tonys-pizzeria")
        assert (status, headers["Location"]) == (303, "/editor")
        status, headers, page = await get(session, f"{base}/editor")
        assert status == 200 and 'name="password"' in page
        assert "script-src 'self'" in headers["Content-Security-Policy"] and headers["Cache-Control"] == "no-store"
        assert (await log_in(session, base, password="wrong password"))[0] == 401
        status, cookie, _ = await log_in(session, base)
        assert status == 303
        assert "editor_session=" in cookie and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/editor" in cookie
        status, headers, _ = await get(session, f"{base}/editor")
        assert (status, headers["Location"]) == (303, "/editor/tonys-pizzeria")
        status, _, page = await get(session, f"{base}/editor/tonys-pizzeria")
        assert status == 200 and "id: tonys-pizzeria" in page and "No versions yet" in page
        await post(session, f"{base}/editor/logout", {})
        assert (await get(session, f"{base}/editor/tonys-pizzeria"))[0] == 303


@in_loop
async def test_a_forged_cookie_and_another_business_are_refused(app, registry):
    before = playbook_path(registry, "lucky-noodle").read_text()
    async with serving(app) as base, browser() as session:
        session.cookie_jar.update_cookies({"editor_session": "dG9ueUBleGFtcGxlLmNvbQ.9999999999.forged"})
        assert (await get(session, f"{base}/editor/tonys-pizzeria"))[0] == 303
        await log_in(session, base)
        status, _, page = await get(session, f"{base}/editor/lucky-noodle")
        assert status == 403 and "lucky-noodle" in page
        assert (await post(session, f"{base}/editor/lucky-noodle", {"text": "id: lucky-noodle\n"}))[0] == 403
        assert (await post(session, f"{base}/editor/lucky-noodle/versions/1/rollback", {}))[0] == 403
    assert playbook_path(registry, "lucky-noodle").read_text() == before


@in_loop
async def test_cross_site_posts_are_refused(app, registry):
    before = playbook_path(registry, "tonys-pizzeria").read_text()
    async with serving(app) as base, browser() as session:
        status, _, _ = await post(session, f"{base}/editor/login", {"email": "tony@example.com", "password": PASSWORD},
                                  Origin="https://evil.example")
        assert status == 403
        await log_in(session, base)
        status, _, _ = await post(session, f"{base}/editor/tonys-pizzeria", {"text": before.replace("15.00", "1.00")},
                                  **{"Sec-Fetch-Site": "cross-site"})
        assert status == 403
    assert playbook_path(registry, "tonys-pizzeria").read_text() == before


@in_loop
async def test_an_invalid_edit_is_shown_again_with_each_problem_line_and_field(app, registry):
    before = playbook_path(registry, "tonys-pizzeria").read_text()
    broken = before.replace("prep_minutes: 20", "prep_minutes: soon").replace("\n", "\r\n")
    async with serving(app) as base, browser() as session:
        await log_in(session, base)
        _, started_from = form_fields((await get(session, f"{base}/editor/tonys-pizzeria"))[2])
        status, _, page = await post(session, f"{base}/editor/tonys-pizzeria", {"text": broken, "started_from": started_from})
    line = before.splitlines().index("  prep_minutes: 20") + 1
    assert status == 422
    assert f'<span class="line">Line {line}</span>, <code class="field">ordering.prep_minutes</code>' in page
    assert form_fields(page)[0] == broken.replace("\r\n", "\n")
    assert playbook_path(registry, "tonys-pizzeria").read_text() == before


@in_loop
async def test_saving_replaces_the_file_the_registry_reads_and_roll_back_restores_it(app, db, registry):
    path = playbook_path(registry, "tonys-pizzeria")
    before = path.read_text()
    assert registry.by_id("tonys-pizzeria").catalog_data["items"][0]["variations"][2]["price"] == 15.0
    async with serving(app) as base, browser() as session:
        await log_in(session, base)
        text, started_from = form_fields((await get(session, f"{base}/editor/tonys-pizzeria"))[2])
        edited = text.replace("price: 15.00", "price: 15.50", 1).replace("\n", "\r\n")
        status, headers, _ = await post(session, f"{base}/editor/tonys-pizzeria", {"text": edited, "started_from": started_from})
        assert (status, headers["Location"]) == (303, "/editor/tonys-pizzeria?saved=2")
        assert registry.by_id("tonys-pizzeria").catalog_data["items"][0]["variations"][2]["price"] == 15.5
        assert PlaybookRegistry(registry.directory).by_id("tonys-pizzeria").catalog_data["items"][0]["variations"][2]["price"] == 15.5
        _, _, page = await get(session, f"{base}/editor/tonys-pizzeria?saved=2")
        assert "Saved as version 2." in page and "by <span class=\"who\">tony@example.com</span>" in page
        assert "catalog.items[cheese-pizza].variations[cheese-pizza-large].price: 15.0 → 15.5" in page
        assert "as found on disk" in page and page.count("Roll back to this version") == 1
        status, headers, _ = await post(session, f"{base}/editor/tonys-pizzeria/versions/1/rollback", {})
        assert (status, headers["Location"]) == (303, "/editor/tonys-pizzeria?saved=3")
        assert (await post(session, f"{base}/editor/tonys-pizzeria/versions/7/rollback", {}))[0] == 404
    assert path.read_text() == before
    assert history(db, "tonys-pizzeria")[0].changes[0] == "rolled back to version 1"
    assert registry.by_id("tonys-pizzeria").catalog_data["items"][0]["variations"][2]["price"] == 15.0


@in_loop
async def test_after_five_wrong_passwords_even_the_right_one_waits(app):
    async with serving(app) as base, browser() as session:
        for _ in range(5):
            assert (await log_in(session, base, password="wrong password"))[0] == 401
        status, _, page = await log_in(session, base)
    assert status == 429 and "try again in 15 minutes" in page
