"""Ordering in Spanish and Chinese, alone or mixed with English, and the read-back in both."""

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from catalog import (Catalog, OrderUpdate, apply_utterance, match_item, match_modifier, match_variation, parse_quantity, price_of,
                     read_back, variation_choices)
from catalog.matching import tag, tokenize
from catalog.synced import overlay
from playbooks.loader import validate_document

PLAYBOOKS = Path(__file__).parents[2] / "playbooks"


def playbook(business_id: str) -> dict:
    return yaml.safe_load((PLAYBOOKS / f"{business_id}.yml").read_text())


PIZZA = Catalog.from_dict(playbook("tonys-pizzeria")["catalog"])
NOODLE = Catalog.from_dict(playbook("lucky-noodle")["catalog"])

# One pizza, so "a large pizza" names an item; tacos and enchiladas for Spanish plurals; horchata has only
# its English name.
TAQUERIA = Catalog.from_dict({
    "modifier_lists": [
        {"id": "fillings", "name": "Filling", "modifiers": [
            {"id": "chicken", "name": "chicken", "price": 0, "names": {"es": ["pollo"], "zh": ["鸡肉"]}},
            {"id": "steak", "name": "steak", "price": 1, "names": {"es": ["asada", "carne asada"], "zh": ["牛排", "烤牛肉"]}},
        ]},
        {"id": "toppings", "name": "Toppings", "modifiers": [
            {"id": "onions", "name": "onions", "price": 0, "aliases": ["onion"], "names": {"es": ["cebolla"], "zh": ["洋葱"]}},
            {"id": "cilantro", "name": "cilantro", "price": 0, "names": {"es": ["cilantro"], "zh": ["香菜"]}},
            {"id": "extra-cheese", "name": "extra cheese", "price": 1.5, "names": {"es": ["extra queso"], "zh": ["加芝士"]}},
        ]},
    ],
    "items": [
        {"id": "pizza", "name": "pizza", "category": "Pizza", "modifier_lists": ["toppings"],
         "names": {"es": ["pizza"], "zh": ["披萨", "比萨"]},
         "variations": [{"id": "pizza-small", "name": "small", "price": 10, "names": {"es": ["chica"], "zh": ["小号", "小"]}},
                        {"id": "pizza-large", "name": "large", "price": 15, "names": {"es": ["grande"], "zh": ["大号", "大"]}}]},
        {"id": "taco", "name": "taco", "category": "Tacos", "modifier_lists": ["fillings", "toppings"],
         "names": {"es": ["taco"], "zh": ["塔可"]}, "variations": [{"id": "taco-each", "name": "regular", "price": 3.5}]},
        {"id": "enchiladas", "name": "enchiladas", "category": "Plates", "modifier_lists": ["fillings", "toppings"],
         "names": {"es": ["enchiladas", "enchilada"], "zh": ["恩奇拉达"]},
         "variations": [{"id": "enchiladas-plate", "name": "plate", "price": 12}]},
        {"id": "coke", "name": "coke", "category": "Drinks", "aliases": ["coca cola"], "names": {"es": ["coca", "refresco"], "zh": ["可乐"]},
         "variations": [{"id": "coke-can", "name": "can", "price": 2}]},
        {"id": "horchata", "name": "horchata", "category": "Drinks", "variations": [{"id": "horchata-cup", "name": "cup", "price": 3}]},
    ],
})


def say(language: str, *turns: str, catalog: Catalog = PIZZA, lines: list | None = None) -> OrderUpdate:
    """The update after the last turn, each turn applied to the lines the previous one left."""
    update = OrderUpdate(lines=lines or [], changed=False)
    for turn in turns:
        update = apply_utterance(turn, catalog, update.lines, language)
    return update


def brief(lines: list[dict]) -> list[tuple]:
    """(quantity, item, variation, modifiers, note) per line."""
    return [(l["quantity"], l["item_id"], l["variation_id"], [m["id"] for m in l["modifiers"]], l["note"]) for l in lines]


