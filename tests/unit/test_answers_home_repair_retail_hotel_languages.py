"""Spanish and Chinese answers to the home-services, repair, shop and hotel forms, as native speakers give them.

Each trade's readers first (the words alone), then a few turns through the real form actions, with Duckling's
readings written as Duckling gives them for es_ES and zh_CN.
"""

import asyncio
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.home_services_form as home_form
from actions import hotel_form
from actions.hotel_form import ActionHotelAnswerHours, ValidateHotelForm
from playbooks import Playbook
from scheduling.calendar import Calendar
from trades import hotel
from trades.home_services import (
    EMERGENCY, FLEXIBLE, NO_ACCESS_NOTES, access_notes_answer, address_answer, find_address, is_gas_danger,
    match_service, problem_answer, read_message, urgency_in, without_address_and_phone,
)
from trades.home_services_windows import (
    WindowSchedule, asap, clock_span, ordinal, part_of_day, pick_window, read_window_words, without_clock_span,
)
from trades.hotel_dates import days_of_month, read_dates
from trades.hotel_guests import guests_said
from trades.repair import Device, corrected_model, doesnt_know, model_answer, read_device
from trades.repair_catalog import repair_types
from trades.repair_dropoff import names_a_day, ordinal_pick
from trades.repair_quote import quote_wanted
from trades.repair_symptom import symptom_in
from trades.retail import asks_for_quote, count_in, names_something, read_items
from trades.retail import said as said_to_parser
from tests.unit.test_home_services_form import _domain as home_domain
from tests.unit.test_hotel_form import form, run, tracker  # noqa: F401  (form is a fixture)
from tests.unit.test_repair_form import Conversation as RepairConversation
from tests.unit.test_retail_form import Conversation as RetailConversation

CHICAGO = ZoneInfo("America/Chicago")
MONDAY_1PM = datetime(2026, 11, 30, 13, 0, tzinfo=CHICAGO)
MONDAY_7AM = datetime(2026, 11, 30, 7, 0, tzinfo=CHICAGO)
THURSDAY = date(2026, 12, 3)
MONDAY = date(2026, 11, 30)
# Duckling's es_ES reading of "del 12 al 15": the years 2012 to 2015.
DEL_12_AL_15 = [{"dim": "time", "body": "del 12 al 15", "start": 0, "end": 12, "value": {
    "type": "interval", "from": {"value": "2012-01-01T00:00:00.000-08:00", "grain": "year"},
    "to": {"value": "2015-01-01T00:00:00.000-08:00", "grain": "year"}}}]


@pytest.fixture
def rooter(registry):
    return registry.by_id("rapid-rooter")


@pytest.fixture
def fixit(registry):
    return registry.by_id("fixit-repair").catalog


@pytest.fixture
def hardware(registry):
    return registry.by_id("corner-hardware").catalog


def interval(body, start, end):
    return [{"dim": "time", "body": body, "value": {"type": "interval", "from": {"value": start, "grain": "hour"},
                                                   "to": {"value": end, "grain": "hour"}}}]


# --- home services: the problem, urgency, address and access notes --------------------------------------------


@pytest.mark.parametrize("text, language, problem, address, notes", [
    ("el fregadero de la cocina está tapado, ¿pueden venir mañana en la mañana? 14 Elm St", "es",
     "el fregadero de la cocina está tapado", "14 Elm St", None),
    ("hola, el inodoro no deja de correr, no hay prisa. El código del portón es 4411, tenemos un perro", "es",
     "el inodoro no deja de correr", None, "El código del portón es 4411, tenemos un perro"),
    ("bueno, el calentador de agua está goteando y la llave está debajo del tapete", "es",
     "el calentador de agua está goteando y la llave está debajo del tapete", None, None),
    ("mi AC no enfría, estamos en 302 West 45th Street", "es", "mi AC no enfría", "302 West 45th Street", None),
    ("厨房水槽堵了，明天上午能来吗？地址是14 Elm St", "zh", "厨房水槽堵了", "14 Elm St", None),
    ("马桶一直流水，不急。大门密码是4411，家里有条狗", "zh", "马桶一直流水", None, "大门密码是4411，家里有条狗"),
    ("你好，热水器漏水了，我家在缅街41号2楼", "zh", "热水器漏水了", "缅街41号2楼", None),
    ("空调不冷了，到了先打电话，车停在车道上就行", "zh", "空调不冷了", None, "到了先打电话，车停在车道上就行"),
])
def test_one_message_tells_problem_address_and_access_notes_apart(text, language, problem, address, notes):
    said = read_message(text, language)
    assert (said.problem, said.address, said.access_notes) == (problem, address, notes)


@pytest.mark.parametrize("text, language, service", [
    ("el fregadero de la cocina está tapado", "es", "drain-cleaning"),
    ("mi calentador de agua está goteando", "es", "water-heater-repair"),
    ("no hay agua caliente desde ayer", "es", "water-heater-repair"),
    ("quiero instalar calentador nuevo", "es", "water-heater-install-quote"),
    ("el inodoro está tapado", "es", "toilet-repair"),
    ("no tenemos calefacción", "es", "furnace-repair"),
    ("el aire acondicionado no enfría", "es", "ac-repair"),
    ("my kitchen sink está tapado", "es", "drain-cleaning"),
    ("厨房水槽堵了", "zh", "drain-cleaning"),
    ("热水器漏水了", "zh", "water-heater-repair"),
    ("我想换个新热水器", "zh", "water-heater-install-quote"),
    ("家里没有热水", "zh", "water-heater-repair"),
    ("我家马桶又堵了", "zh", "toilet-repair"),
    ("暖气坏了", "zh", "furnace-repair"),
    ("空调不冷了", "zh", "ac-repair"),
    ("水管漏水", "zh", "leak-repair"),
    ("有股怪味", "zh", None),
    ("紧急服务多少钱", "zh", None),
])
def test_the_service_is_matched_by_its_names_in_the_callers_language(rooter, text, language, service):
    found = match_service(text, rooter.catalog, language)
    assert (found.id if found else None) == service


