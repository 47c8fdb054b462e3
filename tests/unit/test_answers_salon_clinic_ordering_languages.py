"""The answers the salon, clinic and ordering forms ask for, as Spanish and Chinese callers give them: names,
pickup or delivery, "as soon as possible", the usual, stylists and "anyone", services and corrections, picks
among offered times, new or returning, who the visit is for, practitioners, dates of birth; and the hours,
menu and fulfillment options said back in the caller's language."""

import asyncio
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.clinic_form as clinic_form
import actions.order_form as order_form
import actions.salon_form as salon_form
import actions.ticket_form as ticket_form
import catalog
from actions.business_questions import ActionAnswerBusinessQuestion
from actions.clinic_form import ValidateClinicForm
from actions.order_form import ValidateOrderForm, delivery_address
from actions.salon_form import ValidateSalonForm
from customers import UsualOrder
from customers.usual import asks_for_usual, recreate, without_usual_words
from ordering.contact import clean_name
from ordering.fulfillment import detect, spoken_options, wants_asap
from playbooks.facts import hours_text, items_named, menu_text, turnaround_minutes
from scheduling import duckling_client
from scheduling.calendar import Offer
from trades import clinic
from trades.clinic_dob import mentions_birth, read_date_of_birth
from trades.clinic_schedule import names_a_day, ordinal_pick, wants_soonest
from trades.salon_services import read_services
from trades.salon_staff import read_stylist, staff_matching
from trades.salon_times import bare_hour, pick_offer

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = ZoneInfo("America/Chicago")
DENVER = ZoneInfo("America/Denver")
TODAY = date(2026, 11, 30)
STAFF_NAMES = ["Maria", "Derek", "Alisha", "Lena", "Maria Santos", "Derek Chen", "Alisha Grant", "Lena Novak"]


@pytest.fixture
def bella(registry):
    return registry.by_id("bella-salon")


@pytest.fixture
def maple(registry):
    return registry.by_id("maple-clinic")


def domain_of(*names):
    merged = {"slots": {}, "forms": {}, "responses": {}}
    for name in names:
        data = yaml.safe_load((ROOT / "domain" / f"{name}.yml").read_text())
        for key in merged:
            merged[key].update(data.get(key) or {})
    return merged


# --- names and phone numbers (every trade) ------------------------------------------------------


@pytest.mark.parametrize("said, language, name", [
    ("me llamo Ana", "es", "Ana"),
    ("Mi nombre es Ana López", "es", "Ana López"),
    ("soy Ana, gracias", "es", "Ana"),
    ("sí, soy ana", "es", "Ana"),
    ("a nombre de Ana López", "es", "Ana López"),
    ("póngalo a nombre de Carlos", "es", "Carlos"),
    ("le habla Rosa María", "es", "Rosa María"),
    ("Guadalupe Hernández", "es", "Guadalupe Hernández"),
    ("para Beto por favor", "es", "Beto"),
    ("de Ana", "es", "Ana"),
    ("De la Cruz", "es", "De la Cruz"),
    ("我叫王芳", "zh", "王芳"),
    ("王芳", "zh", "王芳"),
    ("好的，我叫王芳。", "zh", "王芳"),
    ("嗯，王芳", "zh", "王芳"),
    ("名字写李丹吧", "zh", "李丹"),
    ("我姓王", "zh", "王"),
    ("姓王", "zh", "王"),
    ("留王芳", "zh", "王芳"),
    ("我是张伟", "zh", "张伟"),
    ("用王芳的名字", "zh", "王芳"),
    ("欧阳娜娜", "zh", "欧阳娜娜"),
    ("我叫Lily", "zh", "Lily"),
    ("my name is Priya Patel please", "es", "Priya Patel"),
])
def test_names_in_spanish_and_chinese(said, language, name):
    assert clean_name(said, language) == name


@pytest.mark.parametrize("said, language", [
    ("quiero dos pizzas grandes con extra queso por favor", "es"),
    ("me llamo 555 1234", "es"),
    ("我要两个大披萨加芝士谢谢你们", "zh"),
    ("", "zh"),
])
def test_not_names_in_spanish_and_chinese(said, language):
    assert clean_name(said, language) is None


# --- pickup or delivery, and how soon ------------------------------------------------------------


@pytest.mark.parametrize("said, language, kind", [
    ("para llevar", "es", "pickup"),
    ("pa llevar porfa", "es", "pickup"),
    ("para recoger", "es", "pickup"),
    ("paso a recogerlo", "es", "pickup"),
    ("paso por él a las 6", "es", "pickup"),
    ("lo recojo yo", "es", "pickup"),
    ("a domicilio", "es", "delivery"),
    ("entrega a domicilio por favor", "es", "delivery"),
    ("que me lo traigan", "es", "delivery"),
    ("que me lo lleven", "es", "delivery"),
    ("llévenmelo a la casa", "es", "delivery"),
    ("envíenmelo", "es", "delivery"),
    ("¿me lo pueden llevar?", "es", "delivery"),
    ("voy a querer una pizza", "es", None),
    ("自取", "zh", "pickup"),
    ("我过来拿", "zh", "pickup"),
    ("打包带走", "zh", "pickup"),
    ("不用送，我自己来拿", "zh", "pickup"),
    ("送过来", "zh", "delivery"),
    ("外送", "zh", "delivery"),
    ("外卖", "zh", "delivery"),
    ("送到中山路88号", "zh", "delivery"),
    ("我要一个大披萨", "zh", None),
    ("for pickup", "zh", "pickup"),
    ("delivery please", "es", "delivery"),
])
def test_pickup_or_delivery_in_spanish_and_chinese(said, language, kind):
    assert detect(said, None, language) == kind


