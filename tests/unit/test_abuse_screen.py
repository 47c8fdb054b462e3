"""The prank and abuse screen: what is declined, what a real customer says that must never be, and the
conversation-level checks (absurd counts per trade, changes of mind, abandoned orders today)."""

import pytest
import yaml

from safety.abuse import abuse_in
from safety.pranks import changes_in, joke_name_in, quantities_in
from safety.screen_classifier import ScreenClassifier
from safety.screening import large_request, screen_conversation, screen_text
from tests.unit.conftest import PLAYBOOKS

ABUSE = [
    ("you stupid bitch", "insult"), ("fuck you", "insult"), ("you're a fucking idiot", "insult"),
    ("ur all talentless skanks", "insult"), ("eres un pendejo", "insult"), ("vete a la mierda", "insult"),
    ("chinga tu madre", "insult"), ("你是傻逼", "insult"), ("操你妈", "insult"), ("你们就是一群垃圾", "insult"),
    ("I'll burn your place down", "threat"), ("I know where you live", "threat"),
    ("there's a bomb in your lobby", "threat"), ("te voy a matar", "threat"), ("voy a quemar tu negocio", "threat"),
    ("我要炸了你的店", "threat"), ("弄死你", "threat"), ("im coming in there with my gun", "threat"),
    ("what are you wearing", "sexual"), ("send nudes", "sexual"), ("¿qué llevas puesto?", "sexual"),
    ("约炮吗", "sexual"), ("manicure with a happy ending", "sexual"),
    ("I'm gonna snap that driver's neck", "threat"), ("les parto la cara a todos", "threat"), ("你们会后悔的", "threat"),
    ("I know when she gets off and she won't be walking home alone", "threat"), ("燒個乾淨", "threat"),
    ("can you get me some company for the night", "sexual"), ("你声音好性感", "sexual"), ("mándame una foto sin ropa", "sexual"),
    ("長得那麼醜還當美髮師", "insult"), ("es una inútil y una cerda", "insult"), ("the dumbest man I ever spoke to", "insult"),
]
NOT_ABUSE = [
    "my damn phone broke", "this fucking drain is flooding my basement", "esta maldita tubería otra vez",
    "¡puta madre, se me cayó el celular!", "他妈的水管又爆了", "two orders of 炸鸡", "修手加去死皮",
    "blow-dry please", "the pizza was the bomb last time", "my back is killing me, I need physio",
    "I'll get the manager to call you", "your garbage disposal guy was great", "shut up, that's so cheap!",
    "you're useless, let me talk to a person", "agua caliente no sale", "do I need to undress for the physical?",
    "bolsas de basura y tornillos", "我要去你们店里拿", "你们有猪肉吗", "drop dead gorgeous updo for my wedding",
    "are you Dick Johnson's assistant?", "did you trash my order?", "you freak me out with these prices",
    "我真是个白痴，把手机掉水里了", "I'll pick it up after BJ's", "idiot me, I dropped my phone in the sink",
    "我手残把屏幕摔碎了", "我想做全套美甲", "我想吃点别的，有什么推荐", "tengo el cuerpo caliente y me duele la cabeza",
    "qué pena que se rompió la pantalla otra vez", "I'm the dumbest person, I left it on the bus", "¿a qué hora sale el doctor?",
    "can the stylist do a private appointment at my house for the wedding?", "it'd be a pity if we missed the delivery",
    "you won't regret it, the tiramisu is great", "I know when you close, I'll come before 9", "a leak 💦 under the sink",
    "我孩子上的学校要体检表", "could he break his leg playing soccer?",
]


@pytest.mark.parametrize("text,kind", ABUSE)
def test_abuse_is_heard_with_its_kind(text, kind):
    assert abuse_in(text) == kind


@pytest.mark.parametrize("text", NOT_ABUSE)
def test_frustration_and_business_words_are_not_abuse(text):
    assert abuse_in(text) is None


def test_prank_names_are_whole_known_puns_never_a_real_surname():
    assert joke_name_in("put it under Hugh Jass") == "hugh jass"
    assert joke_name_in("a nombre de Elber Galarga") == "elber galarga"
    assert joke_name_in("我叫史珍香") == "史珍香"
    for real in ("Phuc Nguyen", "Rebecca Cumming", "Tom Weiner", "Dong Li", "Raj Dikshit", "Fanny Chen", "a lego batman"):
        assert joke_name_in(real) is None