@pytest.mark.parametrize("text, language, urgency", [
    ("se inundó el sótano", "es", EMERGENCY),
    ("se reventó un tubo y sale agua por todos lados", "es", EMERGENCY),
    ("no tenemos calefacción y hace mucho frío", "es", EMERGENCY),
    ("el calentón no prende y tengo un bebé", "es", EMERGENCY),
    ("es una emergencia", "es", EMERGENCY),
    ("sale humo del enchufe", "es", EMERGENCY),
    ("no es una emergencia, la llave gotea", "es", FLEXIBLE),
    ("no es urgente", "es", FLEXIBLE),
    ("no hay prisa, puede esperar", "es", FLEXIBLE),
    ("cuando puedan, la próxima semana está bien", "es", FLEXIBLE),
    ("el inodoro no deja de correr", "es", None),
    ("no hay calefacción en el cuarto de atrás", "es", None),
    ("地下室淹了", "zh", EMERGENCY),
    ("水管爆了，水关不掉", "zh", EMERGENCY),
    ("暖气坏了，外面零下十度", "zh", EMERGENCY),
    ("插座冒烟了", "zh", EMERGENCY),
    ("这是紧急情况", "zh", EMERGENCY),
    ("不是很急，水龙头有点滴水", "zh", FLEXIBLE),
    ("不着急，可以等几天", "zh", FLEXIBLE),
    ("下周什么时候都行", "zh", FLEXIBLE),
    ("马桶有点漏水", "zh", None),
    ("暖气不太热", "zh", None),
])
def test_urgency_in_spanish_and_chinese(text, language, urgency):
    assert urgency_in(text, language) == urgency


@pytest.mark.parametrize("text", [
    "huele a gas en la cocina", "hay una fuga de gas", "me huele mucho a gas", "suena la alarma de monóxido",
    "家里有煤气味", "闻到一股燃气味", "一氧化碳报警器在响", "好像煤气泄漏了",
])
def test_a_gas_smell_is_a_danger_whatever_language_the_conversation_is_in(text):
    assert is_gas_danger(text)
    assert urgency_in(text, "en") == EMERGENCY


@pytest.mark.parametrize("text", ["el calentador de gas gotea", "燃气热水器漏水了", "gas bill"])
def test_gas_appliances_are_not_a_gas_smell(text):
    assert not is_gas_danger(text)


@pytest.mark.parametrize("text, language", [
    ("no", "es"), ("ninguno", "es"), ("ninguna", "es"), ("nada", "es"), ("no, nada", "es"), ("no, gracias", "es"),
    ("nada en especial", "es"), ("nada en especial, vamos a estar en casa", "es"), ("no hace falta", "es"),
    ("está bien así, gracias", "es"), ("eso es todo", "es"), ("none", "es"),
    ("没有", "zh"), ("没有。", "zh"), ("没有，谢谢", "zh"), ("没有啊", "zh"), ("没什么特别的", "zh"), ("不用", "zh"),
    ("没事", "zh"), ("没有，家里有人", "zh"), ("都没有", "zh"), ("没什么要注意的，直接来就行", "zh"),
])
def test_access_notes_none_as_the_question_invites_it(text, language):
    assert access_notes_answer(text, language) == NO_ACCESS_NOTES


@pytest.mark.parametrize("text, language, notes", [
    ("la llave está debajo del tapete", "es", "la llave está debajo del tapete"),
    ("no hay código, pero estacione en el callejón", "es", "no hay código, pero estacione en el callejón"),
    ("tenemos dos perros, toque el timbre", "es", "tenemos dos perros, toque el timbre"),
    ("钥匙在门垫下面", "zh", "钥匙在门垫下面"),
    ("没有密码，不过请停在车道上", "zh", "没有密码，不过请停在车道上"),
    ("嗯，门禁是1930，狗很友好", "zh", "门禁是1930，狗很友好"),
])
def test_real_access_notes_stay_in_the_callers_words(text, language, notes):
    assert access_notes_answer(text, language) == notes


@pytest.mark.parametrize("text, language, address", [
    ("la dirección es 14 Elm St, apartamento 3B", "es", "14 Elm St, apartamento 3B"),
    ("vivo en avenida Kedzie 2300, depto 3", "es", "avenida Kedzie 2300, depto 3"),
    ("calle Elm número 14", "es", "calle Elm número 14"),
    ("es el 221 de Baker", "es", "221 de Baker"),
    ("estamos en 1420 Broadway, piso 2", "es", "1420 Broadway, piso 2"),
    ("地址是14 Elm St，明天上午", "zh", "14 Elm St"),
    ("我家在缅街41号2楼", "zh", "缅街41号2楼"),
    ("Elm街14号", "zh", "Elm街14号"),
    ("14 Elm Street 3B室", "zh", "14 Elm Street 3B室"),
    ("地址：罗斯福大道8800号", "zh", "罗斯福大道8800号"),
])
def test_addresses_said_in_spanish_and_chinese(text, language, address):
    assert address_answer(text, language) == address


@pytest.mark.parametrize("text, language", [("igual que la otra vez", "es"), ("312 555 0143", "es"), ("和上次一样", "zh"),
                                            ("41号", "zh")])
def test_an_address_needs_a_street_and_a_number(text, language):
    assert address_answer(text, language) is None