@pytest.mark.parametrize("said, language, asap", [
    ("lo antes posible", "es", True),
    ("lo más pronto que puedan", "es", True),
    ("cuanto antes", "es", True),
    ("ahorita", "es", True),
    ("ya", "es", True),
    ("ya no quiero cebolla", "es", False),
    ("a las 6", "es", False),
    ("尽快", "zh", True),
    ("越快越好", "zh", True),
    ("马上", "zh", True),
    ("现在", "zh", True),
    ("六点", "zh", False),
    ("asap", "zh", True),
])
def test_as_soon_as_possible_in_spanish_and_chinese(said, language, asap):
    assert wants_asap(said, language) is asap


def test_fulfillment_options_are_said_in_the_language():
    assert spoken_options(["pickup", "delivery"]) == "pickup or delivery"
    assert spoken_options(["pickup", "delivery"], "es") == "pedidos para recoger o entrega a domicilio"
    assert spoken_options(["delivery"], "es") == "entrega a domicilio"
    assert spoken_options(["pickup", "delivery"], "zh") == "自取或外送"


@pytest.mark.parametrize("said, language, address", [
    ("mi dirección es Calle Juárez 45", "es", "Calle Juárez 45"),
    ("Avenida Reforma 222, depto 3", "es", "Avenida Reforma 222, depto 3"),
    ("送到中山路88号", "zh", "中山路88号"),
    ("中山路88号3楼", "zh", "中山路88号3楼"),
    ("好的", "zh", None),
    ("42 Elm Street", "en", "42 Elm Street"),
])
def test_delivery_addresses_in_spanish_and_chinese(said, language, address):
    assert delivery_address(said, language) == address


# --- the usual ----------------------------------------------------------------------------------


@pytest.mark.parametrize("said, language", [
    ("lo de siempre", "es"), ("lo de siempre porfa", "es"), ("lo mismo de la última vez", "es"),
    ("lo mismo que la otra vez pero sin cebolla", "es"), ("repíteme el último pedido", "es"),
    ("el mismo pedido de la semana pasada", "es"), ("quiero volver a pedir lo que pedí la vez pasada", "es"),
    ("mi pedido de siempre, pero cambia la sprite", "es"), ("q sea lo d siempre pero pa llevar", "es"),
    ("igual que la última vez", "es"), ("the usual porfa, sin aceitunas", "es"), ("mi café de siempre por favor", "es"),
    ("igual que siempre pero sin chile", "es"),
    ("老样子，不要蘑菇", "zh"), ("跟上次一样", "zh"), ("老规矩", "zh"), ("照上次的来一份", "zh"),
    ("上次点的再来一遍", "zh"), ("跟上礼拜五一样", "zh"), ("照旧", "zh"), ("跟平时一样，不过这次要外卖", "zh"),
    ("usual 就好", "zh"),
])
def test_asking_for_the_usual_in_spanish_and_chinese(said, language):
    assert asks_for_usual(said, language)


@pytest.mark.parametrize("said, language", [("quiero una pizza grande", "es"), ("我要一个披萨", "zh"), ("lo de siempre", "en")])
def test_not_asking_for_the_usual(said, language):
    assert not asks_for_usual(said, language)


def test_the_usual_is_recreated_with_changes_in_spanish_and_chinese(pizzeria):
    menu = pizzeria.catalog
    last = catalog.apply_utterance("a large pepperoni pizza with onions and a coke", menu, []).lines
    spanish = recreate(UsualOrder(last, "pickup", None, 4), "lo de siempre pero sin cebolla", menu, "es")
    assert [line["item_id"] for line in spanish.lines] == ["pepperoni-pizza", "coke"]
    assert spanish.lines[0]["modifiers"] == [] and spanish.update.unknown == []
    chinese = recreate(UsualOrder(last, "pickup", None, 4), "老样子，不要洋葱", menu, "zh")
    assert chinese.lines[0]["modifiers"] == [] and chinese.update.unknown == []
    assert "siempre" not in without_usual_words("¿me repites mi orden de siempre?", "es")


# --- the order form in Spanish and Chinese ------------------------------------------------------


ORDER_DOMAIN = {"forms": {"order_form": {"required_slots": [
    "order_items", "fulfillment", "delivery_address", "pickup_time", "customer_name", "customer_phone", "confirmed"]}}}


def order_tracker(text, language, intent="inform", requested=None, **slots):
    values = {"business_id": "tonys-pizzeria", "caller_phone": "+14155550199", "language": language,
              "requested_slot": requested, **slots}
    message = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": []}
    return Tracker("web:1", values, message, [{"event": "user", "text": text, "parse_data": message}], False, None,
                   {"name": "order_form"}, "action_listen")