# --- Spanish -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("quiero dos pizzas grandes de pepperoni y una coca",
         [(2, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "coke", "coke-can", [], "")]),
        ("me pone una de queso sin cebolla", [(1, "cheese-pizza", None, [], "no onions")]),
        ("una large de pepperoni", [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")]),
        ("Quiero una Coca-Cola, por favor", [(1, "coke", "coke-can", [], "")]),
        ("dos pizzas de pepperoni grandes, una con extra queso, y una coca",
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", ["extra-cheese"], ""),
          (1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
          (1, "coke", "coke-can", [], "")]),
        ("quería una pizza vegetariana mediana con champiñones y cebolla, sin aceitunas",
         [(1, "veggie-pizza", "veggie-pizza-medium", ["mushrooms", "onions"], "no black olives")]),
        ("dame una docena de alitas con salsa barbacoa y tres cocas",
         [(1, "buffalo-wings", "wings-12", ["bbq"], ""), (3, "coke", "coke-can", [], "")]),
        ("media docena de alitas", [(1, "buffalo-wings", "wings-6", [], "")]),
        ("¿me puede dar dos órdenes de alitas?", [(2, "buffalo-wings", "wings-6", [], "")]),
        ("dos docenas de cocas", [(24, "coke", "coke-can", [], "")]),
        ("un par de cocas y una coca light", [(2, "coke", "coke-can", [], ""), (1, "diet-coke", "diet-coke-can", [], "")]),
        ("también quiero doce sprites", [(12, "sprite", "sprite-can", [], "")]),
        ("una coca de dos litros", [(1, "coke", "coke-2l", [], "")]),
        ("una grande de pepperoni, bien cocida", [(1, "pepperoni-pizza", "pepperoni-pizza-large", ["well-done"], "")]),
        ("dos pizzas grandes de peperoni", [(2, "pepperoni-pizza", "pepperoni-pizza-large", [], "")]),
        ("una ensalada césar con aderezo ranch", [(1, "caesar-salad", "caesar-salad-regular", ["ranch"], "")]),
    ],
)
def test_spanish_orders(text, expected):
    update = say("es", text)
    assert brief(update.lines) == expected
    assert update.unknown == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("quiero two tacos", [(2, "taco", "taco-each", [], "")]),
        ("dos tacos de pollo con cebolla y cilantro", [(2, "taco", "taco-each", ["chicken", "onions", "cilantro"], "")]),
        ("tres enchiladas de asada sin cebolla", [(3, "enchiladas", "enchiladas-plate", ["steak"], "no onions")]),
        ("una enchilada y un taco de asada", [(1, "enchiladas", "enchiladas-plate", [], ""), (1, "taco", "taco-each", ["steak"], "")]),
        ("una pizza grande y dos refrescos", [(1, "pizza", "pizza-large", [], ""), (2, "coke", "coke-can", [], "")]),
    ],
)
def test_spanish_plurals_and_mixed_english(text, expected):
    update = say("es", text, catalog=TAQUERIA)
    assert brief(update.lines) == expected
    assert update.unknown == []


def test_spanish_noodles_and_a_share_without_peanuts():
    update = say("es", "tres pad thai, uno sin cacahuate, y dos tés tailandeses", catalog=NOODLE)
    assert brief(update.lines) == [
        (1, "pad-thai", "pad-thai-regular", ["no-peanuts"], ""),
        (2, "pad-thai", "pad-thai-regular", [], ""),
        (2, "thai-iced-tea", "thai-iced-tea-regular", [], ""),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "hola, buenas tardes",
        "quiero pedir para llevar a las 6 y media, a nombre de Juan",
        "mi número es 555 123 4567",
        "sí, eso es todo, gracias",
        "¿cuánto es el total?",
    ],
)
def test_spanish_filler_is_never_an_unknown_item(text):
    update = say("es", text)
    assert (update.lines, update.unknown) == ([], [])


