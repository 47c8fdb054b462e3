"""VIPs from a POS customer group (`rules.vips.pos_group`): the sync from Square's customer groups over every page,
a POS that fails leaving the last list in place, the double answering the group calls as Square documents, POSes
without groups refused clearly (at sync and in the playbook),
the worker and the command, and session start greeting a synced VIP exactly like one of the playbook's own."""

import asyncio
import logging

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

import actions.context
from actions.session import ActionSessionStart
from handoff import open_handoffs
from playbooks import Playbook, PlaybookRegistry
from playbooks.errors import PlaybookError
from playbooks.loader import load_playbook
from pos.__main__ import main as pos_command
from pos.adapters import PermanentPosError, UnclearPosError, UnsupportedByPos
from pos.adapters.square import SQUARE_VERSION, read_square_error
from pos.http import PosHttp
from pos.vip_group import group_vip, refresh_vip_groups_forever, sync_vip_group
from storage import Database
from storage.tables import vip_group_members
from tests.doubles.square import SquareDouble
from tests.unit.conftest import PLAYBOOKS

TOKEN_VARIABLE = "TONYS_SQUARE_TOKEN"
GROUP = "VIP regulars"
SYNCED = {
    ("Dana Whitfield", "+16465550101", "dana@example.com"),
    ("Marco Rossi", "+16465550102", None),
    ("Harbor Catering", None, "orders@harbor.example"),
}


def run(coroutine):
    return asyncio.run(coroutine)


@pytest.fixture
def square(monkeypatch):
    """Three groups over two pages and five VIPs over three: two of them with nothing to greet or recognise them by."""
    double = SquareDouble(page_size=2)
    wholesale, staff, vips = (double.add_customer_group(name) for name in ("Wholesale", "Staff", GROUP))
    double.add_customer([vips], given_name="Dana", family_name="Whitfield", phone_number="+1 (646) 555-0101",
                        email_address="Dana@Example.com")
    double.add_customer([vips, staff], given_name="Marco", family_name="Rossi", phone_number="646-555-0102")
    double.add_customer([vips], company_name="Harbor Catering", email_address="orders@harbor.example")
    double.add_customer([vips], phone_number="+16465550104")
    double.add_customer([vips], given_name="Lee")
    double.add_customer([staff, wholesale], given_name="Paula", family_name="Nunez", phone_number="+16465550105")
    double.start()
    monkeypatch.setenv(TOKEN_VARIABLE, double.access_token)
    yield double
    double.stop()
    assert double.spec_violations == [] and double.answer_violations == []


