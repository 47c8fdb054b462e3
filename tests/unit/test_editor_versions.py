"""Saving an owner's playbook: the same checks as `python -m playbooks validate`, the file replaced where the
registry reads it, every version kept with what changed, and roll-back as a new version."""

import shutil

import pytest

from editor import versions
from playbooks import PlaybookError, PlaybookRegistry
from tests.unit.conftest import PLAYBOOKS

BUSINESS = "tonys-pizzeria"


@pytest.fixture
def registry(tmp_path):
    """A copy of the demo playbooks, so saving never touches the real ones."""
    for path in PLAYBOOKS.glob("*.yml"):
        if path.name != "schema.yml":
            shutil.copy(path, tmp_path / path.name)
    return PlaybookRegistry(tmp_path)


def original(registry):
    return versions.playbook_path(registry, BUSINESS).read_text()


def with_price(text, old="price: 15.00", new="price: 16.00"):
    assert old in text
    return text.replace(old, new, 1)


def refusal(db, registry, text, **keywords):
    with pytest.raises(PlaybookError) as raised:
        versions.save(db, registry, BUSINESS, text, "tony@example.com", **keywords)
    return raised.value.problems


def test_the_first_save_keeps_the_file_as_found_then_the_change(db, registry):
    before = original(registry)
    saved = versions.save(db, registry, BUSINESS, with_price(before), "tony@example.com", versions.fingerprint(before))
    assert saved.number == 2 and saved.saved_by == "tony@example.com"
    assert saved.changes == ("catalog.items[cheese-pizza].variations[cheese-pizza-large].price: 15.0 → 16.0",)
    first, = [version for version in versions.history(db, BUSINESS) if version.number == 1]
    assert (first.text, first.saved_by, first.changes) == (before, "file", ("as found on disk",))
    assert [version.number for version in versions.history(db, BUSINESS)] == [2, 1]
    assert versions.playbook_path(registry, BUSINESS).read_text() == with_price(before)
    variation = registry.by_id(BUSINESS).catalog_data["items"][0]["variations"][2]
    assert (variation["id"], variation["price"]) == ("cheese-pizza-large", 16.0)
    assert not list(registry.directory.glob(".*.tmp"))


def test_saving_the_same_text_records_nothing(db, registry):
    assert versions.save(db, registry, BUSINESS, original(registry), "tony@example.com") is None
    assert versions.history(db, BUSINESS) == []


def test_a_schema_problem_names_line_and_field_and_leaves_the_file(db, registry):
    before = original(registry)
    broken = with_price(before, new="price: cheap")
    problem, = refusal(db, registry, broken)
    line = broken.splitlines().index(next(l for l in broken.splitlines() if "price: cheap" in l)) + 1
    assert (problem.line, problem.field) == (line, "catalog.items[0].variations[2].price")
    assert original(registry) == before and versions.history(db, BUSINESS) == []


def test_yaml_that_does_not_parse_is_refused_with_its_line(db, registry):
    problem, = refusal(db, registry, "id: tonys-pizzeria\nname: [unclosed\n")
    assert problem.line is not None and "not valid YAML" in problem.message


def test_the_id_cannot_change(db, registry):
    problem, = refusal(db, registry, original(registry).replace("id: tonys-pizzeria", "id: tonys-pizza", 1))
    assert (problem.field, problem.line) == ("id", 2) and "tonys-pizzeria" in problem.message


def test_a_number_or_address_of_another_business_is_refused(db, registry):
    noodle = registry.by_id("lucky-noodle")
    text = original(registry).replace('["+15005550101"]', f'["+15005550101", "{noodle.phone_numbers[0]}"]', 1)
    text = text.replace("email: orders@tonys-pizzeria.example", f"email: {noodle.email}", 1)
    phone, email = refusal(db, registry, text)
    assert (phone.field, phone.line, email.field, email.line) == ("reaches.phone_numbers[1]", 10, "reaches.email", 11)
    assert "lucky-noodle" in phone.message and "lucky-noodle" in email.message


def test_a_save_over_a_newer_change_is_refused_once(db, registry):
    before = original(registry)
    versions.save(db, registry, BUSINESS, with_price(before), "maria@example.com")
    problem, = refusal(db, registry, with_price(before, "price: 10.00", "price: 11.00"), started_from=versions.fingerprint(before))
    assert "changed since you opened it" in problem.message


def test_a_hand_edit_of_the_file_is_kept_as_its_own_version(db, registry):
    before = original(registry)
    versions.save(db, registry, BUSINESS, with_price(before), "tony@example.com")
    by_hand = with_price(original(registry), "price: 10.00", "price: 9.00")
    versions.playbook_path(registry, BUSINESS).write_text(by_hand)
    saved = versions.save(db, registry, BUSINESS, by_hand.replace("name: Tony's Pizzeria", "name: Tony's", 1), "tony@example.com")
    by_file = versions.get_version(db, BUSINESS, 3)
    assert by_file.saved_by == "file" and by_file.text == by_hand
    assert by_file.changes == ("changed on disk outside the editor", "catalog.items[cheese-pizza].variations[cheese-pizza-small].price: 10.0 → 9.0")
    assert (saved.number, saved.changes) == (4, ("name: Tony's Pizzeria → Tony's",))


def test_roll_back_saves_the_old_text_as_a_new_version(db, registry):
    before = original(registry)
    versions.save(db, registry, BUSINESS, with_price(before), "tony@example.com")
    rolled = versions.roll_back(db, registry, BUSINESS, 1, "tony@example.com")
    assert rolled.number == 3 and original(registry) == before
    assert rolled.changes == ("rolled back to version 1", "catalog.items[cheese-pizza].variations[cheese-pizza-large].price: 16.0 → 15.0")
    assert registry.by_id(BUSINESS).catalog_data["items"][0]["variations"][2]["price"] == 15.0
    with pytest.raises(LookupError):
        versions.roll_back(db, registry, BUSINESS, 9, "tony@example.com")


def test_a_version_that_no_longer_validates_is_not_restored(db, registry):
    before = original(registry)
    versions.save(db, registry, BUSINESS, with_price(before), "tony@example.com")
    noodle_number = registry.by_id("lucky-noodle").phone_numbers[0]
    noodle_path = versions.playbook_path(registry, "lucky-noodle")
    # Since version 1, Lucky Noodle took Tony's number and Tony's moved to another one.
    versions.save(db, registry, BUSINESS, with_price(before).replace("+15005550101", "+15005550199"), "tony@example.com")
    noodle_path.write_text(noodle_path.read_text().replace(noodle_number, "+15005550101"))
    with pytest.raises(PlaybookError) as raised:
        versions.roll_back(db, registry, BUSINESS, 1, "tony@example.com")
    assert [problem.field for problem in raised.value.problems] == ["reaches.phone_numbers[0]"]
    assert "+15005550199" in original(registry) and len(versions.history(db, BUSINESS)) == 3