def run_order(monkeypatch, db, conversation):
    monkeypatch.setattr(order_form, "database", lambda: db)
    monkeypatch.setattr(order_form, "now", lambda: datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc))
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateOrderForm().run(dispatcher, conversation, ORDER_DOMAIN))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, dispatcher.messages


@pytest.mark.parametrize("language, order, fulfillment, when, name", [
    ("es", "una pizza grande de pepperoni", "que me lo traigan", "lo antes posible", "me llamo Ana López"),
    ("zh", "一个大号意大利辣香肠披萨", "送过来", "尽快", "我叫王芳"),
])
def test_an_order_answered_in_the_language(db, monkeypatch, language, order, fulfillment, when, name):
    slots, _ = run_order(monkeypatch, db, order_tracker(order, language, intent="place_order"))
    draft = {"order_draft": slots["order_draft"], "order_items": slots["order_items"]}
    chosen, _ = run_order(monkeypatch, db, order_tracker(fulfillment, language, requested="fulfillment", **draft))
    assert chosen["fulfillment"] == "delivery"
    timed, _ = run_order(monkeypatch, db, order_tracker(when, language, requested="pickup_time", fulfillment="delivery",
                                                        delivery_address="Calle 5 #12", **draft))
    assert timed["pickup_time"] and timed["pickup_time_spoken"]
    named, _ = run_order(monkeypatch, db, order_tracker(name, language, requested="customer_name", **draft))
    assert named["customer_name"] == {"es": "Ana López", "zh": "王芳"}[language]


def test_a_fulfillment_not_offered_is_said_in_the_language(db, monkeypatch, pizzeria):
    pickup_only = pizzeria.__class__.from_dict({**yaml.safe_load((ROOT / "playbooks" / "tonys-pizzeria.yml").read_text()),
                                                "ordering": {"fulfillment": ["pickup", "dine-in"]}})
    monkeypatch.setattr(order_form, "playbook_for", lambda tracker: pickup_only)
    slots, said = run_order(monkeypatch, db, order_tracker("a domicilio", "es", requested="fulfillment"))
    assert slots["fulfillment"] is None
    assert said[0]["response"] == "utter_fulfillment_not_offered"
    assert said[0]["fulfillment_options"] == "pedidos para recoger o dine-in"


def test_unknown_items_get_suggestions_in_the_language(db, monkeypatch):
    _, said = run_order(monkeypatch, db, order_tracker("quiero una pizza hawaiana", "es", intent="place_order"))
    assert [(m["response"], m["item_suggestions"]) for m in said] == [
        ("utter_unknown_item_with_suggestions", "pizza de queso o pizza vegetariana")]


# --- hours and menu said back ----------------------------------------------------------------------


def test_hours_in_spanish_and_chinese(pizzeria, bella, maple):
    assert hours_text(pizzeria) == "Monday to Thursday 11 AM–10 PM; Friday and Saturday 11 AM–11 PM; Sunday 12 PM–9 PM"
    assert hours_text(pizzeria, "es") == ("lunes a jueves de 11:00 a. m. a 10:00 p. m.; viernes y sábado de 11:00 a. m. "
                                          "a 11:00 p. m.; domingo de 12:00 p. m. a 9:00 p. m.")
    assert hours_text(pizzeria, "zh") == "周一至周四上午11点到晚上10点；周五和周六上午11点到晚上11点；周日中午12点到晚上9点"
    assert hours_text(bella, "es").startswith("lunes cerrado; martes, miércoles y viernes de 9:00 a. m. a 6:00 p. m.")
    assert hours_text(maple, "zh") == "周一至周五上午8点到下午5点；周六上午8点到中午12点；周日休息"


def test_hours_with_two_spans_and_until_midnight(bookable):
    late = bookable(hours={"mon": ["11:00-14:00", "17:00-22:00"], "tue": ["18:00-24:00"]})
    assert hours_text(late, "es").startswith("lunes de 11:00 a. m. a 2:00 p. m. y de 5:00 p. m. a 10:00 p. m.; "
                                             "martes de 6:00 p. m. a 12:00 a. m.")
    assert hours_text(late, "zh").startswith("周一上午11点到下午2点和下午5点到晚上10点；周二晚上6点到午夜12点")


def test_menu_names_items_in_the_language(maple):
    assert menu_text(maple.catalog, "es").startswith(
        "Family practice: consulta de paciente nuevo, consulta de seguimiento, examen físico anual y consulta por enfermedad")
    assert "Vaccinations：打疫苗" in menu_text(maple.catalog, "zh")
    assert menu_text(maple.catalog).startswith("Family practice: new patient visit, follow-up visit")


def test_offered_and_turnaround_questions_name_items_in_the_language(bella):
    assert [item.id for item in items_named("¿hacen alisado con keratina?", bella.catalog, "es")] == ["keratin"]
    assert [item.id for item in items_named("你们做角蛋白吗", bella.catalog, "zh")] == ["keratin"]
    assert turnaround_minutes("¿cuánto tardan las luces?", bella, "es")[0].id == "highlights"


