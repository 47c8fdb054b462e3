"""STOP, START and HELP as carriers define them: whole-message keywords in English and Spanish, remembered per
business and number, and read before any text the assistant sends."""

import pytest

from connectors.sms_keywords import Keyword, keyword, reply
from notify.opt_outs import opt_in, opt_out, opted_out


@pytest.mark.parametrize("body, action, language", [
    ("STOP", "stop", "en"), ("stop.", "stop", "en"), (" Unsubscribe ", "stop", "en"), ("cancel", "stop", "en"),
    ("STOPALL", "stop", "en"), ("opt out", "stop", "en"), ("PARAR", "stop", "es"), ("baja", "stop", "es"),
    ("Start", "start", "en"), ("UNSTOP", "start", "en"), ("comenzar", "start", "es"),
    ("help", "help", "en"), ("INFO?", "help", "en"), ("¿Ayuda?", "help", "es"),
])
def test_whole_message_keywords(body, action, language):
    assert keyword(body, opted_out=False) == Keyword(action, language)


@pytest.mark.parametrize("body", ["stop the order", "please stop sending me that", "cancel my pizza", "yes",
                                  "helpful", "I need help with my order", ""])
def test_sentences_and_yes_stay_ordinary_messages(body):
    assert keyword(body, opted_out=False) is None


def test_yes_resubscribes_only_a_number_that_opted_out():
    assert keyword("yes", opted_out=True) == Keyword("start", "en")
    assert keyword("Sí", opted_out=True) == Keyword("start", "es")


def test_replies_name_the_business_and_how_to_get_a_person():
    text = reply(Keyword("help", "es"), "Lucky Noodle", "+15005550202")
    assert text.startswith("Lucky Noodle:") and "+15005550202" in text and "PARAR" in text
    assert "START" in reply(Keyword("stop", "en"), "Lucky Noodle", "")


def test_opt_outs_are_per_business_and_number(db):
    assert not opted_out(db, "lucky-noodle", "+14155550123")
    opt_out(db, "lucky-noodle", "+14155550123")
    opt_out(db, "lucky-noodle", "+14155550123")
    assert opted_out(db, "lucky-noodle", "+14155550123")
    assert not opted_out(db, "tonys-pizzeria", "+14155550123") and not opted_out(db, "lucky-noodle", "+14155550999")
    opt_in(db, "lucky-noodle", "+14155550123")
    assert not opted_out(db, "lucky-noodle", "+14155550123")