def test_spanish_unknown_item_is_reported_with_spanish_suggestions():
    update = say("es", "quiero una pizza hawaiana")
    assert update.lines == []
    assert update.unknown == ["pizza hawaiana"]
    spanish = {PIZZA.item(item_id).spoken_name("es") for item_id in ("cheese-pizza", "pepperoni-pizza", "veggie-pizza")}
    assert set(update.suggestions["pizza hawaiana"]) <= spanish


@pytest.mark.parametrize(
    "turns, expected, removed",
    [
        (("una pizza grande de pepperoni y una coca", "quita la coca"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], ["coca"]),
        (("una pizza grande de pepperoni y una coca", "ya no quiero la coca"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], ["coca"]),
        (("una pizza grande de pepperoni y una coca", "cambia la coca por una sprite"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "sprite", "sprite-can", [], "")], []),
        (("una pizza grande de pepperoni y una coca", "mejor una sprite en vez de la coca"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "sprite", "sprite-can", [], "")], []),
        (("una pizza de pepperoni grande", "hazla mediana"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-medium", [], "")], []),
        (("una pizza de queso con cebolla y champiñones", "sin cebolla"),
         [(1, "cheese-pizza", None, ["mushrooms"], "")], []),
        (("una pizza de pepperoni", "grande"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], []),
        (("una pizza grande de pepperoni", "otra más"),
         [(2, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], []),
        (("una pizza grande de pepperoni", "y otra coca"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "coke", "coke-can", [], "")], []),
    ],
)
def test_spanish_corrections(turns, expected, removed):
    update = say("es", *turns)
    assert brief(update.lines) == expected
    assert update.removed == removed


# --- Chinese -------------------------------------------------------------------------------------


def test_chinese_is_one_token_per_character():
    assert tokenize("我要一个 large pizza，两瓶可乐。") == ["我", "要", "一", "个", "large", "pizza", ",", "两", "瓶", "可", "乐", "."]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我要两个大号意大利辣香肠披萨和一瓶可乐",
         [(2, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "coke", "coke-can", [], "")]),
        ("我要一个 large pepperoni pizza", [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")]),
        ("我要一个芝士披萨，不要洋葱", [(1, "cheese-pizza", None, [], "no onions")]),
        ("两个大号意大利辣香肠披萨，其中一个加芝士，还有一罐可乐",
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", ["extra-cheese"], ""),
          (1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""),
          (1, "coke", "coke-can", [], "")]),
        ("一个中号素食披萨加蘑菇和洋葱", [(1, "veggie-pizza", "veggie-pizza-medium", ["mushrooms", "onions"], "")]),
        ("一打鸡翅，烧烤酱", [(1, "buffalo-wings", "wings-12", ["bbq"], "")]),
        ("半打鸡翅", [(1, "buffalo-wings", "wings-6", [], "")]),
        ("十二个可乐", [(12, "coke", "coke-can", [], "")]),
        ("二十瓶雪碧", [(20, "sprite", "sprite-can", [], "")]),
        ("3杯健怡可乐", [(3, "diet-coke", "diet-coke-can", [], "")]),
        ("一瓶两升的可乐", [(1, "coke", "coke-2l", [], "")]),
        ("我要 two 可乐", [(2, "coke", "coke-can", [], "")]),
        ("一个大号芝士披萨，切成方块，谢谢", [(1, "cheese-pizza", "cheese-pizza-large", [], "切成方块")]),
        ("一杯可乐去冰", [(1, "coke", "coke-can", [], "no 冰")]),
        ("我叫小王，六点半来拿，一个中号素食披萨", [(1, "veggie-pizza", "veggie-pizza-medium", [], "")]),
    ],
)
def test_chinese_orders(text, expected):
    update = say("zh", text)
    assert brief(update.lines) == expected
    assert update.unknown == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("我要两个大披萨和一瓶可乐", [(2, "pizza", "pizza-large", [], ""), (1, "coke", "coke-can", [], "")]),
        ("我要一个 large pizza", [(1, "pizza", "pizza-large", [], "")]),
        ("三个牛排塔可，不要香菜", [(3, "taco", "taco-each", ["steak"], "no cilantro")]),
    ],
)
def test_chinese_orders_where_pizza_is_one_item(text, expected):
    update = say("zh", text, catalog=TAQUERIA)
    assert brief(update.lines) == expected
    assert update.unknown == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("三份泰式炒河粉，一份不要花生",
         [(1, "pad-thai", "pad-thai-regular", ["no-peanuts"], ""), (2, "pad-thai", "pad-thai-regular", [], "")]),
        ("一份泰式炒河粉加虾，特辣，两杯泰式奶茶",
         [(1, "pad-thai", "pad-thai-regular", ["shrimp", "thai-hot"], ""), (2, "thai-iced-tea", "thai-iced-tea-regular", [], "")]),
        ("一份微辣的鸡肉绿咖喱", [(1, "green-curry", "green-curry-regular", ["mild", "chicken"], "")]),
        ("两份芒果糯米饭和四个春卷",
         [(2, "mango-sticky-rice", "mango-sticky-rice-regular", [], ""), (1, "spring-rolls", "spring-rolls-4", [], "")]),
    ],
)
def test_chinese_noodle_bar(text, expected):
    update = say("zh", text, catalog=NOODLE)
    assert brief(update.lines) == expected
    assert update.unknown == []