@pytest.mark.parametrize("language, intent, expected", [
    ("es", "ask_hours", "lunes a jueves de 11:00 a. m. a 10:00 p. m."),
    ("zh", "ask_hours", "周一至周四上午11点到晚上10点"),
    ("es", "ask_menu", "pizza de queso"),
    ("zh", "ask_menu", "芝士披萨"),
])
def test_the_business_question_action_answers_in_the_language(language, intent, expected):
    message = {"text": "?", "intent": {"name": intent}, "entities": []}
    tracker = Tracker("web:1", {"business_id": "tonys-pizzeria", "language": language}, message, [], False, None, {},
                      "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionAnswerBusinessQuestion().run(dispatcher, tracker, {}))
    said = dispatcher.messages[0]
    assert expected in (said.get("hours") or said.get("menu"))


# --- salon: stylists --------------------------------------------------------------------------------


def stylist(text, bella, language, answering=False, names=()):
    choice = read_stylist(text, bella.booking.staff, answering=answering, customer_names=names, language=language)
    if choice is None:
        return None
    return choice.staff.id if choice.staff else "anyone" if choice.anyone else choice.unknown_name


@pytest.mark.parametrize("text, language, expected", [
    ("con quien sea", "es", "anyone"),
    ("necesito un corte de caballero ya, con quien sea", "es", "anyone"),
    ("me da igual quién", "es", "anyone"),
    ("quien esté libre", "es", "anyone"),
    ("la primera que esté disponible", "es", "anyone"),
    ("ninguna en particular", "es", "anyone"),
    ("mejor con cualquiera", "es", "anyone"),
    ("no tengo preferencia", "es", "anyone"),
    ("con María por favor", "es", "maria"),
    ("prefiero a Lena", "es", "lena"),
    ("normalmente me atiende Derek", "es", "derek"),
    ("quiero unas luces con Alisha el martes", "es", "alisha"),
    ("谁都行", "zh", "anyone"),
    ("谁有空就谁", "zh", "anyone"),
    ("无所谓，哪个师傅都可以", "zh", "anyone"),
    ("第一个有空的就行", "zh", "anyone"),
    ("谁都可以，不用指定了", "zh", "anyone"),
    ("男士剪发，越快越好，谁都行", "zh", "anyone"),
    ("找Alisha", "zh", "alisha"),
    ("礼拜五三点能找Maria剪个头吗？", "zh", "maria"),
    ("上次是Derek给我做的", "zh", "derek"),
    ("能换成Alisha吗", "zh", "alisha"),
    ("Lena吧", "zh", "lena"),
    ("el viernes a las 3", "es", None),
    ("礼拜五下午都可以", "zh", None),
    ("me da igual", "es", None),
    ("随便", "zh", None),
])
def test_stylists_and_anyone_said_anywhere(bella, text, language, expected):
    assert stylist(text, bella, language) == expected


@pytest.mark.parametrize("text, language", [
    ("no", "es"), ("no, nadie", "es"), ("nadie en particular", "es"), ("me da igual", "es"), ("me da lo mismo", "es"),
    ("no, gracias", "es"), ("la verdad no", "es"), ("como sea", "es"),
    ("没有", "zh"), ("随便", "zh"), ("都可以", "zh"), ("都行", "zh"), ("没有要求", "zh"), ("无所谓", "zh"), ("不用了", "zh"),
])
def test_a_bare_no_is_anyone_only_when_asked(bella, text, language):
    assert stylist(text, bella, language, answering=True) == "anyone"


def test_the_callers_own_name_is_not_a_stylist_in_chinese_or_spanish(bella):
    assert stylist("我是Maria", bella, "zh", names=["Maria"]) is None
    assert stylist("soy Maria", bella, "es", names=["Maria"]) is None
    assert stylist("找Maria", bella, "zh", names=["Maria"]) == "maria"


def test_a_stylist_named_with_an_accent(bella):
    assert staff_matching("María", bella.booking.staff).id == "maria"


# --- salon: services ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, language, current, expected", [
    ("quiero un corte y un tinte", "es", (), ("haircut", "full-colour")),
    ("un corte con María el viernes a las 3", "es", (), ("haircut",)),
    ("sin el manicure, nada más pedicure", "es", ("manicure", "pedicure"), ("pedicure",)),
    ("cámbialo a balayage", "es", ("highlights",), ("balayage",)),
    ("mejor un corte de caballero", "es", ("haircut",), ("mens-cut",)),
    ("quítale el brushing", "es", ("haircut", "blow-dry"), ("haircut",)),
    ("ah, y también la depilación de cejas", "es", ("haircut",), ("haircut", "brow-wax")),
    ("nada más el corte", "es", ("haircut", "blow-dry"), ("haircut",)),
    ("solo el corte", "es", ("haircut", "blow-dry"), ("haircut",)),
    ("no, mejor mechas", "es", ("full-colour",), ("highlights",)),
    ("agrégale un secado", "es", ("haircut",), ("haircut", "blow-dry")),
    ("想约个剪发加染发", "zh", (), ("haircut", "full-colour")),
    ("还是改成挑染吧", "zh", ("full-colour",), ("highlights",)),
    ("再加个吹造型", "zh", ("haircut",), ("haircut", "blow-dry")),
    ("不做美甲了，只做修脚", "zh", ("manicure", "pedicure"), ("pedicure",)),
    ("面部护理不要了", "zh", ("facial", "massage-60"), ("massage-60",)),
    ("礼拜五三点能找Maria剪头发吗？", "zh", (), ("haircut",)),
    ("就做 pedicure", "zh", ("manicure", "pedicure"), ("pedicure",)),
    ("只要吹造型", "zh", ("haircut", "blow-dry"), ("blow-dry",)),
    ("就做吹造型", "zh", ("haircut", "blow-dry"), ("blow-dry",)),
    ("剪发再修个胡子", "zh", (), ("haircut", "beard-trim")),
    ("挑染改成 balayage 吧", "zh", ("highlights",), ("balayage",)),
    ("mejor que sean luces", "es", ("full-colour",), ("highlights",)),
    ("想找Lena做个美甲", "zh", (), ("manicure",)),
])
def test_services_added_removed_and_swapped_in_spanish_and_chinese(bella, text, language, current, expected):
    assert read_services(text, bella.catalog, list(current), STAFF_NAMES, language).services == expected


