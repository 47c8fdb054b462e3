"""An owner edits their playbook in a real browser: Debian's Chromium, headless, driven by Selenium, against the
real board process (alone, on a copy of the demo playbooks and a fresh SQLite file)."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from playbooks import PlaybookRegistry
from tests.doubles.vendors import PLAYBOOKS
from tests.e2e.conftest import ROOT, _free_port

BUSINESS = "tonys-pizzeria"
EMAIL = f"owner@{BUSINESS}.example"
PASSWORD = "browser test password"


def _large_cheese_price(directory) -> float:
    """The price as a registry that has never seen the files before reads it."""
    item = PlaybookRegistry(directory).by_id(BUSINESS).catalog_data["items"][0]
    return next(variation["price"] for variation in item["variations"] if variation["id"] == "cheese-pizza-large")


@pytest.fixture
def board(tmp_path):
    """The board process with an owner made by `python -m editor add-owner`, as an operator would."""
    playbooks = tmp_path / "playbooks"
    playbooks.mkdir()
    for path in PLAYBOOKS.glob("*.yml"):
        if path.name != "schema.yml":
            shutil.copy(path, playbooks / path.name)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PLAYBOOKS_DIR": str(playbooks),
           "CATALOG_CACHE_DIR": str(tmp_path / "catalogs"), "DATABASE_URL": f"sqlite:///{tmp_path / 'board.db'}",
           "BOARD_PORT": str(port), "EDITOR_SECRET": "browser-test-secret", "EDITOR_PASSWORD": PASSWORD}
    subprocess.run([sys.executable, "-m", "editor", "add-owner", BUSINESS, EMAIL], cwd=ROOT, env=env, check=True)
    log = open(tmp_path / "board.log", "w+")
    process = subprocess.Popen([sys.executable, "-m", "board"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                               start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=2):
                break
        except (urllib.error.URLError, ConnectionError):
            if process.poll() is not None or time.monotonic() > deadline:
                log.seek(0)
                pytest.fail(f"the board did not start:\n{log.read()[-3000:]}")
            time.sleep(0.3)
    yield base, playbooks
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(30)


@pytest.fixture
def chromium():
    profile = tempfile.mkdtemp(prefix="chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.implicitly_wait(5)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def _replace_text(driver, old: str, new: str) -> None:
    """Edits the textarea's text as typing would leave it (setting the value; typing 10 kB key by key is slow)."""
    area = driver.find_element(By.ID, "playbook-text")
    text = area.get_attribute("value")
    assert old in text
    driver.execute_script("arguments[0].value = arguments[1];", area, text.replace(old, new, 1))


def test_an_owner_changes_a_price_sees_a_mistake_refused_and_rolls_back(board, chromium):
    base, playbooks = board
    original = (playbooks / f"{BUSINESS}.yml").read_text()
    chromium.get(f"{base}/editor")
    chromium.find_element(By.ID, "email").send_keys(EMAIL)
    chromium.find_element(By.ID, "password").send_keys(PASSWORD)
    chromium.find_element(By.ID, "log-in").click()
    WebDriverWait(chromium, 10).until(expected_conditions.url_to_be(f"{base}/editor/{BUSINESS}"))
    assert "No versions yet" in chromium.find_element(By.CLASS_NAME, "history").text

    _replace_text(chromium, "price: 15.00", "price: 16.25")
    chromium.find_element(By.ID, "save").click()
    assert chromium.find_element(By.CLASS_NAME, "notice").text == "Saved as version 2."
    newest = chromium.find_element(By.ID, "version-2").text
    assert EMAIL in newest and "catalog.items[cheese-pizza].variations[cheese-pizza-large].price: 15.0 → 16.25" in newest
    assert "as found on disk" in chromium.find_element(By.ID, "version-1").text
    assert _large_cheese_price(playbooks) == 16.25

    _replace_text(chromium, "prep_minutes: 20", "prep_minutes: soon")
    chromium.find_element(By.ID, "save").click()
    line = original.splitlines().index("  prep_minutes: 20") + 1
    problems = chromium.find_element(By.CLASS_NAME, "problems").text
    assert "Not saved: 1 problem" in problems and f"Line {line}, ordering.prep_minutes" in problems
    assert "prep_minutes: soon" in chromium.find_element(By.ID, "playbook-text").get_attribute("value")
    assert _large_cheese_price(playbooks) == 16.25

    chromium.get(f"{base}/editor/{BUSINESS}")
    chromium.find_element(By.CSS_SELECTOR, "#version-1 .roll-back").click()
    assert chromium.find_element(By.CLASS_NAME, "notice").text == "Saved as version 3."
    assert "rolled back to version 1" in chromium.find_element(By.ID, "version-3").text
    assert (playbooks / f"{BUSINESS}.yml").read_text() == original
    assert _large_cheese_price(playbooks) == 15.0