@pytest.mark.parametrize(
    "text",
    [
        "你好，我想点餐",
        "我想要点一下那个吧",
        "好的，谢谢，就这些了",
        "我的电话是 555 123 4567",
        "一共多少钱",
        "大概十分钟以后来拿",
    ],
)
def test_chinese_filler_is_never_an_unknown_item(text):
    update = say("zh", text)
    assert (update.lines, update.unknown) == ([], [])


def test_chinese_filler_around_an_item_is_not_an_unknown_item():
    update = say("zh", "嗯，我想要点一下那个可乐吧")
    assert brief(update.lines) == [(1, "coke", "coke-can", [], "")]
    assert update.unknown == []


def test_chinese_unknown_item_is_reported_whole():
    update = say("zh", "我要一个汉堡和一瓶可乐")
    assert brief(update.lines) == [(1, "coke", "coke-can", [], "")]
    assert update.unknown == ["汉堡"]


@pytest.mark.parametrize(
    "turns, expected, removed",
    [
        (("一个大号意大利辣香肠披萨", "再来一个"),
         [(2, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], []),
        (("一个大号意大利辣香肠披萨", "再来一个可乐"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "coke", "coke-can", [], "")], []),
        (("一个大号意大利辣香肠披萨和可乐", "可乐不要了"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], ["可乐"]),
        (("一个大号意大利辣香肠披萨和可乐", "不要可乐"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], ["可乐"]),
        (("一个大号意大利辣香肠披萨和可乐", "取消可乐"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], ["可乐"]),
        (("一个大号意大利辣香肠披萨和可乐", "把可乐换成雪碧"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], ""), (1, "sprite", "sprite-can", [], "")], []),
        (("一个大号意大利辣香肠披萨加蘑菇", "蘑菇去掉"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], []),
        (("一个芝士披萨加洋葱和蘑菇", "不要洋葱"),
         [(1, "cheese-pizza", None, ["mushrooms"], "")], []),
        (("一个意大利辣香肠披萨", "大号的"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")], []),
        (("一个大号意大利辣香肠披萨", "换成中号的"),
         [(1, "pepperoni-pizza", "pepperoni-pizza-medium", [], "")], []),
    ],
)
def test_chinese_corrections(turns, expected, removed):
    update = say("zh", *turns)
    assert brief(update.lines) == expected
    assert update.removed == removed


