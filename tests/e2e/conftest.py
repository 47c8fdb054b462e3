"""Starts the real stack (Duckling, action server, board with outbox worker, Rasa) on free ports and a fresh database.

Every end-to-end test runs twice: on a new SQLite file and on a new schema in the local PostgreSQL, changing
nothing but DATABASE_URL, each database with its own stack and doubles. They run one after the other: on two
cores, two stacks at once took longer (11 min 22 s) than the two in turn (9 min 24 s).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import yaml
from sqlalchemy import create_engine, text

from tests.doubles.smtp_relay import SmtpRelayDouble
from tests.doubles.square import SIGNATURE_KEY, TEAM_MEMBERS, SquareDouble
from tests.doubles.twilio import TwilioDouble
from tests.doubles.vendors import PLAYBOOKS, VENDORS, demo_playbook

ROOT = Path(__file__).resolve().parents[2]
AUTH_TOKEN = "e2e-test-auth-token"
POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def database_url(request, tmp_path_factory):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'e2e.db'}"
        return
    schema = f"e2e_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, future=True)
    with admin.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    yield f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture(scope="session")
def pos_doubles():
    """One double per outside POS, each selling the demo pizzeria's menu under its own ids."""
    doubles = {provider: vendor.double_for_demo_menu().start() for provider, vendor in VENDORS.items()}
    yield doubles
    for double in doubles.values():
        double.stop()


@pytest.fixture(scope="session")
def salon_square():
    """Square for the demo salon: its services as bookable Square services, Maria and Alisha as team members."""
    double = SquareDouble.seeded_from_catalog(demo_playbook("bella-salon")["catalog"]).start()
    yield double
    double.stop()


@pytest.fixture(scope="session")
def twilio_rest():
    """Twilio's REST API, for the texts the assistant sends itself (deposit links)."""
    double = TwilioDouble(auth_token=AUTH_TOKEN).start()
    yield double
    double.stop()


@pytest.fixture(scope="session")
def smtp_relay():
    """The businesses' outgoing mail server, keeping every email reply the assistant sends."""
    relay = SmtpRelayDouble().start()
    yield relay
    relay.stop()


SALON_ON_SQUARE = "bella-on-square"
SALON_ON_SQUARE_NUMBER = "+15005550920"


def pos_business_id(provider: str) -> str:
    return f"tonys-on-{provider}"


def _salon_on_square(directory: Path, double) -> None:
    """Bella Hair & Spa on Square: bookings go to Square Bookings and the 20% deposit to a Square payment link."""
    data = demo_playbook("bella-salon")
    data["id"] = SALON_ON_SQUARE
    data["reaches"] = {"phone_numbers": [SALON_ON_SQUARE_NUMBER], "email": f"hello@{SALON_ON_SQUARE}.example"}
    data["pos"] = VENDORS["square"].pos_section(double, sync_minutes=60)
    data["pos"]["credentials"]["webhook_signature_key"] = "TEST_SQUARE_WEBHOOK_KEY"
    data["pos"]["account"]["team_members"] = {"maria": TEAM_MEMBERS[0], "alisha": TEAM_MEMBERS[1]}
    (directory / f"{SALON_ON_SQUARE}.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _playbooks_with_a_pizzeria_per_pos(directory: Path, doubles, salon_square) -> Path:
    """The demo playbooks, plus Tony's Pizzeria once per outside POS (the same playbook but its `pos:` section),
    plus the salon on Square."""
    for path in PLAYBOOKS.glob("*.yml"):
        if path.name != "schema.yml":
            (directory / path.name).write_text(path.read_text())
    for index, (provider, double) in enumerate(sorted(doubles.items())):
        data = demo_playbook()
        data["id"] = pos_business_id(provider)
        data["reaches"] = {"phone_numbers": [f"+1500555090{index}"], "email": f"orders@{data['id']}.example"}
        data["pos"] = VENDORS[provider].pos_section(double, sync_minutes=60)
        (directory / f"{data['id']}.yml").write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    _salon_on_square(directory, salon_square)
    return directory


@pytest.fixture(scope="session")
def stack(tmp_path_factory, database_url, pos_doubles, salon_square, twilio_rest, smtp_relay):
    ports = {name: _free_port() for name in ("DUCKLING_PORT", "ACTION_PORT", "BOARD_PORT", "RASA_PORT",
                                             "EMAIL_LISTEN_PORT")}
    env = {
        **os.environ,
        **{name: str(port) for name, port in ports.items()},
        "DATABASE_URL": database_url,
        "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
        "PUBLIC_BASE_URL": "https://assistant.example.test",
        "RASA_TELEMETRY_ENABLED": "false",
        "PLAYBOOKS_DIR": str(_playbooks_with_a_pizzeria_per_pos(tmp_path_factory.mktemp("playbooks"), pos_doubles,
                                                                 salon_square)),
        "CATALOG_CACHE_DIR": str(tmp_path_factory.mktemp("catalogs")),
        **{name: value for vendor in VENDORS.values() for name, value in vendor.environment.items()},
        "TEST_SQUARE_WEBHOOK_KEY": SIGNATURE_KEY,
        "WEBHOOK_BASE_URL": f"http://127.0.0.1:{ports['BOARD_PORT']}",
        "TWILIO_ACCOUNT_SID": twilio_rest.account_sid,
        "TWILIO_API_BASE_URL": twilio_rest.base_url,
        "EMAIL_LISTEN_HOST": "127.0.0.1",
        "SMTP_HOST": smtp_relay.host,
        "SMTP_PORT": str(smtp_relay.port),
    }
    log_dir = tmp_path_factory.mktemp("logs")
    env["DEVSTACK_LOG_DIR"] = str(log_dir)
    log = open(log_dir / "devstack.log", "w+")
    process = subprocess.Popen([sys.executable, "-m", "devstack"], cwd=ROOT, env=env, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 420
    while True:
        log.seek(0)
        output = log.read()
        if "Ready." in output:
            break
        if process.poll() is not None or time.monotonic() > deadline:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            pytest.fail(f"stack did not start (logs in {log_dir}):\n{output[-4000:]}")
        time.sleep(1)
    yield {
        "rasa": f"http://127.0.0.1:{ports['RASA_PORT']}",
        "board": f"http://127.0.0.1:{ports['BOARD_PORT']}",
        "public": env["PUBLIC_BASE_URL"],
        "database_url": env["DATABASE_URL"],
        "auth_token": AUTH_TOKEN,
        "playbooks": env["PLAYBOOKS_DIR"],
        "catalogs": env["CATALOG_CACHE_DIR"],
        "pos_doubles": pos_doubles,
        "salon_square": salon_square,
        "twilio_rest": twilio_rest,
        "email_port": ports["EMAIL_LISTEN_PORT"],
        "smtp_relay": smtp_relay,
    }
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(30)