# --- salon: times -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, language, hour", [
    ("mejor 4", "es", "a las 4"), ("cámbiala a la 1", "es", "a la 1"), ("mejor 3:30", "es", "a las 3:30"),
    ("改成4吧", "zh", "4点"), ("改到3:30", "zh", "3:30"), ("make it 4 instead", "en", "at 4"), ("4th", "en", None),
])
def test_a_bare_hour_is_said_the_way_duckling_reads_the_language(text, language, hour):
    assert bare_hour(text, language) == hour


def offers(*hours):
    return [Offer(datetime(2026, 12, 4, h, tzinfo=CHICAGO), datetime(2026, 12, 4, h + 1, tzinfo=CHICAGO), "maria", "Maria")
            for h in hours]


@pytest.mark.parametrize("text, language, picked", [
    ("la primera", "es", 14), ("la segunda me sirve", "es", 15), ("la última", "es", 16), ("la más temprano", "es", 14),
    ("la de en medio", "es", 15), ("la de la tarde", "es", None), ("第一个", "zh", 14), ("第二个可以", "zh", 15),
    ("最后一个吧", "zh", 16), ("早一点的那个", "zh", 14), ("第一次来", "zh", None), ("the last one", "zh", 16),
])
def test_offered_times_are_picked_in_spanish_and_chinese(text, language, picked):
    chosen = pick_offer(text, offers(14, 15, 16), [], None, language)
    assert (chosen.start.hour if chosen else None) == picked


# --- salon: the form ------------------------------------------------------------------------------


def salon_tracker(text, language, requested=None, intent="inform", entities=(), **slots):
    values = {"business_id": "bella-salon", "language": language, "requested_slot": requested, **slots}
    message = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    return Tracker("web:1", values, message, [{"event": "user", "text": text, "parse_data": message}], False, None,
                   {"name": "salon_form"}, "action_listen")


@pytest.mark.parametrize("language, services, anyone, name, expected", [
    ("es", "quiero un corte y un tinte", "me da igual", "me llamo Ana", ("corte de pelo y tinte", "Ana")),
    ("zh", "想约个剪发加染发", "随便", "我叫王芳", ("剪发和染发", "王芳")),
])
def test_the_salon_form_reads_answers_in_the_language(db, monkeypatch, language, services, anyone, name, expected):
    async def no_times(*args, **kwargs):
        return []

    monkeypatch.setattr(duckling_client, "parse", no_times)
    monkeypatch.setattr(salon_form, "database", lambda: db)
    form, domain = ValidateSalonForm(), domain_of("shared", "salon")

    def run(tracker_):
        dispatcher = CollectingDispatcher()
        events = asyncio.run(form.run(dispatcher, tracker_, domain))
        return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}

    asked = run(salon_tracker(services, language, intent="make_booking"))
    assert asked["salon_services"] == ["haircut", "full-colour"] and asked["salon_services_spoken"] == expected[0]
    chosen = run(salon_tracker(anyone, language, requested="salon_stylist_requested",
                               salon_services=["haircut", "full-colour"]))
    assert chosen["salon_stylist_requested"] == "anyone"
    named = run(salon_tracker(name, language, requested="customer_name", salon_services=["haircut"]))
    assert named["customer_name"] == expected[1]


# --- clinic: new or returning, who to see, who it is for ---------------------------------------------


@pytest.mark.parametrize("text, language, status", [
    ("soy paciente nuevo", "es", "new"), ("soy paciente nueva", "es", "new"), ("es la primera vez", "es", "new"),
    ("nunca he ido", "es", "new"), ("no, nunca", "es", "new"), ("en realidad soy paciente nuevo, no de regreso", "es", "new"),
    ("ya he ido antes", "es", "returning"), ("sí, ya soy paciente de ahí", "es", "returning"),
    ("soy paciente de la doctora Patel desde hace años", "es", "returning"), ("no soy paciente nuevo", "es", "returning"),
    ("ya me han atendido ahí", "es", "returning"), ("quiero un chequeo", "es", None),
    ("我是新来的", "zh", "new"), ("我一直在你们那看", "zh", "returning"), ("我在你们那看过", "zh", "returning"),
    ("我一直在咳嗽", "zh", None), ("我想约个复诊", "zh", None),
    ("我是新病人", "zh", "new"), ("第一次来", "zh", "new"), ("没来过", "zh", "new"), ("还没在你们那看过", "zh", "new"),
    ("以前来过", "zh", "returning"), ("我是老病人了，一直看 Patel 医生", "zh", "returning"),
    ("我不是新病人", "zh", "returning"), ("不是第一次了", "zh", "returning"), ("我想约体检", "zh", None),
    ("I'm a new patient", "es", "new"),
])
def test_new_or_returning_in_spanish_and_chinese(text, language, status):
    assert clinic.patient_status_in(text, language) == status