# --- English stays as it was, with "one more" added ---------------------------------------------


@pytest.mark.parametrize(
    "turns, quantity",
    [
        (("a large pepperoni", "another one"), 2),
        (("a large pepperoni", "can I get one more"), 2),
        (("a large pepperoni", "two more please"), 3),
        (("a large pepperoni", "one more thing"), 1),
    ],
)
def test_one_more_repeats_the_line_just_ordered(turns, quantity):
    assert [line["quantity"] for line in say("en", *turns).lines] == [quantity]


def test_english_conversation_does_not_read_spanish_or_chinese_names():
    assert brief(say("en", "a large pepperoni pizza").lines) == [(1, "pepperoni-pizza", "pepperoni-pizza-large", [], "")]
    assert match_item("可乐", PIZZA) is None


# --- matching ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "phrase, language, item_id",
    [
        ("coca light", "es", "diet-coke"),
        ("cocas", "es", "coke"),
        ("vegetariana", "es", "veggie-pizza"),
        ("pizzas de queso", "es", "cheese-pizza"),
        ("alitas", "es", "buffalo-wings"),
        ("pepperoni", "es", "pepperoni-pizza"),
        ("可乐", "zh", "coke"),
        ("素食披萨", "zh", "veggie-pizza"),
        ("辣香肠", "zh", "pepperoni-pizza"),
        ("七喜", "zh", "sprite"),
        ("diet coke", "zh", "diet-coke"),
    ],
)
def test_match_item_in_the_callers_language(phrase, language, item_id):
    assert match_item(phrase, PIZZA, language).id == item_id


def test_a_word_shared_by_several_items_names_none_of_them():
    assert match_item("披萨", PIZZA, "zh") is None
    assert match_item("pizza", PIZZA, "es") is None


def test_match_variation_and_modifier_in_the_callers_language():
    pepperoni = PIZZA.item("pepperoni-pizza")
    assert match_variation("grande", pepperoni, PIZZA, "es").id == "pepperoni-pizza-large"
    assert match_variation("medianas", pepperoni, PIZZA, "es").id == "pepperoni-pizza-medium"
    assert match_variation("大号", pepperoni, PIZZA, "zh").id == "pepperoni-pizza-large"
    assert match_variation("large", pepperoni, PIZZA, "zh").id == "pepperoni-pizza-large"
    assert match_modifier("champiñones", PIZZA, pepperoni, "es").id == "mushrooms"
    assert match_modifier("加芝士", PIZZA, pepperoni, "zh").id == "extra-cheese"
    assert match_modifier("洋葱", PIZZA, PIZZA.item("coke"), "zh") is None


@pytest.mark.parametrize(
    "phrase, language, quantity",
    [
        ("dos", "es", 2),
        ("una", "es", 1),
        ("doce", "es", 12),
        ("veinte", "es", 20),
        ("docena", "es", 12),
        ("media docena", "es", 6),
        ("un par de", "es", 2),
        ("two", "es", 2),
        ("两个", "zh", 2),
        ("两", "zh", 2),
        ("十", "zh", 10),
        ("十二", "zh", 12),
        ("二十", "zh", 20),
        ("二十五份", "zh", 25),
        ("3杯", "zh", 3),
        ("一打", "zh", 12),
        ("半打", "zh", 6),
        ("dos", "en", None),
        ("两个", "en", None),
        ("可乐", "zh", None),
    ],
)
def test_parse_quantity_in_each_language(phrase, language, quantity):
    assert parse_quantity(phrase, language) == quantity


def test_chinese_words_holding_a_size_character_are_not_sizes():
    kinds = [(m.kind, m.text) for m in tag("其中一个", PIZZA, "zh")]
    assert kinds == [("filler", "其中"), ("quantity", "一个")]


# --- read-back -----------------------------------------------------------------------------------