def test_an_address_next_to_chinese_is_taken_out_before_times_are_read():
    assert find_address("明天下午，地址是14 Elm St，3125550143", "zh") == "14 Elm St"
    assert without_address_and_phone("明天下午，地址是14 Elm St，3125550143", "zh").split() == ["明天下午，地址是", "，"]
    assert without_address_and_phone("明天上午来缅街41号", "zh") == "明天上午来 "
    assert find_address("I'm on the boulevard by exit 12") is None


def test_a_problem_answer_without_problem_words_is_kept_whole():
    assert problem_answer("pues la cosa debajo de las escaleras", "es") == "la cosa debajo de las escaleras"
    assert problem_answer("嗯，楼梯底下那个东西", "zh") == "楼梯底下那个东西"


# --- home services: arrival windows ---------------------------------------------------------------------------


@pytest.fixture
def schedule(rooter, db):
    return WindowSchedule(rooter, Calendar(rooter, db))


@pytest.mark.parametrize("text, language, hours", [
    ("de 12 a 4", "es", (12, 4)),
    ("mañana entre las 8 y las 12", "es", (8, 12)),
    ("de 4 a 7 de la tarde", "es", (4, 19)),
    ("8点到12点", "zh", (8, 12)),
    ("明天上午8点到12点之间", "zh", (8, 12)),
    ("下午四点到七点", "zh", (16, 7)),
    ("十二点到四点", "zh", (12, 4)),
])
def test_clock_spans_in_spanish_and_chinese(text, language, hours):
    assert clock_span(text, language)[0] == hours


def test_a_span_is_taken_out_for_duckling_but_counts_of_days_are_not_spans():
    assert without_clock_span("mañana entre las 8 y las 12", "es") == "mañana"
    assert without_clock_span("明天8点到12点", "zh") == "明天"
    assert clock_span("下周2到3天都行", "zh")[0] is None
    assert clock_span("a las 3 y 15", "es")[0] is None


@pytest.mark.parametrize("text, language, span", [
    ("mañana en la mañana", "es", (time(4), time(12))),
    ("el de la mañana", "es", (time(4), time(12))),
    ("temprano", "es", (time(4), time(12))),
    ("el de la tarde", "es", (time(12), time(17))),
    ("después del trabajo", "es", (time(15), time(19))),
    ("en la noche", "es", (time(17), time.max)),
    ("mañana", "es", None),
    ("buenas tardes", "es", None),
    ("明天上午", "zh", (time(4), time(12))),
    ("下午那个", "zh", (time(12), time(17))),
    ("傍晚", "zh", (time(15), time(19))),
    ("晚上", "zh", (time(17), time.max)),
])
def test_parts_of_the_day(text, language, span):
    assert part_of_day(text, language) == span


@pytest.mark.parametrize("text, language, position", [
    ("la primera", "es", 0), ("el primero", "es", 0), ("la segunda", "es", 1), ("el último", "es", -1),
    ("la más temprano", "es", 0), ("la más tarde", "es", -1), ("第一个", "zh", 0), ("第二个吧", "zh", 1),
    ("最后那个", "zh", -1), ("最早的那个", "zh", 0),
])
def test_a_pick_among_the_windows_offered(text, language, position):
    assert ordinal(text, language) == position


def test_long_sentences_and_the_first_time_are_not_picks():
    assert ordinal("es la primera vez que llamo y tengo una fuga en el baño de arriba", "es") is None
    assert ordinal("这是第一次", "zh") is None


@pytest.mark.parametrize("text, language", [
    ("lo antes posible", "es"), ("lo más pronto que puedan", "es"), ("cuanto antes", "es"), ("el primer horario disponible", "es"),
    ("尽快", "zh"), ("越快越好", "zh"), ("最快什么时候", "zh"),
])
def test_as_soon_as_possible(text, language):
    assert asap(text, language)


def test_tomorrow_morning_in_spanish_is_tomorrows_first_window(rooter, schedule):
    text = "¿pueden venir mañana en la mañana?"
    entities = interval("mañana en la mañana", "2026-12-01T04:00:00.000-06:00", "2026-12-01T12:00:00.000-06:00")
    words = read_window_words(text, entities, rooter, MONDAY_7AM.date(), language="es")
    assert pick_window(schedule, words, MONDAY_7AM).window.start == datetime(2026, 12, 1, 8, tzinfo=CHICAGO)


def test_the_afternoon_one_belongs_to_the_day_asked_about_in_spanish_and_chinese(rooter, schedule):
    """Duckling reads "el de la tarde" as this afternoon; no day is named, so it is the day being talked about."""
    entities = interval("el de la tarde", "2026-11-30T12:00:00.000-06:00", "2026-11-30T19:00:00.000-06:00")
    words = read_window_words("el de la tarde", entities, rooter, MONDAY_7AM.date(), THURSDAY, "es")
    assert pick_window(schedule, words, MONDAY_7AM).window.start == datetime(2026, 12, 3, 12, tzinfo=CHICAGO)
    words = read_window_words("下午那个", [], rooter, MONDAY_7AM.date(), THURSDAY, "zh")
    assert pick_window(schedule, words, MONDAY_7AM).window.start == datetime(2026, 12, 3, 12, tzinfo=CHICAGO)


def test_a_chinese_day_with_a_clock_span(rooter, schedule):
    entities = [{"dim": "time", "body": "明天", "value": {"type": "value", "grain": "day", "value": "2026-12-01T00:00:00.000-06:00"}}]
    words = read_window_words("明天8点到12点", entities, rooter, MONDAY_7AM.date(), language="zh")
    assert pick_window(schedule, words, MONDAY_7AM).window.start == datetime(2026, 12, 1, 8, tzinfo=CHICAGO)


