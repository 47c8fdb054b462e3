import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from playbooks import PlaybookError, PlaybookRegistry, load_playbook

PLAYBOOKS = Path(__file__).resolve().parents[2] / "playbooks"


def test_demo_playbooks_load_and_resolve_by_every_route(registry):
    assert {p.id for p in registry.load_all()} >= {"tonys-pizzeria", "lucky-noodle"}
    assert registry.by_phone("+1 (500) 555-0101").id == "tonys-pizzeria"
    assert registry.by_email("Hello@Lucky-Noodle.example").id == "lucky-noodle"
    assert registry.by_id("nobody") is None
    assert registry.by_phone("+15550000000") is None


def test_hours_and_catalog_are_typed(pizzeria):
    assert pizzeria.timezone.key == "America/New_York"
    opens, closes = pizzeria.hours.week[4][0]
    assert (opens.hour, closes.hour) == (11, 23)
    assert pizzeria.ordering.fulfillment == ("pickup", "delivery")


def _write(tmp_path, text, name="bad-place.yml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def _broken_copy(tmp_path, old, new):
    original = (PLAYBOOKS / "tonys-pizzeria.yml").read_text()
    assert old in original
    return _write(tmp_path, original.replace(old, new), "tonys-pizzeria.yml")


def test_schema_error_names_file_line_and_field(tmp_path):
    path = _broken_copy(tmp_path, "timezone: America/New_York", "timezone: 42")
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    problem = raised.value.problems[0]
    assert problem.file == str(path)
    assert problem.field == "timezone"
    assert problem.line == 5
    assert "string" in problem.message


def test_every_problem_is_reported_not_just_the_first(tmp_path):
    path = _broken_copy(tmp_path, "currency: USD", "currency: dollars")
    text = path.read_text().replace("trade: restaurant", "trade: bakery")
    path.write_text(text)
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    assert {p.field for p in raised.value.problems} == {"currency", "trade"}


def test_cross_references_are_checked(tmp_path):
    path = _broken_copy(tmp_path, "default_variation: wings-6", "default_variation: wings-60")
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    problem = raised.value.problems[0]
    assert problem.field.endswith("default_variation")
    assert "wings-60" in problem.message
    assert problem.line is not None


def test_unknown_timezone_and_backwards_hours(tmp_path):
    path = _broken_copy(tmp_path, "timezone: America/New_York", "timezone: Mars/Olympus")
    path.write_text(path.read_text().replace('mon: ["11:00-22:00"]', 'mon: ["22:00-11:00"]'))
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    messages = " ".join(str(p) for p in raised.value.problems)
    assert "Mars/Olympus" in messages and "closes before it opens" in messages


def test_invalid_yaml_reports_the_line(tmp_path):
    path = _write(tmp_path, "id: x\nname: [unclosed\n")
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    assert raised.value.problems[0].line == 2
    assert "YAML" in raised.value.problems[0].message


def test_registry_fails_loudly_on_a_bad_file_and_rejects_shared_numbers(tmp_path):
    for name in ("tonys-pizzeria.yml", "lucky-noodle.yml"):
        (tmp_path / name).write_text((PLAYBOOKS / name).read_text())
    registry = PlaybookRegistry(tmp_path)
    assert len(registry.load_all()) == 2
    noodle = tmp_path / "lucky-noodle.yml"
    noodle.write_text(noodle.read_text().replace("+15005550202", "+15005550101"))
    with pytest.raises(PlaybookError) as raised:
        registry.load_all()
    assert "+15005550101 already reaches" in str(raised.value)


def test_a_broken_edit_keeps_the_last_good_version_and_never_stops_other_businesses(tmp_path):
    for name in ("tonys-pizzeria.yml", "lucky-noodle.yml"):
        (tmp_path / name).write_text((PLAYBOOKS / name).read_text())
    registry = PlaybookRegistry(tmp_path)
    assert registry.by_id("tonys-pizzeria").name == "Tony's Pizzeria"
    tonys = tmp_path / "tonys-pizzeria.yml"
    tonys.write_text(tonys.read_text().replace("name: Tony's Pizzeria", "name: Tony's Pizzeria\nnonsense: 1"))
    os.utime(tonys, (tonys.stat().st_atime, tonys.stat().st_mtime + 5))
    (tmp_path / "newcomer.yml").write_text("id: [not valid")
    assert registry.by_phone("+15005550101").name == "Tony's Pizzeria"
    assert registry.by_phone("+15005550202").id == "lucky-noodle"
    assert registry.by_id("newcomer") is None
    with pytest.raises(PlaybookError) as raised:
        registry.load_all()
    assert {Path(problem.file).name for problem in raised.value.problems} == {"tonys-pizzeria.yml", "newcomer.yml"}


def test_registry_picks_up_edits_without_restart(tmp_path):
    path = tmp_path / "tonys-pizzeria.yml"
    path.write_text((PLAYBOOKS / "tonys-pizzeria.yml").read_text())
    registry = PlaybookRegistry(tmp_path)
    assert registry.by_id("tonys-pizzeria").name == "Tony's Pizzeria"
    path.write_text(path.read_text().replace("name: Tony's Pizzeria", "name: Tony's Famous Pizzeria"))
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))
    assert registry.by_id("tonys-pizzeria").name == "Tony's Famous Pizzeria"