@pytest.mark.parametrize("text, language, visit", [
    ("solo un chequeo", "es", "annual-physical"), ("es para la vacuna de la gripe", "es", "vaccination"),
    ("dolor de garganta y fiebre", "es", "sick-visit"), ("fisioterapia", "es", "physio-assessment"),
    ("primera consulta", "es", "new-patient-visit"), ("necesito un seguimiento", "es", "follow-up"),
    ("就是普通体检", "zh", "annual-physical"), ("打流感疫苗", "zh", "vaccination"), ("理疗", "zh", "physio-assessment"),
    ("嗓子疼还发烧", "zh", "sick-visit"), ("复诊", "zh", "follow-up"),
])
def test_visit_types_named_in_spanish_and_chinese(maple, text, language, visit):
    assert clinic.visit_named(text, maple.catalog, language).id == visit


@pytest.mark.parametrize("text, language, asked, practitioner", [
    ("con la doctora Patel por favor", "es", False, "dr-patel"),
    ("con la enfermera", "es", False, "np-reyes"),
    ("quiero cita con el fisio", "es", False, "physio-okafor"),
    ("con Jordan", "es", False, "np-reyes"),
    ("Patel", "es", True, "dr-patel"),
    ("busco médico de cabecera", "es", False, "dr-patel"),
    ("con el doctor Okafor", "es", False, "physio-okafor"),
    ("con la enfermera Reyes", "es", False, "np-reyes"),
    ("可以帮我约 Patel 医生吗", "zh", False, "dr-patel"),
    ("Patel医生", "zh", False, "dr-patel"),
    ("想看 nurse practitioner", "zh", False, "np-reyes"),
    ("找理疗师看看", "zh", False, "physio-okafor"),
    ("想约 Sam 做理疗", "zh", False, "physio-okafor"),
    ("我想找家庭医生", "zh", False, "dr-patel"),
    ("Reyes", "zh", True, "np-reyes"),
    ("哪个医生都行", "zh", True, None),
    ("me da igual", "es", True, None),
])
def test_practitioners_named_in_spanish_and_chinese(maple, text, language, asked, practitioner):
    found = clinic.practitioner_named(text, maple, asked, language)
    assert (found.id if found else None) == practitioner


@pytest.mark.parametrize("text, language, explicit", [
    ("con quien esté libre", "es", True), ("me da igual con quién", "es", True), ("con quien sea", "es", True),
    ("a quien esté libre primero", "es", False), ("quien sea", "es", False), ("cualquiera", "es", False),
    ("lo más pronto", "es", False), ("con quien pueda verme primero", "es", True), ("谁有空都可以", "zh", False),
    ("哪个医生都行", "zh", True), ("谁先有空就约谁", "zh", True),
    ("发烧还发冷，哪个医生有空都可以", "zh", True), ("都可以", "zh", False), ("随便", "zh", False),
])
def test_anyone_for_the_clinic_in_spanish_and_chinese(text, language, explicit):
    assert clinic.wants_anyone(text, language)
    assert clinic.explicitly_anyone(text, language) is explicit


@pytest.mark.parametrize("text, language, relation, name", [
    ("necesito cita para mi hijo, le salió un sarpullido", "es", "hijo", None),
    ("quiero sacar cita para mi mamá, tiene tos", "es", "mamá", None),
    ("es para mi hija Camila", "es", "hija", "Camila"),
    ("la paciente es Dolores Ramírez, mi mamá", "es", "mamá", "Dolores Ramírez"),
    ("quiero pedir cita para mi hija Valentina, le duele el oído", "es", "hija", "Valentina"),
    ("mi niño tiene conjuntivitis", "es", "niño", None),
    ("quiero sacarle cita a mi papá", "es", "papá", None),
    ("mi hijo Mateo tiene fiebre", "es", "hijo", "Mateo"),
    ("我儿子身上起疹子了，想给他挂个号", "zh", "儿子", None),
    ("给我妈约一下吧，她咳嗽两个礼拜了", "zh", "妈妈", None),
    ("是给我女儿约的，她叫李思思", "zh", "女儿", "李思思"),
    ("病人是张国强，我爸爸", "zh", "爸爸", "张国强"),
    ("我想为我父亲预约下周二上午的体检", "zh", "父亲", None),
    ("我爸78岁了，想带他来做个全面检查", "zh", "爸爸", None),
    ("it's for my son", "es", "son", None),
])
def test_booking_for_a_relative_in_spanish_and_chinese(text, language, relation, name):
    assert clinic.booking_for(text, language) == clinic.BookingFor(relation, name)