def test_nothing_about_when_in_a_name_or_a_no(rooter):
    for text, language in (("no", "es"), ("Ana", "es"), ("ninguno", "es"), ("没有", "zh"), ("王芳", "zh")):
        assert not read_window_words(text, [], rooter, MONDAY_7AM.date(), THURSDAY, language).said_anything


# --- home services: the form ----------------------------------------------------------------------------------


@pytest.fixture
def home_stack(db, monkeypatch):
    readings = {}

    async def parse(text, *args, **kwargs):
        return next((entities for phrase, entities in readings.items() if phrase in text), [])

    monkeypatch.setattr(home_form, "database", lambda: db)
    monkeypatch.setattr(home_form, "now", lambda: MONDAY_1PM)
    monkeypatch.setattr(home_form.duckling_client, "parse", parse)
    return readings


def _home(text, intent, language, slots=None, requested_slot=None):
    values = {"business_id": "rapid-rooter", "trade": "home_services", "channel": "web", "language": language,
              "requested_slot": requested_slot, **(slots or {})}
    message = {"text": text, "intent": {"name": intent}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": message}]
    tracker = Tracker("caller-1", values, message, events, False, None, {"name": "service_call_form"}, "action_listen")
    dispatcher = CollectingDispatcher()
    result = asyncio.run(home_form.ValidateServiceCallForm().run(dispatcher, tracker, home_domain()))
    return {e["name"]: e["value"] for e in result if e.get("event") == "slot"}, [m["response"] for m in dispatcher.messages]


FILLED = {"home_problem": "fuga", "home_urgency": "soon", "home_address": "14 Elm St",
          "home_window": "2026-12-03T12:00:00-06:00", "home_window_end": "2026-12-03T16:00:00-06:00"}


def test_a_spanish_message_fills_problem_service_window_and_address(home_stack):
    home_stack["mañana en la mañana"] = interval(
        "mañana en la mañana", "2026-12-01T04:00:00.000-06:00", "2026-12-01T12:00:00.000-06:00")
    slots, said = _home("el fregadero de la cocina está tapado, ¿pueden venir mañana en la mañana? 14 Elm St",
                        "report_problem", "es")
    assert slots["home_problem"] == "el fregadero de la cocina está tapado"
    assert slots["home_service"] == "drain-cleaning" and slots["home_urgency"] == "soon"
    assert slots["home_address"] == "14 Elm St"
    assert slots["home_window"] == "2026-12-01T08:00:00-06:00"
    assert said == []


def test_a_chinese_flood_flags_staff_and_takes_todays_earliest_window(home_stack):
    slots, said = _home("地下室淹了，水管爆了", "report_problem", "zh")
    assert slots["home_urgency"] == "emergency" and slots["home_window"] == "2026-11-30T12:00:00-06:00"
    assert said == ["utter_home_emergency_flagged", "utter_home_emergency_window"]


def test_access_notes_none_in_spanish_and_chinese_at_the_form(home_stack):
    assert _home("ninguno", "inform", "es", FILLED, "home_access_notes")[0]["home_access_notes"] == "none"
    assert _home("nada, gracias", "inform", "es", FILLED, "home_access_notes")[0]["home_access_notes"] == "none"
    assert _home("没有", "deny", "zh", FILLED, "home_access_notes")[0]["home_access_notes"] == "none"
    assert _home("没什么特别的", "inform", "zh", FILLED, "home_access_notes")[0]["home_access_notes"] == "none"
    assert _home("大门密码1930", "inform", "zh", FILLED, "home_access_notes")[0]["home_access_notes"] == "大门密码1930"


def test_an_address_answer_in_chinese_at_the_form(home_stack):
    filled = {"home_problem": "漏水", "home_urgency": "soon"}
    assert _home("我家在缅街41号", "inform", "zh", filled, "home_address")[0]["home_address"] == "缅街41号"
    slots, said = _home("和上次一样", "inform", "zh", filled, "home_address")
    assert slots["home_address"] is None and said == ["utter_home_address_not_understood"]


def test_as_soon_as_possible_takes_the_first_free_window(home_stack):
    filled = {"home_problem": "漏水", "home_urgency": "soon", "home_address": "14 Elm St"}
    assert _home("尽快", "inform", "zh", filled, "home_window")[0]["home_window"] == "2026-11-30T12:00:00-06:00"
    assert _home("lo antes posible", "inform", "es", filled, "home_window")[0]["home_window"] == "2026-11-30T12:00:00-06:00"


# --- repair: the device, the symptom, the quote, the drop-off -------------------------------------------------


@pytest.mark.parametrize("text, language, kind, brand, model", [
    ("mi iPhone 13 Pro", "es", "phone", "Apple", "iPhone 13 Pro"),
    ("se me cayó el iPhone 12 y se rompió la pantalla", "es", "phone", "Apple", "iPhone 12"),
    ("mi iphone se cayó al agua", "es", "phone", "Apple", "iPhone"),
    ("tengo un iPhone SE", "es", "phone", "Apple", "iPhone SE"),
    ("iPhone doce pro", "es", "phone", "Apple", "iPhone 12 Pro"),
    ("mi celular Samsung no prende", "es", "phone", "Samsung", None),
    ("una laptop Dell XPS 13", "es", "laptop", "Dell", "XPS 13"),
    ("mi computadora portátil HP", "es", "laptop", "HP", None),
    ("mi carro Honda Civic 2015", "es", "car", "Honda", "Civic 2015"),
    ("la lavadora Whirlpool no desagua", "es", "appliance", "Whirlpool", None),
    ("el control de mi PS5", "es", "console", "Sony", "PS5"),
    ("mi switch no carga", "es", "console", "Nintendo", "Switch"),
    ("我的苹果手机13屏幕碎了", "zh", "phone", "Apple", "iPhone 13"),
    ("我的iPhone 13 Pro屏幕碎了", "zh", "phone", "Apple", "iPhone 13 Pro"),
    ("三星手机开不了机", "zh", "phone", "Samsung", None),
    ("华为P40电池鼓包", "zh", "phone", "Huawei", "P40"),
    ("戴尔笔记本键盘坏了", "zh", "laptop", "Dell", None),
    ("联想ThinkPad T480", "zh", "laptop", "Lenovo", "ThinkPad T480"),
    ("苹果平板", "zh", "tablet", "Apple", "iPad"),
    ("我的PS5没有画面", "zh", "console", "Sony", "PS5"),
    ("2015年的本田", "zh", "car", "Honda", None),
    ("我的手机", "zh", "phone", None, None),
])
def test_the_device_in_spanish_and_chinese(fixit, text, language, kind, brand, model):
    device = read_device(text, fixit, language)
    assert (device.kind, device.brand, device.model) == (kind, brand, model)


@pytest.mark.parametrize("text, language", [("¿puedo cambiar al viernes?", "es"), ("me llamo Ana", "es"),
                                            ("我开车过去", "zh"), ("我叫王芳", "zh")])
def test_no_device_in_everyday_words(fixit, text, language):
    assert read_device(text, fixit, language) is None


def test_the_read_back_names_the_device_the_way_the_language_does(fixit):
    assert read_device("mi celular Samsung", fixit, "es").label_in("es") == "celular Samsung"
    assert read_device("mi Samsung", fixit, "es").label_in("es") == "celular Samsung"
    assert read_device("mi iPhone 13", fixit, "es").label_in("es") == "Apple iPhone 13"
    assert read_device("我的三星", fixit, "zh").label_in("zh") == "Samsung 手机"
    assert read_device("三星手机", fixit, "zh").label_in("zh") == "Samsung 手机"
    assert Device("car", "Honda").label_in("zh") == "Honda 汽车"
    assert Device("phone", "Samsung").label == "Samsung phone"


@pytest.mark.parametrize("text, language, kind, repairs", [
    ("se me rompió la pantalla", "es", "phone", [("screen-replacement", "screen-phone")]),
    ("la pantalla está estrellada", "es", "laptop", [("screen-replacement", "screen-laptop")]),
    ("la batería dura muy poco", "es", "phone", [("battery-replacement", "battery-phone")]),
    ("no carga", "es", "tablet", [("charging-port-repair", "port-tablet")]),
    ("se mojó", "es", "phone", [("water-damage-diagnostic", "water-damage-standard")]),
    ("no prende", "es", "phone", [("diagnostic-fee", "diagnostic-standard")]),
    ("屏幕摔碎了", "zh", "phone", [("screen-replacement", "screen-phone")]),
    ("电池鼓包了", "zh", "phone", [("battery-replacement", "battery-phone")]),
    ("充不进电", "zh", "tablet", [("charging-port-repair", "port-tablet")]),
    ("键盘坏了", "zh", "laptop", [("laptop-keyboard-replacement", "keyboard-laptop")]),
    ("手柄漂移", "zh", "console", [("controller-drift-repair", "drift-controller")]),
    ("手机进水了，开不了机", "zh", "phone", [("diagnostic-fee", "diagnostic-standard"),
                                     ("water-damage-diagnostic", "water-damage-standard")]),
])
def test_repair_types_are_matched_by_their_names_in_the_language(fixit, text, language, kind, repairs):
    assert [(item.id, variation.id) for item, variation in repair_types(text, fixit, kind, language)] == repairs


@pytest.mark.parametrize("text, language, symptom", [
    ("se me cayó el iPhone y se rompió la pantalla, ¿lo puedo llevar mañana a las 10?", "es",
     "se me cayó el iPhone y se rompió la pantalla"),
    ("hola, mi celular no carga", "es", "mi celular no carga"),
    ("la pantalla parpadea y se calienta mucho", "es", "la pantalla parpadea y se calienta mucho"),
    ("¿cuánto cuesta cambiar la pantalla?", "es", None),
    ("sin problema, mañana paso", "es", None),
    ("me llamo Ana", "es", None),
    ("屏幕碎了，明天上午能送过来吗", "zh", "屏幕碎了"),
    ("你好，我的手机充不进电", "zh", "我的手机充不进电"),
    ("手机进水了，还有电池也鼓包了", "zh", "手机进水了，还有电池也鼓包了"),
    ("换屏幕多少钱", "zh", None),
    ("没问题，明天上午送过来", "zh", None),
    ("我叫王芳", "zh", None),
])
def test_the_symptom_in_the_callers_words(fixit, text, language, symptom):
    assert symptom_in(text, fixit, language) == symptom


@pytest.mark.parametrize("text, language, wanted", [
    ("sí, quiero un presupuesto primero", "es", "yes"),
    ("avíseme cuánto cuesta antes", "es", "yes"),
    ("dígame el precio antes de empezar", "es", "yes"),
    ("no hace falta presupuesto, arréglelo nomás", "es", "no"),
    ("cueste lo que cueste", "es", "no"),
    ("sin presupuesto", "es", "no"),
    ("¿cuánto es una pantalla?", "es", None),
    ("先报个价吧", "zh", "yes"),
    ("修之前先告诉我多少钱", "zh", "yes"),
    ("要报价", "zh", "yes"),
    ("不用报价，直接修", "zh", "no"),
    ("多少钱都修", "zh", "no"),
    ("换屏幕多少钱", "zh", None),
])
def test_the_quote_wish(text, language, wanted):
    assert quote_wanted(text, language) == wanted


@pytest.mark.parametrize("text, language, position", [
    ("la primera", "es", 0), ("el último", "es", -1), ("el más temprano", "es", 0), ("la de en medio", "es", 1),
    ("la segunda está bien", "es", 1), ("第一个", "zh", 0), ("最后那个", "zh", -1), ("第二个吧", "zh", 1),
    ("最早的那个", "zh", 0), ("这是第一次", "zh", None),
])
def test_a_pick_among_the_drop_off_times(text, language, position):
    assert ordinal_pick(text, language) == position


@pytest.mark.parametrize("text, language, day", [
    ("mañana a las 10", "es", True), ("el jueves en la tarde", "es", True), ("en la mañana", "es", False),
    ("a las 3", "es", False), ("明天上午10点", "zh", True), ("周四", "zh", True), ("3号", "zh", True), ("10点", "zh", False),
])
def test_a_day_named(text, language, day):
    assert names_a_day(text, language) is day


@pytest.mark.parametrize("language, correction, model", [
    ("es", "en realidad es un 13, no un 12", "iPhone 13"),
    ("es", "perdón, el 13 pro", "iPhone 13 Pro"),
    ("es", "no, es el pro max", "iPhone 12 Pro Max"),
    ("zh", "不是12，是13", "iPhone 13"),
    ("zh", "说错了，是13 pro", "iPhone 13 Pro"),
    ("zh", "其实是pro max", "iPhone 12 Pro Max"),
])
def test_a_correction_to_the_model(language, correction, model):
    assert corrected_model(read_device("iphone 12"), correction, language).model == model


def test_not_knowing_the_model_and_a_make_we_do_not_know():
    for text, language in (("no sé", "es"), ("ni idea", "es"), ("no me acuerdo del modelo", "es"), ("不知道", "zh"),
                           ("不太清楚型号", "zh"), ("忘了", "zh")):
        assert doesnt_know(text, language)
    assert not doesnt_know("es un Fairphone 4", "es")
    assert model_answer("es un Fairphone 4", "es") == "Fairphone 4"
    assert model_answer("一台Fairphone 4。", "zh") == "Fairphone 4"


def repair_time(text, *values):
    return [{"dim": "time", "body": text, "value": {"type": "value", "value": values[0], "grain": "hour",
                                                   "values": [{"type": "value", "value": v, "grain": "hour"} for v in values]}}]


def test_a_spanish_repair_conversation_books_the_drop_off(db, monkeypatch):
    chat = RepairConversation(db, monkeypatch, {"mañana a las 10": repair_time(
        "mañana a las 10", "2026-12-01T10:00:00-05:00", "2026-12-01T22:00:00-05:00")})
    chat.slots["language"] = "es"
    chat.say("se me rompió la pantalla del celular Samsung, ¿lo puedo llevar mañana a las 10?", "report_problem")
    assert chat.slots["repair_device"] == "celular Samsung"
    assert chat.slots["repair_symptom"] == "se me rompió la pantalla del celular Samsung"
    assert [line["item_id"] for line in chat.slots["repair_lines"]] == ["screen-replacement"]
    assert chat.slots["repair_dropoff_time"] == "2026-12-01T10:00:00-05:00"
    chat.say("sí, quiero un presupuesto primero", "affirm")
    assert chat.slots["repair_quote_wanted"] == "yes"


def test_a_chinese_repair_conversation_takes_the_first_free_drop_off(db, monkeypatch):
    chat = RepairConversation(db, monkeypatch, {})
    chat.slots["language"] = "zh"
    chat.say("我的苹果手机13屏幕碎了", "report_problem")
    assert chat.slots["repair_device"] == "Apple iPhone 13" and chat.slots["repair_symptom"] == "我的苹果手机13屏幕碎了"
    assert chat.slots["requested_slot"] == "repair_dropoff_time"
    chat.say("尽快", "inform")
    assert chat.slots["repair_dropoff_time"] is not None
    chat.say("不用报价，直接修", "inform")
    assert chat.slots["repair_quote_wanted"] == "no"


def test_a_make_and_model_nobody_knows_is_kept_as_said_in_spanish(db, monkeypatch):
    chat = RepairConversation(db, monkeypatch, {})
    chat.slots["language"] = "es"
    chat.say("mi celular", "report_problem")
    assert chat.slots["requested_slot"] == "repair_device" and chat.slots["repair_device_noun"] == "celular"
    chat.say("es un Fairphone 4", "inform")
    assert chat.slots["repair_device"] == "Fairphone 4"


# --- retail: holds, counts, quotes, pickup --------------------------------------------------------------------


@pytest.mark.parametrize("text, language, wanted", [
    ("apárteme dos galones de white interior paint", "es", [("white-interior-paint", 2, "gallon")]),
    ("quiero reservar 3 cajas de deck screws de 3 pulgadas", "es", [("deck-screws", 3, "3 inch box")]),
    ("me puede guardar un paint roller kit", "es", [("paint-roller-kit", 1, "9 inch")]),
    ("una extension cord de 50 pies", "es", [("extension-cord", 1, "50 foot")]),
    ("帮我留两加仑white interior paint", "zh", [("white-interior-paint", 2, "gallon")]),
    ("预留3盒deck screws", "zh", [("deck-screws", 3, None)]),
    ("我要一个paint roller kit", "zh", [("paint-roller-kit", 1, "9 inch")]),
])
def test_holds_containers_and_units_in_spanish_and_chinese(hardware, text, language, wanted):
    update = read_items(text, hardware, [], language)
    assert [(line["item_id"], line["quantity"], line.get("variation")) for line in update.lines] == wanted
    assert update.unknown == []


@pytest.mark.parametrize("text, language", [
    ("necesito una cotización para 40 bolsas de concreto", "es"), ("¿me pueden cotizar un pedido grande?", "es"),
    ("quiero un presupuesto al por mayor", "es"), ("¿tienen precio de mayoreo?", "es"),
    ("我想询价", "zh"), ("能给我报个价吗", "zh"), ("批发价多少", "zh"),
])
def test_a_quote_request_in_spanish_and_chinese(text, language):
    assert asks_for_quote(text, language)


def test_a_quote_request_without_items_names_nothing(hardware):
    for text, language in (("¿me pueden cotizar un pedido grande?", "es"), ("quiero un presupuesto al por mayor", "es"),
                           ("我要批发价", "zh")):
        assert not names_something(read_items(text, hardware, [], language), language)
    assert names_something(read_items("cotización para 40 bolsas de concreto", hardware, [], "es"), "es")


@pytest.mark.parametrize("text, language, count", [
    ("me llevo dos", "es", 2), ("sí, deme tres", "es", 3), ("una, por favor", "es", 1),
    ("我要两个", "zh", 2), ("来三个吧", "zh", 3), ("好的，要2个", "zh", 2),
])
def test_a_count_said_after_a_stock_answer(text, language, count):
    assert count_in(text, language) == count


def test_shop_words_that_only_look_like_units():
    assert "inch" not in said_to_parser("这个尺寸有吗", "zh") and "foot" not in said_to_parser("这个尺寸有吗", "zh")
    assert said_to_parser("60瓦的灯泡", "zh").split()[:2] == ["60", "watt"]
    assert "quart" not in said_to_parser("tornillos de tres cuartos de pulgada", "es")


def test_a_spanish_hold_picked_up_as_soon_as_possible(db, monkeypatch):
    chat = RetailConversation(db, monkeypatch)
    chat.slots["language"] = "es"
    chat.say("apárteme dos galones de white interior paint", "place_order")
    assert [(l["item_id"], l["quantity"]) for l in chat.slots["retail_items"]] == [("white-interior-paint", 2)]
    assert chat.asking == "retail_pickup_time"
    said = chat.say("lo antes posible", "inform")
    assert said == [] and chat.slots["retail_pickup_time"] == "2026-11-30T12:30:00-05:00"


def test_a_chinese_hold_picked_up_as_soon_as_possible(db, monkeypatch):
    chat = RetailConversation(db, monkeypatch)
    chat.slots["language"] = "zh"
    chat.say("帮我留3盒deck screws，3寸的", "place_order")
    assert [(l["item_id"], l["variation"], l["quantity"]) for l in chat.slots["retail_items"]] == [
        ("deck-screws", "3 inch box", 3)]
    chat.say("尽快", "inform")
    assert chat.slots["retail_pickup_time"] == "2026-11-30T12:30:00-05:00"


def test_a_spanish_quote_request_switches_the_form(db, monkeypatch):
    chat = RetailConversation(db, monkeypatch)
    chat.slots["language"] = "es"
    chat.say("necesito una cotización para 40 bolsas de concreto", "place_order")
    assert chat.slots["retail_kind"] == "quote_request"
    assert chat.slots["retail_quote_request"] == "necesito una cotización para 40 bolsas de concreto"


# --- hotel: the room chosen, the guests, check-in and check-out times -----------------------------------------


@pytest.mark.parametrize("text, language, position", [
    ("la primera", "es", 0), ("la más barata", "es", 0), ("la segunda", "es", 1), ("la otra", "es", 1),
    ("la última", "es", -1), ("cualquiera está bien", "es", 0), ("me da igual", "es", 0), ("la que sea", "es", 0),
    ("第一个", "zh", 0), ("便宜的那个", "zh", 0), ("第二个", "zh", 1), ("另一间", "zh", 1), ("最后一个", "zh", -1),
    ("都可以", "zh", 0), ("随便", "zh", 0), ("哪个都行", "zh", 0),
    ("either is fine", "en", 0), ("whichever", "en", 0), ("no preference", "en", 0),
])
def test_a_room_chosen_among_those_offered(text, language, position):
    assert hotel.choice_said(text, language) == position


def test_no_choice_in_other_answers():
    assert hotel.choice_said("somos los dos", "es") is None
    assert hotel.choice_said("两个人", "zh") is None


@pytest.mark.parametrize("text, numbers, language, guests", [
    ("两大一小", [("两", 2), ("一", 1)], "zh", 3),
    ("两大两小", [("两", 2), ("两", 2)], "zh", 4),
    ("我们两个人", [("两个", 2)], "zh", 2),
    ("一共四位", [("一", 1), ("四", 4)], "zh", 4),
    ("两大床房", [("两", 2)], "zh", None),
    ("就我一个人", [], "zh", 1),
    ("somos dos adultos y un niño", [("dos", 2), ("un", 1)], "es", 3),
    ("somos cuatro", [("cuatro", 4)], "es", 4),
    ("mi esposa y yo", [], "es", 2),
])
def test_guests_in_spanish_and_chinese(text, numbers, language, guests):
    entities, at = [], 0
    for said, value in numbers:
        start = text.index(said, at)
        entities.append({"dim": "number", "body": said, "start": start, "end": start + len(said), "value": {"value": value}})
        at = start + len(said)
    assert guests_said(entities, text, False, language) == guests


def test_a_room_type_is_named_by_its_name_in_the_language():
    inn = Playbook.from_dict({
        "id": "test-inn", "name": "Test Inn", "trade": "hotel", "timezone": "America/Los_Angeles",
        "languages": ["en", "es", "zh"], "currency": "USD", "hours": {"mon": ["00:00-23:59"]},
        "pos": {"provider": "house"},
        "catalog": {"items": [
            {"id": "king-room", "name": "king room", "inventory": 2, "max_guests": 2,
             "names": {"es": ["habitación king", "cama king"], "zh": ["大床房"]},
             "variations": [{"id": "king-night", "name": "nightly rate", "price": 179}]},
            {"id": "double-queen", "name": "double queen room", "inventory": 2, "max_guests": 4,
             "names": {"es": ["habitación doble", "dos camas"], "zh": ["双床房"]},
             "variations": [{"id": "double-night", "name": "nightly rate", "price": 199}]},
        ]},
    })
    assert hotel.room_named("la habitación doble, por favor", inn, "es").id == "double-queen"
    assert hotel.room_named("我要大床房", inn, "zh").id == "king-room"
    assert hotel.room_named("双床房吧", inn, "zh").id == "double-queen"


@pytest.mark.parametrize("text, language, response", [
    ("¿a qué hora es la entrada?", "es", "utter_hotel_check_times"),
    ("¿a qué hora es el check-in?", "es", "utter_hotel_check_times"),
    ("¿hasta qué hora hay que dejar la habitación?", "es", "utter_hotel_check_times"),
    ("¿a qué hora abren?", "es", "utter_hours"),
    ("几点可以入住？", "zh", "utter_hotel_check_times"),
    ("退房是几点", "zh", "utter_hotel_check_times"),
    ("前台几点开门", "zh", "utter_hours"),
])
def test_check_in_and_check_out_questions(monkeypatch, registry, text, language, response):
    monkeypatch.setattr(hotel_form, "playbook_for", lambda tracker: registry.by_id("harbor-inn"))
    message = {"text": text, "intent": {"name": "ask_hours"}, "entities": []}
    tracker = Tracker("caller-1", {"business_id": "harbor-inn", "language": language}, message,
                      [{"event": "user", "text": text, "parse_data": message}], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionHotelAnswerHours().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == [response]


def test_a_pick_of_the_rooms_offered_at_the_form(form):
    """`form` (from the hotel form's tests) stands in the clock, the database and Duckling."""
    offered = {"hotel_check_in": "2026-12-04", "hotel_check_out": "2026-12-06", "hotel_guests": 2,
               "hotel_room_choices": [["queen-room", "2026-12-04", "2026-12-06"], ["king-room", "2026-12-04", "2026-12-06"]]}
    slots, _ = run(ValidateHotelForm(), tracker("la segunda, por favor", "inform", {**offered, "language": "es"}, "hotel_room"))
    assert slots["hotel_room"] == "king-room"
    slots, _ = run(ValidateHotelForm(), tracker("都可以", "inform", {**offered, "language": "zh"}, "hotel_room"))
    assert slots["hotel_room"] == "queen-room"



@pytest.mark.parametrize("text, language, check_in, check_out", [
    ("del 12 al 15", "es", date(2026, 12, 12), date(2026, 12, 15)),
    ("del 12 al 15 de diciembre", "es", date(2026, 12, 12), date(2026, 12, 15)),
    ("del 28 de diciembre al 2 de enero", "es", date(2026, 12, 28), date(2027, 1, 2)),
    ("desde el 12 hasta el 15", "es", date(2026, 12, 12), date(2026, 12, 15)),
    ("llegamos el 12 y salimos el 15", "es", date(2026, 12, 12), date(2026, 12, 15)),
    ("el 5", "es", date(2026, 12, 5), None),
    ("12号到15号", "zh", date(2026, 12, 12), date(2026, 12, 15)),
    ("12到15号", "zh", date(2026, 12, 12), date(2026, 12, 15)),
    ("十二号到十五号", "zh", date(2026, 12, 12), date(2026, 12, 15)),
    ("12月28号到1月2号", "zh", date(2026, 12, 28), date(2027, 1, 2)),
    ("12号入住", "zh", date(2026, 12, 12), None),
])
def test_days_of_the_month_duckling_does_not_read(text, language, check_in, check_out):
    said = read_dates(days_of_month([], text, MONDAY, language), text, MONDAY, language=language)
    assert (said.check_in, said.check_out) == (check_in, check_out)


def test_a_day_of_the_month_as_the_check_out():
    for text, language in (("hasta el 15", "es"), ("住到15号", "zh")):
        said = read_dates(days_of_month([], text, MONDAY, language), text, MONDAY, date(2026, 12, 12), False, language)
        assert (said.check_in, said.check_out) == (None, date(2026, 12, 15))


def test_counts_and_buildings_are_not_days_of_the_month():
    for text, language in (("de 2 a 3 noches", "es"), ("el 2 de la tarde", "es"), ("2号楼", "zh")):
        assert read_dates(days_of_month([], text, MONDAY, language), text, MONDAY, language=language).empty


def test_the_dates_question_answered_as_it_invites_in_spanish_and_chinese(form):
    form["del 12 al 15"] = DEL_12_AL_15
    slots, said = run(ValidateHotelForm(), tracker("del 12 al 15", "inform", {"language": "es"}, "hotel_check_in"))
    assert (slots["hotel_check_in"], slots["hotel_check_out"]) == ("2026-12-12", "2026-12-15") and said == []
    slots, said = run(ValidateHotelForm(), tracker("12号到15号", "inform", {"language": "zh"}, "hotel_check_in"))
    assert (slots["hotel_check_in"], slots["hotel_check_out"]) == ("2026-12-12", "2026-12-15") and said == []
