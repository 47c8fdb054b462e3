"""What Python puts into responses, said in Spanish and Chinese: clocks, days, dates, durations, lists, prices,
time options, arrival windows, stays and room rates; and the Spanish and Chinese ways callers give a party
size, a number of nights and a stay, with Duckling's entities as it returns them for es_ES and zh_CN."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from customers.answers import status_answer
from ordering.phrasing import run_together, spoken_list, spoken_price
from pos.ticket import Customer, Ticket
from pos.ticket_store import store_ticket
from scheduling import duckling_client
from scheduling.availability import answer, spoken_offers, spoken_windows
from scheduling.calendar import Calendar, Offer
from scheduling.formatting import clock, spoken_choices, spoken_day, spoken_duration, spoken_time
from scheduling.when import When
from trades import hotel, salon_times
from trades.clinic_dob import spoken_date
from trades.hotel import Option, Stay
from trades.hotel_dates import DatesSaid, read_dates
from trades.hotel_guests import guests_said, rooms_said
from trades.retail import spoken_line

NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")
# Saturday 28 November 2026, noon in New York.
NOW = datetime(2026, 11, 28, 12, 0, tzinfo=NEW_YORK)


def at(day, hour, minute=0, month=11):
    """New York time in late 2026: the 29th of November is a Sunday, the 1st of December a Tuesday."""
    return datetime(2026, month, day, hour, minute, tzinfo=NEW_YORK)


# --- clocks, days and durations ------------------------------------------------------------------


@pytest.mark.parametrize("hour, minute, spanish, chinese", [
    (0, 0, "12:00 a. m.", "午夜12点"),
    (3, 5, "3:05 a. m.", "凌晨3点05分"),
    (8, 0, "8:00 a. m.", "上午8点"),
    (10, 15, "10:15 a. m.", "上午10点15分"),
    (10, 30, "10:30 a. m.", "上午10点半"),
    (12, 0, "12:00 p. m.", "中午12点"),
    (13, 0, "1:00 p. m.", "下午1点"),
    (15, 30, "3:30 p. m.", "下午3点半"),
    (19, 45, "7:45 p. m.", "晚上7点45分"),
])
def test_a_clock_time(hour, minute, spanish, chinese):
    assert clock(at(28, hour, minute), "es") == spanish
    assert clock(at(28, hour, minute), "zh") == chinese


def test_a_time_is_said_relative_to_today():
    assert spoken_time(at(28, 15), NOW, "es") == "hoy a las 3:00 p. m."
    assert spoken_time(at(29, 10, 30), NOW, "es") == "mañana a las 10:30 a. m."
    assert spoken_time(at(29, 13), NOW, "es") == "mañana a la 1:00 p. m."
    assert spoken_time(at(1, 14, month=12), NOW, "es") == "el martes a las 2:00 p. m."
    assert spoken_time(at(28, 15), NOW, "zh") == "今天下午3点"
    assert spoken_time(at(29, 10, 30), NOW, "zh") == "明天上午10点半"
    assert spoken_time(at(1, 14, month=12), NOW, "zh") == "周二下午2点"


def test_a_few_times_to_choose_from():
    times = [at(28, 15), at(29, 10, 30), at(1, 14, month=12)]
    assert spoken_choices(times, NOW, "es") == "hoy a las 3:00 p. m., mañana a las 10:30 a. m. o el martes a las 2:00 p. m."
    assert spoken_choices(times, NOW, "zh") == "今天下午3点、明天上午10点半或周二下午2点"
    assert spoken_choices(times, NOW) == "today at 3:00 PM, tomorrow at 10:30 AM or Tuesday at 2:00 PM"


def test_days_and_dates_come_from_the_tables_not_the_server_locale():
    assert spoken_day(date(2026, 3, 5), "es") == "el jueves 5 de marzo"
    assert spoken_day(date(2026, 3, 5), "zh") == "3月5日（周四）"
    assert spoken_day(date(2026, 3, 5)) == "Thursday March 5"
    assert spoken_date(date(1984, 3, 3), "es") == "3 de marzo de 1984"
    assert spoken_date(date(1984, 3, 3), "zh") == "1984年3月3日"


def test_durations():
    minutes = (1, 45, 60, 90, 120, 150, 1440, 2880)
    assert [spoken_duration(m, "es") for m in minutes] == [
        "1 minuto", "45 minutos", "una hora", "1 hora y 30 minutos", "2 horas", "2 horas y 30 minutos", "un día", "2 días"]
    assert [spoken_duration(m, "zh") for m in minutes] == [
        "1分钟", "45分钟", "1小时", "1小时30分钟", "2小时", "2小时30分钟", "1天", "2天"]
    assert spoken_duration(150) == "2.5 hours"


# --- lists and prices ----------------------------------------------------------------------------


def test_lists():
    assert spoken_list(["a", "b", "c"], "or", "es") == "a, b o c"
    assert spoken_list(["a", "b", "c"], "and", "es") == "a, b y c"
    assert spoken_list(["a", "b", "c"], "or", "zh") == "a、b或c"
    assert spoken_list(["a", "b", "c"], "and", "zh") == "a、b和c"
    assert spoken_list(["a"], "or", "zh") == "a"


def test_spanish_says_e_and_u_before_the_same_sound():
    assert spoken_list(["Marta", "Isabel"], "and", "es") == "Marta e Isabel"
    assert spoken_list(["agua", "hielo"], "and", "es") == "agua y hielo"
    assert spoken_list(["siete", "ocho"], "or", "es") == "siete u ocho"
    assert spoken_list(["Olga", "Omar"], "or", "en") == "Olga or Omar"


def test_prices_and_chinese_spacing():
    assert spoken_price("large pizza", Decimal("12.5"), "es") == "large pizza: $12.50"
    assert spoken_price("大披萨", Decimal("12.5"), "zh") == "大披萨$12.50"
    assert spoken_price("large pizza", Decimal("12.5"), "zh") == "large pizza $12.50"
    assert spoken_price("large pizza", Decimal("12.5")) == "large pizza $12.50"
    assert run_together("2 加仑 白色 内墙漆", "zh") == "2加仑白色内墙漆"
    assert run_together("2 gallons 白色内墙漆", "zh") == "2 gallons白色内墙漆"
    assert run_together("2 gallons of 白漆", "en") == "2 gallons of 白漆"


# --- options from the schedule -------------------------------------------------------------------


def test_slot_options_with_staff():
    offers = [Offer(at(28, 15), at(28, 16), "maria", "Maria"), Offer(at(29, 10, 30), at(29, 11, 30), "joe", "Joe")]
    assert spoken_offers(offers, NOW, "es") == "hoy a las 3:00 p. m. con Maria o mañana a las 10:30 a. m. con Joe"
    assert spoken_offers(offers, NOW, "zh") == "Maria今天下午3点或Joe明天上午10点半"


def test_arrival_windows():
    windows = [Offer(at(29, 8), at(29, 12)), Offer(at(29, 13), at(29, 17)), Offer(at(3, 8, month=12), at(3, 12, month=12))]
    assert spoken_windows(windows, NOW, "es") == (
        "mañana entre las 8:00 a. m. y las 12:00 p. m., mañana entre la 1:00 p. m. y las 5:00 p. m. "
        "o el jueves 3 de diciembre entre las 8:00 a. m. y las 12:00 p. m.")
    assert spoken_windows(windows, NOW, "zh") == (
        "明天上午8点到中午12点之间、明天下午1点到下午5点之间或12月3日（周四）上午8点到中午12点之间")


@pytest.fixture
def small_inn(bookable):
    rooms = [
        {"id": "king", "name": "king room", "inventory": 1, "max_guests": 2,
         "variations": [{"id": "king-night", "name": "night", "price": 189}]},
        {"id": "queen", "name": "queen room", "inventory": 3, "max_guests": 2,
         "variations": [{"id": "queen-night", "name": "night", "price": 149}]},
    ]
    return bookable(items=rooms, trade="hotel")


def test_rooms_for_a_stay(small_inn, db):
    weekend = When(day=date(2026, 12, 4), until=date(2026, 12, 6))
    monday = datetime(2026, 11, 30, 8, 0, tzinfo=NEW_YORK)
    calendar = Calendar(small_inn, db)
    found = answer(small_inn, calendar, "do you have a king room friday to sunday", weekend, monday, "es")
    assert found.values["dates"] == "del viernes 4 de diciembre al domingo 6 de diciembre"
    found = answer(small_inn, calendar, "any rooms friday to sunday", weekend, monday, "es")
    assert found.response == "utter_availability_rooms"
    assert found.values["options"] in ("king room a $189.00 por noche o queen room a $149.00 por noche",
                                       "queen room a $149.00 por noche o king room a $189.00 por noche")
    found = answer(small_inn, calendar, "any rooms friday to sunday", weekend, monday, "zh")
    assert found.values["dates"] == "12月4日（周五）到12月6日（周日）"
    assert "king room每晚$189.00" in found.values["options"] and "或" in found.values["options"]
    tonight = answer(small_inn, calendar, "any rooms tonight", When(day=date(2026, 11, 30)), monday, "es")
    assert tonight.values["dates"] == "de hoy a mañana"


# --- the salon's times ---------------------------------------------------------------------------


def test_salon_times_say_the_date_once_past_this_week():
    assert salon_times.spoken_start(at(1, 13, month=12), NOW, "es") == "el martes a la 1:00 p. m."
    assert salon_times.spoken_start(at(11, 9, 30, month=12), NOW, "es") == "el viernes 11 de diciembre a las 9:30 a. m."
    assert salon_times.spoken_start(at(11, 9, 30, month=12), NOW, "zh") == "12月11日（周五）上午9点半"
    offers = [Offer(at(4, 14, month=12), at(4, 15, month=12), "maria", "Maria"),
              Offer(at(4, 16, month=12), at(4, 17, month=12), "alisha", "Alisha")]
    assert salon_times.spoken_options(offers, NOW, True, "es") == (
        "el viernes a las 2:00 p. m. con Maria o a las 4:00 p. m. con Alisha")
    assert salon_times.spoken_options(offers, NOW, False, "zh") == "周五下午2点或下午4点"
    assert salon_times.spoken_options(offers, NOW, True, "zh") == "Maria周五下午2点或Alisha下午4点"


# --- the hotel -----------------------------------------------------------------------------------


@pytest.fixture
def inn(registry):
    return registry.by_id("harbor-inn")


def test_a_stay_and_the_rooms_offered(inn):
    friday, sunday = date(2026, 12, 4), date(2026, 12, 6)
    assert hotel.spoken_stay(friday, sunday, "es") == "del viernes 4 de diciembre al domingo 6 de diciembre"
    assert hotel.spoken_stay(friday, sunday, "zh") == "12月4日（周五）到12月6日（周日）"
    stay = Stay(None, friday, sunday, 2)
    options = [Option("queen-room", friday, sunday), Option("family-suite", friday, sunday),
               Option("king-room", date(2026, 12, 5), date(2026, 12, 7))]
    assert hotel.spoken_options(options, stay, inn, "es") == (
        "queen room a $149 o family suite a $289", "king room del sábado 5 de diciembre al lunes 7 de diciembre")
    assert hotel.spoken_options(options, stay, inn, "zh") == (
        "queen room（$149）或family suite（$289）", "12月5日（周六）到12月7日（周一）的king room")


def test_read_back_times(inn):
    stay = Stay("king-room", date(2026, 12, 4), date(2026, 12, 6), 2)
    spanish, chinese = hotel.read_back(stay, inn, "es"), hotel.read_back(stay, inn, "zh")
    assert (spanish["hotel_check_in_time"], spanish["hotel_check_out_time"]) == ("3:00 p. m.", "11:00 a. m.")
    assert (chinese["hotel_check_in_time"], chinese["hotel_check_out_time"]) == ("下午3点", "上午11点")


def test_a_date_too_far_is_said_with_its_weekday(inn, db):
    far = date(2027, 6, 1)
    now = datetime(2026, 11, 30, 9, 0, tzinfo=LOS_ANGELES)
    checked = hotel.check(Stay(None, far, far + timedelta(days=2), 2), inn, Calendar(inn, db), now, language="es")
    assert checked.notes[0].response == "utter_hotel_date_too_far"
    assert checked.notes[0].values["last_date"].startswith("el ")


@pytest.mark.parametrize("text, language, position", [
    ("la primera", "es", 0), ("me quedo con la segunda", "es", 1), ("la más barata", "es", 0), ("la otra", "es", 1),
    ("la última", "es", -1), ("un cuarto doble", "es", None),
    ("第一个", "zh", 0), ("要第二个", "zh", 1), ("最便宜的", "zh", 0), ("另一间", "zh", 1), ("最后那个", "zh", -1),
])
def test_which_option_the_caller_takes(text, language, position):
    assert hotel.choice_said(text, language) == position


# What Duckling returns for these (es_ES, zh_CN), checked against the Clojure Duckling the app runs.
MONDAY = date(2026, 11, 30)
FRIDAY, SATURDAY, SUNDAY = date(2026, 12, 4), date(2026, 12, 5), date(2026, 12, 6)


def _span(text, body):
    start = text.index(body)
    return {"body": body, "start": start, "end": start + len(body)}


def number(text, body, value):
    return {**_span(text, body), "dim": "number", "value": {"type": "value", "value": value}}


def day(text, body, on):
    value = {"type": "value", "value": datetime(on.year, on.month, on.day, tzinfo=LOS_ANGELES).isoformat(), "grain": "day"}
    return {**_span(text, body), "dim": "time", "value": {**value, "values": [value]}}


def evening(text, body, on):
    start = datetime(on.year, on.month, on.day, 18, tzinfo=LOS_ANGELES)
    value = {"type": "interval", "from": {"value": start.isoformat(), "grain": "hour"},
             "to": {"value": (start + timedelta(hours=6)).isoformat(), "grain": "hour"}}
    return {**_span(text, body), "dim": "time", "value": {**value, "values": [value]}}


@pytest.mark.parametrize("text, entities, asked, guests", [
    ("2 adultos y 1 niño", lambda t: [number(t, "2", 2), number(t, "1", 1)], False, 3),
    ("somos cinco", lambda t: [number(t, "cinco", 5)], False, 5),
    ("para 2 y tres noches", lambda t: [number(t, "2", 2), number(t, "tres", 3)], False, 2),
    ("mi esposa y yo y nuestro hijo", lambda t: [], False, 3),
    ("solo yo", lambda t: [], False, 1),
    ("tres noches", lambda t: [number(t, "tres", 3)], True, None),
])
def test_spanish_party_sizes(text, entities, asked, guests):
    assert guests_said(entities(text), text, asked, "es") == guests


@pytest.mark.parametrize("text, entities, asked, guests", [
    ("2位成人和1位儿童", lambda t: [number(t, "2", 2), number(t, "1", 1)], False, 3),
    ("两个大人一个小孩", lambda t: [number(t, "两个", 2), number(t, "一个", 1)], False, 3),
    ("一共四个人", lambda t: [number(t, "一", 1), number(t, "四个", 4)], False, 4),
    ("两位，周五到周日", lambda t: [number(t, "两", 2), day(t, "周五", FRIDAY), day(t, "周日", SUNDAY)], False, 2),
    ("我们两个", lambda t: [number(t, "两个", 2)], False, 2),
    ("我和老婆还有孩子", lambda t: [], False, 3),
    ("就我一个人", lambda t: [number(t, "一个", 1)], False, 1),
    ("住三晚", lambda t: [number(t, "三", 3)], True, None),
])
def test_chinese_party_sizes(text, entities, asked, guests):
    assert guests_said(entities(text), text, asked, "zh") == guests


def test_more_than_one_room():
    text = "dos habitaciones dobles"
    assert rooms_said([number(text, "dos", 2)], text, "es") == 2
    text = "两间大床房"
    assert rooms_said([number(text, "两", 2)], text, "zh") == 2


def test_spanish_stays():
    text = "tres noches"
    assert read_dates([number(text, "tres", 3)], text, MONDAY, language="es") == DatesSaid(nights=3)
    text = "salgo el domingo"
    assert read_dates([day(text, "el domingo", SUNDAY)], text, MONDAY, language="es") == DatesSaid(check_out=SUNDAY)
    text = "llego el viernes"
    assert read_dates([day(text, "el viernes", FRIDAY)], text, MONDAY, language="es") == DatesSaid(check_in=FRIDAY)
    text = "viernes y sábado por la noche"
    entities = [day(text, "viernes", FRIDAY), evening(text, "sábado por la noche", SATURDAY)]
    assert read_dates(entities, text, MONDAY, language="es") == DatesSaid(FRIDAY, SUNDAY)
    assert read_dates([], "otra noche más", MONDAY, language="es") == DatesSaid(extra_nights=1)


def test_chinese_stays():
    text = "住三晚"
    assert read_dates([number(text, "三", 3)], text, MONDAY, language="zh") == DatesSaid(nights=3)
    text = "住一个星期"
    assert read_dates([number(text, "一个", 1)], text, MONDAY, language="zh") == DatesSaid(nights=7)
    text = "周五到周日"
    entities = [day(text, "周五", FRIDAY), day(text, "周日", SUNDAY)]
    assert read_dates(entities, text, MONDAY, language="zh") == DatesSaid(FRIDAY, SUNDAY)
    text = "周五和周六晚上"
    entities = [day(text, "周五", FRIDAY), evening(text, "周六晚上", SATURDAY)]
    assert read_dates(entities, text, MONDAY, language="zh") == DatesSaid(FRIDAY, SUNDAY)
    text = "住到周日"
    assert read_dates([day(text, "周日", SUNDAY)], text, MONDAY, language="zh") == DatesSaid(check_out=SUNDAY)
    text = "再住一晚"
    assert read_dates([number(text, "一", 1)], text, MONDAY, language="zh") == DatesSaid(extra_nights=1)


# --- the shop, the clinic, returning callers -----------------------------------------------------


def test_a_measured_line(registry):
    shop = registry.by_id("corner-hardware")
    line = {"item_id": "white-interior-paint", "name": "white interior paint", "quantity": 1,
            "variation_id": "white-interior-paint-gallon", "variation": "gallon"}
    assert spoken_line(line, shop.catalog, "es") == "1 gallon de white interior paint"
    assert spoken_line(line, shop.catalog, "zh") == "1 gallon white interior paint"
    assert spoken_line({**line, "name": "白色内墙漆"}, shop.catalog, "zh") == "1 gallon白色内墙漆"


def test_where_a_booking_stands(db, bookable):
    salon = bookable(booking={"staff": [{"id": "maria", "name": "Maria"}]})
    start = datetime(2026, 11, 28, 8, 0, tzinfo=NEW_YORK)
    booked = Ticket(business_id=salon.id, kind="service_call", customer=Customer("Dana", "+14155550199"), lines=[],
                    scheduled_for=start, scheduled_until=start + timedelta(hours=4), channel="sms", language="es",
                    conversation_id="w", idempotency_key="w")
    before = datetime(2026, 11, 27, 17, 0, tzinfo=timezone.utc)
    store_ticket(db, booked, before.astimezone(NEW_YORK).date(), now=before)
    spanish = status_answer(db, salon, "+14155550199", None, before, language="es")
    assert (spanish.values["when"], spanish.values["until"]) == ("mañana a las 8:00 a. m.", "12:00 p. m.")
    chinese = status_answer(db, salon, "+14155550199", None, before, language="zh")
    assert (chinese.values["when"], chinese.values["until"]) == ("明天上午8点", "中午12点")


# --- Duckling's spans in Chinese -----------------------------------------------------------------


def test_a_time_inside_a_chinese_sentence_is_kept():
    text = "我想明天下午两点来"
    found = [{"dim": "time", "body": "明天下午两点", "start": 2, "end": 8}]
    assert duckling_client.whole_words(text, found) == found
    assert salon_times.whole_words(text, found) == found
    assert not duckling_client.inside_a_word(text, 2, 8)


def test_a_span_glued_to_latin_letters_or_digits_is_still_dropped():
    assert duckling_client.inside_a_word("Omar Haddad", 1, 4)
    assert duckling_client.inside_a_word("Andrés", 0, 3)
    assert duckling_client.inside_a_word("ABC明天", 3, 5)
    assert duckling_client.inside_a_word("明天112点", 3, 6)
    text = "我叫Omar，明天下午两点"
    found = [{"dim": "time", "body": "mar", "start": 4, "end": 7}, {"dim": "time", "body": "明天下午两点", "start": 8, "end": 14}]
    assert [entity["body"] for entity in duckling_client.whole_words(text, found)] == ["明天下午两点"]