@pytest.mark.parametrize("text, language", [
    ("quiero una cita", "es"), ("para mí", "es"), ("我想约个体检", "zh"), ("我妈说我该做个体检", "zh"),
])
def test_not_booking_for_a_relative(text, language):
    assert clinic.booking_for(text, language) is None


# --- clinic: dates of birth ----------------------------------------------------------------------------


@pytest.mark.parametrize("text, language, born", [
    ("el 3 de marzo de 1984", "es", date(1984, 3, 3)),
    ("nací el 14 de julio de 1962", "es", date(1962, 7, 14)),
    ("mi fecha de nacimiento es 25/12/1990", "es", date(1990, 12, 25)),
    ("03/02/1968", "es", date(1968, 2, 3)),
    ("perdón, mi fecha de nacimiento es 4 de marzo del 84", "es", date(1984, 3, 4)),
    ("tres de marzo de mil novecientos ochenta y cuatro", "es", date(1984, 3, 3)),
    ("primero de mayo de 1990", "es", date(1990, 5, 1)),
    ("el 1ro de mayo de 1990", "es", date(1990, 5, 1)),
    ("treinta y uno de diciembre de dos mil cinco", "es", date(2005, 12, 31)),
    ("nací March 3rd 1984", "es", date(1984, 3, 3)),
    ("1984年3月3日", "zh", date(1984, 3, 3)),
    ("生日是1962年7月14号", "zh", date(1962, 7, 14)),
    ("她是2019年5月6号出生的", "zh", date(2019, 5, 6)),
    ("一九八四年三月三日", "zh", date(1984, 3, 3)),
    ("八四年十二月二十五号", "zh", date(1984, 12, 25)),
    ("１９８４年３月３日", "zh", date(1984, 3, 3)),
    ("3/3/84", "zh", date(1984, 3, 3)),
])
def test_dates_of_birth_in_spanish_and_chinese(text, language, born):
    assert read_date_of_birth(text, TODAY, language).value == born


@pytest.mark.parametrize("text, language, problem", [
    ("3 de marzo", "es", "no_year"), ("31 de febrero de 1990", "es", "invalid"), ("3 de marzo de 2030", "es", "future"),
    ("3月3号", "zh", "no_year"), ("我不知道", "zh", "not_found"), ("no sé", "es", "not_found"),
])
def test_incomplete_dates_of_birth_in_spanish_and_chinese(text, language, problem):
    assert read_date_of_birth(text, TODAY, language).problem == problem


def test_birth_words_in_spanish_and_chinese():
    assert mentions_birth("nací el 3/3/84", "es") and mentions_birth("mi fecha de nacimiento es", "es")
    assert mentions_birth("我的生日是", "zh") and mentions_birth("她是2019年5月6号出生的", "zh")
    assert not mentions_birth("puedo ir el 12/3", "es") and not mentions_birth("12号能来吗", "zh")


# --- clinic: times -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, language, day, soonest", [
    ("el jueves a las 4 está bien", "es", True, False), ("mañana en la mañana", "es", True, False),
    ("por la mañana", "es", False, False), ("lo más pronto que tenga", "es", False, True),
    ("cualquier mañana de la semana que viene", "es", True, False), ("cuanto antes", "es", False, True),
    ("礼拜四四点可以", "zh", True, False), ("下礼拜哪天上午都行", "zh", True, False), ("明天上午", "zh", True, False),
    ("越快越好", "zh", False, True), ("最早的时间", "zh", False, True), ("我最近咳嗽", "zh", False, False),
])
def test_days_and_the_soonest_in_spanish_and_chinese(text, language, day, soonest):
    assert names_a_day(text, language) is day and wants_soonest(text, language) is soonest


@pytest.mark.parametrize("text, language, picked", [
    ("la primera", "es", 14), ("la segunda", "es", 15), ("la última", "es", 16), ("es la primera vez", "es", None),
    ("第一个吧", "zh", 14), ("第一次来", "zh", None), ("最后一个", "zh", 16), ("第二个", "zh", 15),
])
def test_clinic_options_picked_in_spanish_and_chinese(text, language, picked):
    chosen = ordinal_pick(text, offers(14, 15, 16), language)
    assert (chosen.start.hour if chosen else None) == picked


# --- clinic: the form ------------------------------------------------------------------------------


CLINIC_NOW = datetime(2026, 11, 30, 7, 0, tzinfo=DENVER).astimezone(timezone.utc)


@pytest.fixture
def clinic_wired(db, monkeypatch):
    parses = {}

    async def parse(text, timezone_name, language="en", now=None, dims=None):
        return [entity for body, entity in parses.items() if body.lower() in text.lower()]

    monkeypatch.setattr(clinic_form, "database", lambda: db)
    monkeypatch.setattr(ticket_form, "database", lambda: db)
    monkeypatch.setattr(clinic_form, "now", lambda: CLINIC_NOW)
    monkeypatch.setattr(ticket_form, "now", lambda: CLINIC_NOW)
    monkeypatch.setattr(duckling_client, "parse", parse)
    tuesday_10 = {"dim": "time", "value": {"type": "value", "grain": "hour", "value": "2026-12-01T10:00:00.000-07:00"}}
    parses.update({"el martes a las 10": tuesday_10, "礼拜二上午10点": tuesday_10})
    return db