def test_spanish_read_back():
    lines = say("es", "dos pizzas grandes de pepperoni, una con extra queso, y una coca").lines
    assert read_back(lines, "es", PIZZA) == "2 pizzas grandes de pepperoni (1 con extra queso) y 1 coca"


def test_chinese_read_back():
    lines = say("zh", "两个大号意大利辣香肠披萨，其中一个加芝士，还有一瓶可乐").lines
    assert read_back(lines, "zh", PIZZA) == "两个大号意大利辣香肠披萨（其中一个加芝士）和一罐可乐"


def test_lines_read_back_in_whatever_language_the_caller_speaks():
    lines = say("en", "two large pepperoni pizzas, one with extra cheese, and a coke").lines
    assert read_back(lines, "en", PIZZA) == "2 large pepperoni pizzas (1 with extra cheese), 1 coke"
    assert read_back(lines, "es", PIZZA) == "2 pizzas grandes de pepperoni (1 con extra queso) y 1 coca"
    assert read_back(lines, "zh", PIZZA) == "两个大号意大利辣香肠披萨（其中一个加芝士）和一罐可乐"


@pytest.mark.parametrize(
    "text, catalog, spanish, chinese",
    [
        ("a large veggie with mushrooms and onions, no olives", PIZZA,
         "1 pizza vegetariana grande con champiñones y cebolla (sin aceitunas negras)",
         "一个大号素食披萨加蘑菇和洋葱（不要黑橄榄）"),
        ("three medium cheese pizzas", PIZZA, "3 pizzas medianas de queso", "三个中号芝士披萨"),
        ("a 12 piece wings with bbq and 3 cokes", PIZZA,
         "1 alitas de pollo de 12 piezas con barbacoa y 3 cocas", "一份12只鸡翅加烧烤酱和三罐可乐"),
        ("two 2 liter sprites", PIZZA, "2 sprites de 2 litros", "两瓶2升雪碧"),
        ("garlic knots, a caesar salad with ranch and two cannolis", PIZZA,
         "1 nudos de ajo, 1 ensalada césar con aderezo ranch y 2 cannolis",
         "一个蒜香面包结、一个凯撒沙拉加田园沙拉酱和两个意式奶油甜卷"),
        ("pad see ew with shrimp, thai hot and 2 thai teas", NOODLE,
         "1 pad see ew con camarones y muy picante y 2 tés tailandeses",
         "一个泰式酱油炒河粉加虾，特辣和两杯泰式奶茶"),
        ("three pad thai, one without peanuts", NOODLE, "3 pad thai (1 sin cacahuate)", "三个泰式炒河粉（其中一个不要花生）"),
        ("two tacos with chicken and a horchata", TAQUERIA, "2 tacos con pollo y 1 horchata", "两个塔可加鸡肉和一杯 horchata"),
    ],
)
def test_read_back_phrasing_in_spanish_and_chinese(text, catalog, spanish, chinese):
    lines = say("en", text, catalog=catalog).lines
    assert (read_back(lines, "es", catalog), read_back(lines, "zh", catalog)) == (spanish, chinese)


def test_caller_notes_are_kept_and_modifier_notes_translated():
    lines = say("en", "a large cheese pizza, no onions, cut in squares").lines
    assert read_back(lines, "es", PIZZA) == "1 pizza grande de queso (sin cebolla, cut in squares)"
    assert read_back(lines, "zh", PIZZA) == "一个大号芝士披萨（不要洋葱，cut in squares）"


def test_lines_keep_the_kitchens_english_names():
    line = say("zh", "一个大号芝士披萨加蘑菇").lines[0]
    assert (line["name"], line["variation"], line["modifiers"][0]["name"]) == ("cheese pizza", "large", "mushrooms")


def test_variation_choices_in_each_language():
    pepperoni = PIZZA.item("pepperoni-pizza")
    assert variation_choices(pepperoni) == "small, medium or large"
    assert variation_choices(pepperoni, "es") == "chica, mediana o grande"
    assert variation_choices(pepperoni, "zh") == "小号、中号或大号"