def test_validate_command_prints_every_problem_and_fails(tmp_path):
    for name in ("tonys-pizzeria.yml", "lucky-noodle.yml"):
        (tmp_path / name).write_text((PLAYBOOKS / name).read_text())
    ok = subprocess.run([sys.executable, "-m", "playbooks", "validate", str(tmp_path)], capture_output=True, text=True,
                        cwd=PLAYBOOKS.parent)
    assert ok.returncode == 0 and "ok  tonys-pizzeria" in ok.stdout
    noodle = tmp_path / "lucky-noodle.yml"
    noodle.write_text(noodle.read_text().replace("timezone: America/Los_Angeles", "timezone: Nowhere/Land"))
    bad = subprocess.run([sys.executable, "-m", "playbooks", "validate", str(tmp_path)], capture_output=True, text=True,
                         cwd=PLAYBOOKS.parent)
    assert bad.returncode == 1
    assert f"{noodle}:5: timezone: unknown timezone 'Nowhere/Land'" in bad.stderr


CHANNEL_SECTIONS = """transfer:
  default: "+15005550188"
  reasons: {asked: "+15005550189"}
  notify_sms: "+15005550190"
channels:
  voice: {voices: {en: Polly.Matthew-Neural}, confirm_below: 0.6, extra_hints: [calzone]}
  sms: {session_minutes: 30}
blocked:
  phones: ["+14155550000"]
  emails: [prank@example.com, "@spam.example"]
pos:"""


def test_transfers_channel_settings_and_blocked_senders_are_read(tmp_path):
    playbook = load_playbook(_broken_copy(tmp_path, "pos:", CHANNEL_SECTIONS))
    assert playbook.transfer.number_for("asked") == "+15005550189"
    assert playbook.transfer.number_for("unclear") == "+15005550188"
    assert playbook.transfer.notify_number("unclear") == "+15005550190" and playbook.transfer.ring_seconds == 20
    assert playbook.channels.voices == {"en": "Polly.Matthew-Neural"} and playbook.channels.confirm_below == 0.6
    assert playbook.channels.sms_session_minutes == 30 and playbook.channels.silence_seconds == 5
    assert playbook.blocked.phone("+1 (415) 555-0000") and not playbook.blocked.phone("+14155550001")
    assert playbook.blocked.email("Prank@Example.com") and playbook.blocked.email("bot@spam.example")
    assert not playbook.blocked.email("friend@example.com")


TRANSFER_HOURS = """  notify_sms: "+15005550190"
  hours:
    default: {mon: ["09:00-17:00"], sat: ["10:00-24:00"]}
    asked: {}"""


def test_transfer_hours_say_when_each_number_is_answered(tmp_path):
    hours = CHANNEL_SECTIONS.replace('  notify_sms: "+15005550190"', TRANSFER_HOURS)
    transfer = load_playbook(_broken_copy(tmp_path, "pos:", hours)).transfer
    zone = ZoneInfo("America/Los_Angeles")
    monday_noon, monday_evening = datetime(2026, 11, 30, 12, 0, tzinfo=zone), datetime(2026, 11, 30, 17, 0, tzinfo=zone)
    saturday_late = datetime(2026, 12, 5, 23, 59, tzinfo=zone)
    assert transfer.answered_at("unclear", monday_noon) and not transfer.answered_at("unclear", monday_evening)
    assert transfer.answered_at("callback", saturday_late)
    assert not transfer.answered_at("asked", monday_noon)
    always = load_playbook(_broken_copy(tmp_path, "pos:", CHANNEL_SECTIONS)).transfer
    assert always.answered_at("asked", monday_evening)


def test_transfer_hours_are_checked_by_reason_and_clock(tmp_path):
    bad = CHANNEL_SECTIONS.replace(
        '  notify_sms: "+15005550190"',
        '  notify_sms: "+15005550190"\n  hours: {lunch: {mon: ["09:00-17:00"]}, asked: {mon: ["9-5"]}}',
    )
    with pytest.raises(PlaybookError) as raised:
        load_playbook(_broken_copy(tmp_path, "pos:", bad))
    fields = {problem.field for problem in raised.value.problems}
    assert fields == {"transfer.hours", "transfer.hours.asked.mon[0]"}, fields


def test_a_transfer_number_must_be_e164_and_a_reason_must_be_known(tmp_path):
    path = _broken_copy(tmp_path, "pos:", CHANNEL_SECTIONS.replace('"+15005550189"', '"555-0189"').replace("asked:", "lunch:"))
    with pytest.raises(PlaybookError) as raised:
        load_playbook(path)
    problems = {problem.field: problem.message for problem in raised.value.problems}
    assert set(problems) == {"transfer.reasons", "transfer.reasons.lunch"}
    assert "'lunch' is not one of" in problems["transfer.reasons"] and "555-0189" in problems["transfer.reasons.lunch"]