def clinic_tracker(text, language, intent="inform", requested=None, entities=(), **slots):
    values = {"business_id": "maple-clinic", "business_name": "Maple Family Clinic", "trade": "clinic", "channel": "web",
              "language": language, "caller_phone": "+13035550142", "requested_slot": requested, **slots}
    message = {"text": text, "intent": {"name": intent}, "entities": list(entities)}
    return Tracker("conv-1", values, message, [{"event": "user", "text": text, "parse_data": message, "timestamp": 1.0}],
                   False, None, {"name": "clinic_form"}, "action_listen")


def run_clinic(tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(ValidateClinicForm().run(dispatcher, tracker_, domain_of("shared", "clinic")))
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}, [m.get("response") for m in dispatcher.messages]


def duckling_entity(body):
    return {"entity": "time", "value": "2026-12-01T10:00:00.000-07:00", "extractor": "DucklingEntityExtractor", "text": body}


@pytest.mark.parametrize("language, text, visit_name, spoken", [
    ("es", "soy paciente nueva y necesito una consulta por enfermedad el martes a las 10, nací el 3 de marzo de 1984",
     "consulta de paciente nuevo", "3 de marzo de 1984"),
    ("zh", "我是新病人，发烧了，想约礼拜二上午10点，生日是1984年3月3日", "新病人就诊", "1984年3月3日"),
])
def test_one_message_fills_the_clinic_form_in_the_language(clinic_wired, language, text, visit_name, spoken):
    body = {"es": "el martes a las 10", "zh": "礼拜二上午10点"}[language]
    slots, said = run_clinic(clinic_tracker(text, language, intent="make_booking", entities=[duckling_entity(body)]))
    assert slots["clinic_visit_type"] == "sick-visit" and slots["clinic_patient_status"] == "new"
    assert slots["clinic_visit_name"] == visit_name and said == ["utter_clinic_new_patient_visit"]
    assert slots["clinic_time"] == "2026-12-01T10:00:00-07:00"
    assert slots["clinic_date_of_birth"] == "1984-03-03" and slots["clinic_dob_spoken"] == spoken


@pytest.mark.parametrize("language, text, relation, patient", [
    ("es", "es para mi hija Camila, tiene fiebre", "hija", "Camila"),
    ("zh", "是给我女儿约的，她叫李思思，发烧了", "女儿", "李思思"),
])
def test_a_relatives_booking_in_the_language_keeps_both_names(clinic_wired, language, text, relation, patient):
    slots, _ = run_clinic(clinic_tracker(text, language, intent="make_booking",
                                         entities=[{"entity": "customer_name", "value": patient}]))
    assert slots["clinic_booking_for"] == relation and slots["clinic_patient_name"] == patient
    assert "customer_name" not in slots


@pytest.mark.parametrize("language, answer, patient", [
    ("es", "se llama Santiago", "Santiago"), ("es", "Santiago Pérez", "Santiago Pérez"),
    ("zh", "他叫王小虎", "王小虎"), ("zh", "王小虎", "王小虎"),
])
def test_the_relatives_name_asked_for_in_the_language(clinic_wired, language, answer, patient):
    slots, _ = run_clinic(clinic_tracker(answer, language, requested="clinic_patient_name", clinic_booking_for="hijo",
                                         clinic_visit_type="sick-visit"))
    assert slots["clinic_patient_name"] == patient


@pytest.mark.parametrize("language, answer, practitioner", [
    ("es", "a quien esté libre primero", "any"), ("es", "me da igual", "any"), ("es", "con la enfermera", "np-reyes"),
    ("zh", "谁先有空就约谁", "any"), ("zh", "都可以", "any"), ("zh", "Patel医生", "dr-patel"),
])
def test_who_to_see_answered_in_the_language(clinic_wired, language, answer, practitioner):
    slots, _ = run_clinic(clinic_tracker(answer, language, requested="clinic_practitioner", clinic_visit_type="follow-up",
                                         clinic_patient_status="returning"))
    assert slots["clinic_practitioner"] == practitioner


@pytest.mark.parametrize("language, answer", [("es", "lo más pronto que tenga"), ("zh", "越快越好")])
def test_the_soonest_time_in_the_language_offers_times(clinic_wired, language, answer):
    slots, _ = run_clinic(clinic_tracker(answer, language, requested="clinic_time", clinic_visit_type="follow-up",
                                         clinic_patient_status="returning", clinic_practitioner="any"))
    assert slots["clinic_time_note"] == "options" and slots["clinic_time_options"]


@pytest.mark.parametrize("language, answer, reason", [("es", "me duele la rodilla desde hace dos semanas", True),
                                                      ("zh", "膝盖疼了两个礼拜了", True), ("zh", "好的", False)])
def test_a_reason_in_the_language_is_kept_and_the_types_offered(clinic_wired, language, answer, reason):
    slots, _ = run_clinic(clinic_tracker(answer, language, requested="clinic_visit_type"))
    assert ("clinic_reason" in slots) is reason
    assert {"es": "evaluación de fisioterapia", "zh": "物理治疗评估"}[language] in slots["clinic_visit_types"]
