"""Reading the device a caller names: kind, brand and model from their words and the shop's catalog."""

import pytest

from catalog import Catalog
from trades.repair import Device, blank_spans, corrected_model, doesnt_know, merged, model_answer, read_device


@pytest.fixture
def repair_catalog(registry):
    return registry.by_id("fixit-repair").catalog


@pytest.mark.parametrize("said, kind, brand, model", [
    ("my iPhone 13 Pro", "phone", "Apple", "iPhone 13 Pro"),
    ("my iphone 12 screen is cracked, can I bring it in tomorrow around 10", "phone", "Apple", "iPhone 12"),
    ("iphone thirteen pro max", "phone", "Apple", "iPhone 13 Pro Max"),
    ("a 2015 Honda Civic", "car", "Honda", "Civic 2015"),
    ("my 2012 toyota camry", "car", "Toyota", "Camry 2012"),
    ("a ford f-150", "car", "Ford", "F-150"),
    ("Samsung washer", "appliance", "Samsung", None),
    ("our LG fridge is leaking", "appliance", "LG", None),
    ("galaxy s23 ultra", "phone", "Samsung", "Galaxy S23 Ultra"),
    ("the galaxy tab s8", "tablet", "Samsung", "Galaxy Tab S8"),
    ("ps5 won't show a picture", "console", "Sony", "PS5"),
    ("an xbox series x", "console", "Microsoft", "Xbox Series X"),
    ("my switch lite won't charge", "console", "Nintendo", "Switch Lite"),
    ("dell xps 13 keyboard", "laptop", "Dell", "XPS 13"),
    ("lenovo thinkpad t480", "laptop", "Lenovo", "ThinkPad T480"),
    ("my macbook air", "laptop", "Apple", "MacBook Air"),
    ("my phone", "phone", None, None),
])
def test_reads_kind_brand_and_model(repair_catalog, said, kind, brand, model):
    device = read_device(said, repair_catalog)
    assert (device.kind, device.brand, device.model) == (kind, brand, model)


def test_a_brand_alone_is_the_kind_the_shop_serves(repair_catalog):
    appliance_shop = Catalog.from_dict({"items": [
        {"id": "washer-repair", "name": "washer repair", "aliases": ["won't drain"],
         "variations": [{"id": "washer-visit", "name": "washer", "price": 95}]},
    ]})
    assert read_device("my samsung is broken", repair_catalog).kind == "phone"
    assert read_device("my samsung is broken", appliance_shop).kind == "appliance"
    assert read_device("my lg is broken", repair_catalog).kind == "phone"
    assert read_device("my lg is broken").kind == "appliance"


def test_words_after_a_brand_that_describe_the_problem_are_not_a_model(repair_catalog):
    assert read_device("samsung screen cracked", repair_catalog).model is None
    assert read_device("my dell is broken", repair_catalog).model is None


def test_an_everyday_word_that_is_also_a_product_line_needs_context():
    assert read_device("can I switch to friday") is None
    assert read_device("hi there") is None


def test_label_is_what_the_read_back_says():
    assert Device("phone", "Apple", "iPhone 13 Pro").label == "Apple iPhone 13 Pro"
    assert Device("appliance", "Samsung", None, "washer").label == "Samsung washer"
    assert Device("phone", None, None, "phone").label == "phone"
    assert Device("car", "Honda", "Civic 2015").label == "Honda Civic 2015"


def test_complete_means_a_model_or_a_kind_and_a_brand():
    assert not Device("phone", None, None, "phone").complete
    assert Device("appliance", "Samsung", None, "washer").complete
    assert Device(model="Fairphone 4").complete


@pytest.mark.parametrize("correction, model", [
    ("actually it's a 13 not a 12", "iPhone 13"),
    ("not 12, 13", "iPhone 13"),
    ("sorry I meant the 13 pro", "iPhone 13 Pro"),
    ("no it's the pro max", "iPhone 12 Pro Max"),
])
def test_a_correction_replaces_the_model_words(correction, model):
    current = read_device("my iphone 12")
    assert corrected_model(current, correction).model == model


def test_no_correction_without_a_cue_or_model_words():
    current = read_device("my iphone 12")
    assert corrected_model(current, "415 555 0199") is None
    assert corrected_model(current, "actually can I come at noon") is None


def test_details_add_up_and_a_different_device_replaces_the_old():
    laptop = read_device("my laptop")
    assert merged(laptop, read_device("a dell xps 15")) == Device("laptop", "Dell", "XPS 15", "laptop", True,
                                                                   read_device("a dell xps 15").spans)
    hp = merged(laptop, read_device("it's an hp"))
    assert (hp.kind, hp.brand, hp.noun) == ("laptop", "HP", "laptop")
    ipad = merged(read_device("my iphone 12"), read_device("actually it's an ipad"))
    assert (ipad.kind, ipad.model) == ("tablet", "iPad")


def test_the_device_words_are_blanked_before_reading_times():
    text = "my iphone 12 screen is cracked, can I bring it in tomorrow around 10"
    blanked = blank_spans(text, read_device(text).spans)
    assert "12" not in blanked and "tomorrow around 10" in blanked and len(blanked) == len(text)


def test_answers_that_name_no_known_device():
    assert doesnt_know("uh not sure of the model")
    assert not doesnt_know("a fairphone 4")
    assert model_answer("it's a Fairphone 4") == "Fairphone 4"