def pizzeria(pos=None, **vips):
    """The demo pizzeria's playbook data, on another POS and with these `rules.vips` settings."""
    data = yaml.safe_load((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    if pos is not None:
        data["pos"] = pos
    data["rules"]["vips"].update(vips)
    return data


def on_square(double: SquareDouble, **pos) -> dict:
    return {"provider": "square", "base_url": double.base_url, "credentials": {"access_token": TOKEN_VARIABLE},
            "account": {"location_id": double.location_id}, "timeout_seconds": 2, **pos}


def stored(db: Database):
    with db.engine.connect() as connection:
        rows = connection.execute(select(vip_group_members.c.name, vip_group_members.c.phone,
                                         vip_group_members.c.email, vip_group_members.c.group_name)).all()
    assert {row.group_name for row in rows} <= {GROUP}
    return {(row.name, row.phone, row.email) for row in rows}


# ---- the sync -----------------------------------------------------------------------------------------------------

def test_the_sync_reads_every_page_and_keeps_the_members_a_caller_can_be_recognised_by(square, db):
    report = run(sync_vip_group(Playbook.from_dict(pizzeria(on_square(square), pos_group=GROUP)), db))
    assert (report.kept, report.left_out) == (3, 2)
    assert str(report).startswith("tonys-pizzeria: 3 VIPs from the square customer group 'VIP regulars'; 2 left out")
    assert stored(db) == SYNCED
    group_pages = square.requests_to("GET", "/v2/customers/groups")
    assert len(group_pages) == 2 and "cursor" not in group_pages[0].query and group_pages[1].query["cursor"]
    searches = [request.json() for request in square.requests_to("POST", "/v2/customers/search")]
    vip_group_id = square.customer_groups[2]["id"]
    assert searches[0] == {"query": {"filter": {"group_ids": {"all": [vip_group_id]}}}, "limit": 100}
    assert len(searches) == 3 and searches[1]["cursor"] and searches[2]["cursor"]
    assert {search["query"]["filter"]["group_ids"]["all"][0] for search in searches} == {vip_group_id}


def test_synced_members_are_found_by_their_number_or_any_case_of_their_email_in_this_group_only(square, db):
    run(sync_vip_group(Playbook.from_dict(pizzeria(on_square(square), pos_group=GROUP)), db))
    assert group_vip(db, "tonys-pizzeria", GROUP, "+16465550102", None).name == "Marco Rossi"
    assert group_vip(db, "tonys-pizzeria", GROUP, None, " DANA@example.com ").name == "Dana Whitfield"
    assert group_vip(db, "tonys-pizzeria", GROUP, "+16465550199", "orders@harbor.example").name == "Harbor Catering"
    assert group_vip(db, "tonys-pizzeria", GROUP, "+16465550105", None) is None  # Paula is staff, not a VIP
    assert group_vip(db, "tonys-pizzeria", "Regulars", "+16465550102", None) is None  # the owner named another group
    assert group_vip(db, "bella-salon", GROUP, "+16465550102", None) is None
    assert group_vip(db, "tonys-pizzeria", GROUP, None, None) is None


def test_a_pos_that_fails_or_no_longer_has_the_group_leaves_the_last_list(square, db, monkeypatch):
    playbook = Playbook.from_dict(pizzeria(on_square(square), pos_group=GROUP))
    run(sync_vip_group(playbook, db))
    square.fail_next("POST", "/v2/customers/search", 503, {"errors": [
        {"category": "API_ERROR", "code": "SERVICE_UNAVAILABLE", "detail": "Try again later."}]})
    with pytest.raises(UnclearPosError, match="SERVICE_UNAVAILABLE"):
        run(sync_vip_group(playbook, db))
    assert stored(db) == SYNCED
    square.customer_groups[2]["name"] = "Regulars"
    with pytest.raises(PermanentPosError, match="no customer group named 'VIP regulars'.*'Regulars', 'Staff', 'Wholesale'"):
        run(sync_vip_group(playbook, db))
    assert stored(db) == SYNCED
    monkeypatch.setenv(TOKEN_VARIABLE, "EAAAl-revoked")
    with pytest.raises(PermanentPosError, match="UNAUTHORIZED"):
        run(sync_vip_group(playbook, db))
    assert stored(db) == SYNCED


def test_a_sync_that_succeeds_replaces_the_whole_list(square, db):
    playbook = Playbook.from_dict(pizzeria(on_square(square), pos_group=GROUP))
    run(sync_vip_group(playbook, db))
    marco = next(customer for customer in square.customers if customer.get("given_name") == "Marco")
    marco["group_ids"] = [square.customer_groups[1]["id"]]
    square.add_customer([square.customer_groups[2]], given_name="Ines", phone_number="+16465550106")
    run(sync_vip_group(playbook, db))
    assert stored(db) == SYNCED - {("Marco Rossi", "+16465550102", None)} | {("Ines", "+16465550106", None)}


def test_two_groups_with_the_groups_name_are_refused_rather_than_guessed(square, db):
    square.add_customer_group("vip Regulars ")
    with pytest.raises(PermanentPosError, match="2 customer groups are named 'VIP regulars'"):
        run(sync_vip_group(Playbook.from_dict(pizzeria(on_square(square), pos_group=GROUP)), db))
    assert stored(db) == set()


def test_the_double_answers_group_calls_as_square_documents(square):
    http = PosHttp("square", square.base_url, {"Authorization": f"Bearer {square.access_token}",
                                                "Square-Version": SQUARE_VERSION}, 2.0, read_square_error)
    with pytest.raises(PermanentPosError, match="VALUE_TOO_HIGH.*limit"):
        run(http.call("GET", "/v2/customers/groups", params={"limit": "51"}))
    with pytest.raises(PermanentPosError, match="EXPECTED_INTEGER.*limit"):
        run(http.call("GET", "/v2/customers/groups", params={"limit": "ten"}))
    with pytest.raises(PermanentPosError, match="INVALID_CURSOR"):
        run(http.call("GET", "/v2/customers/groups", params={"cursor": "not-a-cursor"}))
    assert run(http.call("POST", "/v2/customers/search", json_body={
        "query": {"filter": {"group_ids": {"all": ["NO-SUCH-GROUP"]}}}})) == {}
    staff_not_wholesale = {"query": {"filter": {"group_ids": {"any": [square.customer_groups[1]["id"]],
                                                              "none": [square.customer_groups[0]["id"]]}}}}
    [marco] = run(http.call("POST", "/v2/customers/search", json_body=staff_not_wholesale))["customers"]
    assert marco["given_name"] == "Marco"
    with pytest.raises(PermanentPosError, match="INVALID_VALUE.*query.filter.reference_id"):
        run(http.call("POST", "/v2/customers/search", json_body={"query": {"filter": {"reference_id": {"exact": "x"}}}}))
    with pytest.raises(PermanentPosError, match="VALUE_TOO_HIGH.*limit"):
        run(http.call("POST", "/v2/customers/search", json_body={"limit": 101}))
    [(_, path, _)] = square.spec_violations
    assert path == "/v2/customers/search"
    square.spec_violations.clear()


@pytest.mark.parametrize("provider", ["house", "clover", "loyverse", "eposnow", "revel"])
def test_a_pos_without_customer_groups_says_so_clearly(provider, monkeypatch):
    for variable in ("X_TOKEN", "X_KEY", "X_SECRET"):
        monkeypatch.setenv(variable, "secret")
    pos = {"provider": provider, "base_url": "http://127.0.0.1:9",
           "credentials": {"access_token": "X_TOKEN", "api_key": "X_KEY", "api_secret": "X_SECRET"},
           "account": {"merchant_id": "M1", "subdomain": "tonys"}}
    with pytest.raises(UnsupportedByPos, match=f"^{provider}: customer groups cannot be read from this POS; "
                                               "list these VIPs under rules.vips.people instead$"):
        run(sync_vip_group(Playbook.from_dict(pizzeria(pos, pos_group=GROUP)), None))


# ---- the playbook -------------------------------------------------------------------------------------------------

def _problems(tmp_path, data):
    path = tmp_path / "tonys-pizzeria.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    line = next(number for number, text in enumerate(path.read_text().splitlines(), 1) if "pos_group:" in text)
    with pytest.raises(PlaybookError) as error:
        load_playbook(path)
    return line, error.value.problems


def test_pos_group_is_checked_with_file_line_and_field(tmp_path):
    line, [problem] = _problems(tmp_path, pizzeria(pos_group=GROUP))
    assert (problem.line, problem.field) == (line, "rules.vips.pos_group")
    assert problem.message == ("customer groups cannot be read from the house POS (they can from square); "
                               "list these VIPs under rules.vips.people instead")
    square_pos = {"provider": "square", "credentials": {"access_token": TOKEN_VARIABLE}, "account": {"location_id": "L1"}}
    for blank in ("", "   "):
        line, [problem] = _problems(tmp_path, pizzeria(square_pos, pos_group=blank))
        assert (problem.line, problem.field) == (line, "rules.vips.pos_group")


def test_a_square_business_has_vips_from_its_people_and_its_group_together(tmp_path):
    square_pos = {"provider": "square", "credentials": {"access_token": TOKEN_VARIABLE}, "account": {"location_id": "L1"}}
    path = tmp_path / "tonys-pizzeria.yml"
    path.write_text(yaml.safe_dump(pizzeria(square_pos, pos_group=GROUP), sort_keys=False))
    rules = load_playbook(path).rules
    assert rules.vip_pos_group == GROUP and rules.vip("+12175550142", None).name == "Mrs. Alvarez"


# ---- the worker and the command -----------------------------------------------------------------------------------

def _registry(tmp_path, data) -> PlaybookRegistry:
    directory = tmp_path / "playbooks"
    directory.mkdir(exist_ok=True)
    (directory / "tonys-pizzeria.yml").write_text(yaml.safe_dump(data, sort_keys=False))
    return PlaybookRegistry(directory)


def test_the_worker_syncs_a_business_that_sets_sync_minutes(square, tmp_path):
    registry = _registry(tmp_path, pizzeria(on_square(square, sync_minutes=30), pos_group=GROUP))
    db = Database(f"sqlite:///{tmp_path / 'worker.db'}")
    # Tables and WAL mode made before the worker and the poll below open connections from two threads at once.
    assert stored(db) == set()

    async def until_synced():
        stop = asyncio.Event()
        worker = asyncio.create_task(refresh_vip_groups_forever(registry, db, stop, tick_seconds=0.05))
        for _ in range(100):
            if await asyncio.to_thread(stored, db):
                break
            await asyncio.sleep(0.05)
        stop.set()
        await worker

    run(until_synced())
    assert stored(db) == SYNCED
    db.dispose()


def test_sync_vips_command_prints_the_report_or_why_it_failed(square, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("playbooks.registry._default", _registry(tmp_path, pizzeria(on_square(square), pos_group=GROUP)))
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'command.db'}")
    assert pos_command(["sync-vips", "tonys-pizzeria"]) == 0
    assert "3 VIPs from the square customer group 'VIP regulars'" in capsys.readouterr().out
    monkeypatch.setenv(TOKEN_VARIABLE, "EAAAl-revoked")
    assert pos_command(["sync-vips", "tonys-pizzeria"]) == 1
    assert "sync-vips failed: square GET /v2/customers/groups -> 401" in capsys.readouterr().err


# ---- session start ------------------------------------------------------------------------------------------------

@pytest.fixture
def synced_pizzeria(square, tmp_path, monkeypatch):
    """The demo pizzeria on Square, its VIP group synced into the actions' database; `then` is set per test."""

    def build(then="offer_person"):
        registry = _registry(tmp_path, pizzeria(on_square(square), pos_group=GROUP, then=then))
        monkeypatch.setattr("playbooks.registry._default", registry)
        run(sync_vip_group(registry.by_id("tonys-pizzeria"), actions.context.database()))

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'session.db'}")
    monkeypatch.setattr(actions.context, "_database", None)
    yield build
    actions.context.database().dispose()


def _session_slots(sender, **metadata):
    tracker = Tracker(sender, {"session_started_metadata": {"business_id": "tonys-pizzeria", **metadata}},
                      {}, [], False, None, {}, "action_listen")
    events = run(ActionSessionStart().run(CollectingDispatcher(), tracker, {}))
    return {event["name"]: event["value"] for event in events if event.get("event") == "slot"}


def test_a_synced_vip_is_greeted_by_name_and_offered_a_person(synced_pizzeria):
    synced_pizzeria()
    slots = _session_slots("sms:tonys-pizzeria:+16465550102", channel="sms", caller_phone="(646) 555-0102")
    assert slots["returning_customer"] == "Marco Rossi" and slots["customer_name"] == "Marco Rossi"
    assert slots["vip"] == "offer_person" and slots["known_caller"] is False
    slots = _session_slots("email:tonys-pizzeria:dana", channel="email", caller_email="Dana@Example.com")
    assert slots["returning_customer"] == "Dana Whitfield" and slots["vip"] == "offer_person"
    slots = _session_slots("sms:tonys-pizzeria:+12175550142", channel="sms", caller_phone="+1 217 555 0142")
    assert slots["returning_customer"] == "Mrs. Alvarez"  # the playbook's own VIPs still count
    slots = _session_slots("sms:tonys-pizzeria:+16465550105", channel="sms", caller_phone="+16465550105")
    assert "vip" not in slots and "returning_customer" not in slots


def test_a_synced_vip_calling_is_put_through_with_the_vip_reason(synced_pizzeria):
    synced_pizzeria(then="transfer")
    slots = _session_slots("voice:tonys-pizzeria:CA1", channel="voice", caller_phone="+16465550101")
    assert slots["vip"] == "transfer" and slots["returning_customer"] == "Dana Whitfield"
    [handoff] = open_handoffs(actions.context.database(), "tonys-pizzeria")
    assert (handoff["reason"], handoff["summary"], handoff["conversation_id"]) == (
        "vip", "VIP Dana Whitfield", "voice:tonys-pizzeria:CA1")


def test_a_failing_lookup_serves_the_caller_as_anyone_and_logs_no_number(synced_pizzeria, monkeypatch, caplog):
    synced_pizzeria()

    def broken(*args):
        raise OperationalError("SELECT name FROM vip_group_members WHERE phone = ?", ("+16465550102",),
                               Exception("database is locked"))

    monkeypatch.setattr("pos.vip_group.group_vip", broken)
    with caplog.at_level(logging.INFO):
        slots = _session_slots("sms:tonys-pizzeria:+16465550102", channel="sms", caller_phone="+16465550102")
    assert "vip" not in slots and slots["business_id"] == "tonys-pizzeria"
    assert "treating the caller as not a VIP" in caplog.text and "6465550102" not in caplog.text