def test_counts_are_numbers_of_things_not_prices_addresses_times_or_model_numbers():
    assert quantities_in("I want 500 pizzas") == [500]
    assert quantities_in("five hundred wings") == [500]
    assert quantities_in("quinientas pizzas") == [500]
    assert quantities_in("我要五百个披萨") == [500]
    assert quantities_in("2k rooms") == [2000]
    for text in ("deliver to 1500 Main Street", "a $300 order", "call 555-123-4567", "at 12:30",
                 "my Samsung A54 screen", "the 21st", "ticket #4471 for 2 screens", "my iphone 12 screen is cracked",
                 "Galaxy S23 battery", "a PS5 controller"):
        assert all(count < 10 for count in quantities_in(text)), text


def test_an_absurd_count_depends_on_the_trade(registry):
    pizzeria, hardware, salon = (registry.by_id(i) for i in ("tonys-pizzeria", "corner-hardware", "bella-salon"))
    assert screen_text("I need 500 pizzas in ten minutes", pizzeria) == "absurd_order"
    assert screen_text("25 pizzas for an office party tomorrow at noon", pizzeria) is None
    assert screen_text("300 drywall screws for pickup", hardware) is None
    assert screen_text("haircuts for 40 people at 3pm", salon) == "absurd_order"
    assert screen_text("deliver it to the moon", pizzeria) == "absurd_order"


def test_a_large_count_goes_to_a_person_and_only_one_far_beyond_is_declined(registry):
    pizzeria, salon = registry.by_id("tonys-pizzeria"), registry.by_id("bella-salon")
    assert screen_text("150 wings and 40 pizzas for a wedding saturday", pizzeria) is None
    assert large_request(["hi", "150 wings and 40 pizzas for a wedding saturday"], pizzeria) == 150
    assert large_request(["25 pizzas for an office party tomorrow at noon"], pizzeria) is None
    assert large_request(["I need 500 pizzas in ten minutes"], pizzeria) is None
    assert large_request(["a bridal party of 10 people on june 6"], salon) == 10


def test_changing_everything_over_and_over_is_a_prank_but_changing_twice_is_a_customer(pizzeria):
    settled = ["large pepperoni for pickup", "actually make it a medium", "no wait, large is fine", "that's all"]
    trolling = ["large pepperoni", "actually make it cheese. no, veggie", "no wait, pepperoni. make that a medium",
                "no, extra large. make it pickup. no, delivery", "actually cancel that. no wait, keep it"]
    assert changes_in(settled) == 2 and screen_conversation(settled, pizzeria) is None
    assert screen_conversation(trolling, pizzeria) == "constant_changes"


def test_a_number_that_abandoned_order_after_order_today_is_declined(pizzeria):
    assert screen_conversation(["a large cheese pizza"], pizzeria, abandoned_recently=4) == "repeat_abandoned"
    assert screen_conversation(["a large cheese pizza"], pizzeria, abandoned_recently=2) is None


@pytest.mark.parametrize("name", ["conversations.yml", "conversations_round2.yml"])
def test_the_tuning_sets_are_screened_without_a_false_alarm_and_miss_at_most_five_percent(registry, name):
    """The readers were tuned on these two sets; tests/abuse/conversations_heldout.yml is measured by
    benchmarks/abuse_screening.py and never tuned on."""
    conversations = yaml.safe_load((PLAYBOOKS.parent / "tests/abuse" / name).read_text())["conversations"]
    false_alarms, misses = [], []
    for conversation in conversations:
        history = (conversation.get("caller_history") or {}).get("abandoned_orders_last_day", 0)
        kind = screen_conversation(conversation["turns"], registry.by_id(conversation["business"]), history)
        if conversation["label"] == "serve" and kind:
            false_alarms.append(conversation["id"])
        if conversation["label"] == "decline" and not kind:
            misses.append(conversation["id"])
    declines = sum(1 for c in conversations if c["label"] == "decline")
    assert false_alarms == [] and len(misses) <= declines * 0.05, misses


def _message(text, intent, ranking):
    from rasa.shared.nlu.training_data.message import Message

    message = Message(data={"text": text})
    message.set("intent", {"name": intent, "confidence": ranking[0][1]})
    message.set("intent_ranking", [{"name": name, "confidence": confidence} for name, confidence in ranking])
    return message


def test_the_nlu_component_decides_the_intent_from_the_readers_alone():
    classifier = ScreenClassifier()
    heard = _message("you stupid bitch where is my pizza", "check_status", [("check_status", 0.9)])
    guessed = _message("my damn phone broke", "abusive_or_prank", [("abusive_or_prank", 0.7), ("repair_request", 0.6)])
    unsure = _message("ugh whatever", "abusive_or_prank", [("abusive_or_prank", 0.5), ("greet", 0.1)])
    classifier.process([heard, guessed, unsure])
    assert heard.get("intent")["name"] == "abusive_or_prank" and heard.get("intent")["confidence"] == 1.0
    assert guessed.get("intent")["name"] == "repair_request"
    assert unsure.get("intent")["name"] == "nlu_fallback"