def test_prices_are_labelled_in_the_callers_language():
    assert price_of("cuánto cuesta una pizza grande de pepperoni con extra queso", PIZZA, [], "es") == [
        ("pizza grande de pepperoni con extra queso", Decimal("18.50"))
    ]
    assert price_of("大号意大利辣香肠披萨加芝士多少钱", PIZZA, [], "zh") == [("大号意大利辣香肠披萨加芝士", Decimal("18.50"))]


# --- playbooks -----------------------------------------------------------------------------------


def test_names_per_language_and_english_fallback():
    coke = PIZZA.item("coke")
    assert coke.names_in("zh") == ("可乐", "可口可乐")
    assert (coke.spoken_name("es"), coke.spoken_name("zh"), coke.spoken_name("en"), coke.spoken_name("fr")) == ("coca", "可乐", "coke", "coke")
    assert TAQUERIA.item("horchata").spoken_name("es") == "horchata"


@pytest.mark.parametrize("names, problem", [({"fr": ["pizza"]}, "fr"), ({"es": []}, "names.es"), ({"zh": "披萨"}, "names.zh")])
def test_schema_checks_names(names, problem):
    data = playbook("tonys-pizzeria")
    data["catalog"]["items"][0]["names"] = names
    problems = validate_document(data, {}, "tonys-pizzeria.yml")
    assert problems and any(problem in str(found) for found in problems)


@pytest.mark.parametrize("business_id", ["tonys-pizzeria", "lucky-noodle"])
def test_demo_restaurants_name_everything_in_spanish_and_chinese(business_id):
    catalog = Catalog.from_dict(playbook(business_id)["catalog"])
    named = [*catalog.items, *(v for i in catalog.items for v in i.variations), *(m for l in catalog.modifier_lists for m in l.modifiers)]
    assert [thing.id for thing in named if not (thing.names_in("es") and thing.names_in("zh"))] == []


@pytest.mark.parametrize("business_id", ["bella-salon", "maple-clinic", "rapid-rooter", "fixit-repair"])
def test_demo_services_are_named_in_spanish_and_chinese(business_id):
    catalog = Catalog.from_dict(playbook(business_id)["catalog"])
    assert [item.id for item in catalog.items if not (item.names_in("es") and item.names_in("zh"))] == []


def test_every_demo_playbook_speaks_three_languages():
    for path in PLAYBOOKS.glob("*.yml"):
        if path.name != "schema.yml":
            assert yaml.safe_load(path.read_text())["languages"] == ["en", "es", "zh"], path.name


def test_a_synced_catalog_keeps_the_owners_names():
    owner = {
        "modifier_lists": [{"id": "extras", "name": "Extras", "modifiers": [
            {"id": "extra-cheese", "name": "extra cheese", "price": 1.5, "names": {"es": ["extra queso"]}}]}],
        "items": [{"id": "cheese-pizza", "name": "cheese pizza", "names": {"zh": ["芝士披萨"]}, "modifier_lists": ["extras"],
                   "variations": [{"id": "large", "name": "large", "price": 15, "names": {"es": ["grande"]}}]}],
    }
    synced = {
        "modifier_lists": [{"id": "ML1", "name": "Extras", "modifiers": [{"id": "M1", "name": "Extra Cheese", "price": 1.75}]}],
        "items": [{"id": "I1", "name": "Cheese Pizza", "modifier_lists": ["ML1"], "variations": [{"id": "V1", "name": "Large", "price": 15.5}]}],
    }
    merged = overlay(owner, synced)
    assert merged["items"][0]["names"] == {"zh": ["芝士披萨"]}
    assert merged["items"][0]["variations"][0]["names"] == {"es": ["grande"]}
    assert merged["modifier_lists"][0]["modifiers"][0]["names"] == {"es": ["extra queso"]}
