"""What the caller wants fixed: "my iPhone 13 Pro", "a 2015 Honda Civic", "our Samsung washer".

The words are data, not code: which brands make which kinds of device (likeliest first), the product lines
callers name instead of a brand ("iPhone", "PS5"), and the nouns they use for a kind ("washer", "truck").
When a brand alone is said ("my Samsung"), the kind is the first one the shop's catalog serves, so the same
parser reads a phone shop's, an auto shop's and an appliance shop's callers.

Spanish and Chinese callers name devices with their own nouns ("mi celular", "我的手机") and Chinese callers
with their own brand names ("三星", "苹果手机"); both mix in English names, so the English words count too.
Chinese has no spaces: every Han character is a token, and a Chinese word is a run of them.
"""

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Tuple

from catalog import Catalog
from catalog.lexicon import lexicon
from catalog.matching import HAN, join_words

# Brand as callers say it -> (brand as written, kinds it makes, likeliest first).
BRANDS: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "apple": ("Apple", ("phone", "laptop", "tablet", "watch")),
    "samsung": ("Samsung", ("phone", "tablet", "appliance", "laptop")),
    "google": ("Google", ("phone",)),
    "motorola": ("Motorola", ("phone",)),
    "moto": ("Motorola", ("phone",)),
    "oneplus": ("OnePlus", ("phone",)),
    "huawei": ("Huawei", ("phone", "laptop")),
    "xiaomi": ("Xiaomi", ("phone",)),
    "nokia": ("Nokia", ("phone",)),
    "lg": ("LG", ("appliance", "phone")),
    "sony": ("Sony", ("console", "phone")),
    "microsoft": ("Microsoft", ("console", "laptop")),
    "nintendo": ("Nintendo", ("console",)),
    "dell": ("Dell", ("laptop", "computer")),
    "hp": ("HP", ("laptop", "computer")),
    "lenovo": ("Lenovo", ("laptop", "tablet")),
    "asus": ("Asus", ("laptop",)),
    "acer": ("Acer", ("laptop",)),
    "toshiba": ("Toshiba", ("laptop",)),
    "msi": ("MSI", ("laptop",)),
    "razer": ("Razer", ("laptop",)),
    "alienware": ("Alienware", ("laptop",)),
    "whirlpool": ("Whirlpool", ("appliance",)),
    "maytag": ("Maytag", ("appliance",)),
    "ge": ("GE", ("appliance",)),
    "frigidaire": ("Frigidaire", ("appliance",)),
    "bosch": ("Bosch", ("appliance",)),
    "kenmore": ("Kenmore", ("appliance",)),
    "kitchenaid": ("KitchenAid", ("appliance",)),
    "electrolux": ("Electrolux", ("appliance",)),
    "miele": ("Miele", ("appliance",)),
    "honda": ("Honda", ("car", "motorcycle")),
    "toyota": ("Toyota", ("car",)),
    "ford": ("Ford", ("car",)),
    "chevy": ("Chevrolet", ("car",)),
    "chevrolet": ("Chevrolet", ("car",)),
    "nissan": ("Nissan", ("car",)),
    "hyundai": ("Hyundai", ("car",)),
    "kia": ("Kia", ("car",)),
    "subaru": ("Subaru", ("car",)),
    "mazda": ("Mazda", ("car",)),
    "volkswagen": ("Volkswagen", ("car",)),
    "vw": ("Volkswagen", ("car",)),
    "bmw": ("BMW", ("car", "motorcycle")),
    "mercedes": ("Mercedes-Benz", ("car",)),
    "audi": ("Audi", ("car",)),
    "jeep": ("Jeep", ("car",)),
    "dodge": ("Dodge", ("car",)),
    "ram": ("Ram", ("car",)),
    "gmc": ("GMC", ("car",)),
    "tesla": ("Tesla", ("car",)),
    "lexus": ("Lexus", ("car",)),
    "acura": ("Acura", ("car",)),
    "volvo": ("Volvo", ("car",)),
    "buick": ("Buick", ("car",)),
    "cadillac": ("Cadillac", ("car",)),
    "chrysler": ("Chrysler", ("car",)),
    "mitsubishi": ("Mitsubishi", ("car",)),
    "harley": ("Harley-Davidson", ("motorcycle",)),
    "yamaha": ("Yamaha", ("motorcycle",)),
    "kawasaki": ("Kawasaki", ("motorcycle",)),
}

# Product lines callers name without the brand -> (brand key, kind, line as written).
PRODUCT_LINES: Dict[str, Tuple[str, str, str]] = {
    "iphone": ("apple", "phone", "iPhone"),
    "ipad": ("apple", "tablet", "iPad"),
    "macbook": ("apple", "laptop", "MacBook"),
    "imac": ("apple", "computer", "iMac"),
    "apple watch": ("apple", "watch", "Apple Watch"),
    "airpods": ("apple", "headphones", "AirPods"),
    "galaxy tab": ("samsung", "tablet", "Galaxy Tab"),
    "galaxy watch": ("samsung", "watch", "Galaxy Watch"),
    "galaxy book": ("samsung", "laptop", "Galaxy Book"),
    "galaxy": ("samsung", "phone", "Galaxy"),
    "pixel": ("google", "phone", "Pixel"),
    "pixelbook": ("google", "laptop", "Pixelbook"),
    "surface": ("microsoft", "laptop", "Surface"),
    "xbox": ("microsoft", "console", "Xbox"),
    "playstation": ("sony", "console", "PlayStation"),
    "ps5": ("sony", "console", "PS5"),
    "ps4": ("sony", "console", "PS4"),
    "ps3": ("sony", "console", "PS3"),
    "dualsense": ("sony", "console", "DualSense controller"),
    "nintendo switch": ("nintendo", "console", "Switch"),
    "switch": ("nintendo", "console", "Switch"),
    "joycon": ("nintendo", "console", "Joy-Con"),
    "joy con": ("nintendo", "console", "Joy-Con"),
    "thinkpad": ("lenovo", "laptop", "ThinkPad"),
    "ideapad": ("lenovo", "laptop", "IdeaPad"),
    "xps": ("dell", "laptop", "XPS"),
    "inspiron": ("dell", "laptop", "Inspiron"),
    "pavilion": ("hp", "laptop", "Pavilion"),
    "spectre": ("hp", "laptop", "Spectre"),
    "zenbook": ("asus", "laptop", "ZenBook"),
    "chromebook": ("", "laptop", "Chromebook"),
}

# Brands as Chinese callers say them -> the brand's key above.
BRAND_WORDS: Dict[str, Dict[str, str]] = {
    "zh": {
        "苹果": "apple", "三星": "samsung", "谷歌": "google", "摩托罗拉": "motorola", "一加": "oneplus", "华为": "huawei",
        "小米": "xiaomi", "诺基亚": "nokia", "索尼": "sony", "微软": "microsoft", "任天堂": "nintendo", "戴尔": "dell",
        "惠普": "hp", "联想": "lenovo", "华硕": "asus", "宏碁": "acer", "东芝": "toshiba", "微星": "msi", "雷蛇": "razer",
        "外星人": "alienware", "惠而浦": "whirlpool", "美泰克": "maytag", "通用电气": "ge", "博世": "bosch",
        "伊莱克斯": "electrolux", "美诺": "miele", "本田": "honda", "丰田": "toyota", "福特": "ford", "雪佛兰": "chevrolet",
        "日产": "nissan", "尼桑": "nissan", "现代": "hyundai", "起亚": "kia", "斯巴鲁": "subaru", "马自达": "mazda",
        "大众": "volkswagen", "宝马": "bmw", "奔驰": "mercedes", "奥迪": "audi", "吉普": "jeep", "道奇": "dodge",
        "特斯拉": "tesla", "雷克萨斯": "lexus", "凌志": "lexus", "讴歌": "acura", "沃尔沃": "volvo", "别克": "buick",
        "凯迪拉克": "cadillac", "克莱斯勒": "chrysler", "三菱": "mitsubishi", "哈雷": "harley", "雅马哈": "yamaha",
        "川崎": "kawasaki",
    },
}

# Product lines as callers of a language say them -> the line's key above: "苹果手机" is an iPhone.
LINE_WORDS: Dict[str, Dict[str, str]] = {
    "zh": {"苹果手机": "iphone", "苹果平板": "ipad", "苹果笔记本": "macbook", "苹果手表": "apple watch",
           "苹果耳机": "airpods", "三星平板": "galaxy tab", "三星手表": "galaxy watch"},
}

# Lines that are also everyday words ("can I switch to Friday") count only after one of these.
AMBIGUOUS_LINES = {"switch": {"my", "a", "the", "our", "his", "her", "nintendo", "its", "their", "mi", "el", "un", "su",
                              "nuestro", "的", "任天堂"}}

# Nouns for a kind of device, per language.
KIND_WORDS: Dict[str, Dict[str, str]] = {
    "en": {
        "phone": "phone", "cellphone": "phone", "cell": "phone", "smartphone": "phone", "mobile": "phone",
        "tablet": "tablet",
        "laptop": "laptop", "notebook": "laptop",
        "computer": "computer", "pc": "computer", "desktop": "computer",
        "console": "console", "game console": "console", "gaming console": "console", "controller": "console",
        "watch": "watch", "smartwatch": "watch",
        "headphones": "headphones", "earbuds": "headphones",
        "car": "car", "truck": "car", "pickup truck": "car", "suv": "car", "van": "car", "minivan": "car",
        "vehicle": "car", "sedan": "car", "hatchback": "car",
        "motorcycle": "motorcycle", "motorbike": "motorcycle", "scooter": "motorcycle",
        "washer": "appliance", "washing machine": "appliance", "dryer": "appliance", "fridge": "appliance",
        "refrigerator": "appliance", "freezer": "appliance", "dishwasher": "appliance", "oven": "appliance",
        "stove": "appliance", "microwave": "appliance", "cooktop": "appliance", "appliance": "appliance",
        "ice maker": "appliance",
    },
    "es": {
        "telefono": "phone", "celular": "phone", "cel": "phone", "movil": "phone", "smartphone": "phone",
        "tableta": "tablet", "tablet": "tablet",
        "portatil": "laptop", "computadora portatil": "laptop", "lap": "laptop", "laptop": "laptop",
        "computadora": "computer", "compu": "computer", "ordenador": "computer", "computadora de escritorio": "computer",
        "consola": "console", "consola de videojuegos": "console", "control": "console", "videojuego": "console",
        "reloj": "watch", "reloj inteligente": "watch",
        "audifonos": "headphones", "auriculares": "headphones", "cascos": "headphones",
        "carro": "car", "coche": "car", "auto": "car", "automovil": "car", "camioneta": "car", "troca": "car",
        "vehiculo": "car", "camion": "car",
        "moto": "motorcycle", "motocicleta": "motorcycle", "motoneta": "motorcycle",
        "lavadora": "appliance", "secadora": "appliance", "refrigerador": "appliance", "refri": "appliance",
        "nevera": "appliance", "heladera": "appliance", "congelador": "appliance", "lavavajillas": "appliance",
        "lavaplatos": "appliance", "horno": "appliance", "estufa": "appliance", "microondas": "appliance",
        "electrodomestico": "appliance", "maquina de hielo": "appliance",
    },
    "zh": {
        "手机": "phone", "智能手机": "phone",
        "平板": "tablet", "平板电脑": "tablet",
        "笔记本": "laptop", "笔记本电脑": "laptop", "手提电脑": "laptop",
        "电脑": "computer", "台式机": "computer", "台式电脑": "computer",
        "游戏机": "console", "主机": "console", "手柄": "console",
        "手表": "watch", "智能手表": "watch",
        "耳机": "headphones",
        "汽车": "car", "车子": "car", "轿车": "car", "卡车": "car", "货车": "car", "皮卡": "car", "面包车": "car",
        "越野车": "car",
        "摩托车": "motorcycle", "摩托": "motorcycle", "电动车": "motorcycle",
        "洗衣机": "appliance", "烘干机": "appliance", "干衣机": "appliance", "冰箱": "appliance", "冰柜": "appliance",
        "洗碗机": "appliance", "烤箱": "appliance", "炉子": "appliance", "灶台": "appliance", "微波炉": "appliance",
        "电器": "appliance", "家电": "appliance", "制冰机": "appliance",
    },
}
# How a read-back names a kind the caller did not name ("my Samsung" is a Samsung phone).
KIND_NOUNS: Dict[str, Dict[str, str]] = {
    "es": {"phone": "celular", "tablet": "tableta", "laptop": "laptop", "computer": "computadora", "console": "consola",
           "watch": "reloj", "headphones": "audífonos", "car": "carro", "motorcycle": "moto", "appliance": "electrodoméstico"},
    "zh": {"phone": "手机", "tablet": "平板", "laptop": "笔记本电脑", "computer": "电脑", "console": "游戏机", "watch": "手表",
           "headphones": "耳机", "car": "汽车", "motorcycle": "摩托车", "appliance": "家电"},
}
# Spanish callers mix in English nouns ("mi laptop"), Chinese callers too ("我的laptop"); "van" is Spanish for "go".
KIND_WORDS["es"] = {**{word: kind for word, kind in KIND_WORDS["en"].items() if word != "van"}, **KIND_WORDS["es"]}
KIND_WORDS["zh"] = {**KIND_WORDS["en"], **KIND_WORDS["zh"]}

# Words that can follow a product line as part of its model name: "iPhone 13 Pro Max", "Galaxy S23 Ultra".
MODEL_WORDS = {
    "pro": "Pro", "max": "Max", "plus": "Plus", "mini": "Mini", "ultra": "Ultra", "air": "Air", "se": "SE",
    "xr": "XR", "xs": "XS", "x": "X", "s": "S", "fe": "FE", "lite": "Lite", "oled": "OLED", "slim": "Slim",
    "series": "Series", "xl": "XL", "note": "Note", "edge": "Edge", "fold": "Fold", "flip": "Flip",
    "one": "One", "studio": "Studio", "go": "Go", "book": "Book", "laptop": "Laptop", "a": "A",
}
MODEL_WORDS_AFTER_NUMBER = {"pro", "max", "plus", "mini", "ultra", "air", "se", "fe", "lite", "xl", "oled", "slim"}
# Model words that are everyday words of a language ("se me cayó", "a las 3"): they count in capitals ("iPhone SE")
# or as the last word said.
EVERYDAY_MODEL_WORDS = {"es": {"se", "a"}}
# Number words that are never a model: "un iPhone" is one iPhone.
NOT_MODEL_NUMBERS = {"one", "un", "una", "uno"}
CAR_KINDS = {"car", "motorcycle"}
YEARS = range(1950, 2040)
MAX_MODEL_TOKENS = 4

# Words after a brand that are never a model name, beyond the catalog's filler words.
NOT_A_MODEL: Dict[str, FrozenSet[str]] = {
    "en": frozenset(
        """
        broke broken cracked crack shattered smashed dead died dies wont doesnt isnt cant stopped stuck frozen
        keeps dropped wet leaking leaks noise noisy grinding squeaking slow hot overheating flickering black
        blank loose bent missing error beeping clicking battery screen keyboard port charger charging button
        camera speaker glass back front brakes brake engine tire tires door motor fan drum ice water light
        makes making needs needed started starting also again still been being got
        """.split()
    ),
    "es": frozenset(
        """
        roto rota rotos rotas quebrado quebrada estrellado estrellada partido partida rajado rajada muerto muerta
        mojado mojada descompuesto descompuesta falla fallando prende enciende carga cargando funciona sirve jala
        suena calienta calentando enfria lava seca sigue hace hizo necesita tiene tengo otra vez cayo rompio mojo
        pantalla bateria teclado puerto cargador boton camara bocina vidrio tapa frenos freno motor llanta llantas
        puerta ventilador agua luz ruido
        """.split()
    ),
}
NOT_A_MODEL["es"] = NOT_A_MODEL["es"] | NOT_A_MODEL["en"]

CORRECTION_CUES = {
    "en": re.compile(r"\b(actually|not|meant|mean|sorry|wait|oops|correction|no)\b", re.I),
    "es": re.compile(
        r"\b(en realidad|perd[oó]n|perdona|disculpa|disculpe|digo|quise decir|quer[ií]a decir|me equivoqu[eé]|mejor dicho|"
        r"m[aá]s bien|espera|espere|no|actually|sorry)\b",
        re.I,
    ),
    "zh": re.compile(r"不是|其实|说错了|搞错了|抱歉|不好意思|等一下|等等|应该是|我是说|更正"),
}
NOT_THAT = {
    "en": re.compile(r"\bnot\s+(?:an?\s+|the\s+)?([a-z0-9]+(?:\s+(?:pro|max|plus|mini|ultra|air|se))?)", re.I),
    "es": re.compile(r"\bno\s+(?:es\s+)?(?:un\s+|una\s+|el\s+|la\s+)?([a-z]*\d[a-z0-9]*(?:\s+(?:pro|max|plus|mini|ultra|air|se))?)", re.I),
    "zh": re.compile(r"不是\s*(?:那个|一个)?\s*([a-z0-9]+(?:\s*(?:pro|max|plus|mini|ultra|air|se))?)", re.I),
}


@dataclass(frozen=True)
class Token:
    word: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Device:
    """What the caller named. `kind_said` is False when the kind is only the brand's likeliest one."""

    kind: Optional[str] = None
    brand: Optional[str] = None
    model: Optional[str] = None
    noun: Optional[str] = None
    kind_said: bool = False
    spans: Tuple[Tuple[int, int], ...] = ()

    @property
    def complete(self) -> bool:
        """Enough to book it in: a kind and who made it, or a model name."""
        return bool(self.model or (self.kind and self.brand))

    @property
    def label(self) -> str:
        """How the read-back says it: "Apple iPhone 13 Pro", "Samsung washer", "Honda Civic 2015"."""
        return self.label_in("en")

    def label_in(self, language: str) -> str:
        """The label in the conversation's language: a kind nobody named is said in that language ("Honda 汽车"),
        and Spanish names the noun before the brand ("celular Samsung")."""
        name = self.model or self.noun or KIND_NOUNS.get(language, {}).get(self.kind) or self.kind or ""
        if not self.brand or name.lower().startswith(self.brand.lower()):
            return name
        if language == "es" and not self.model:
            return f"{name} {self.brand}".strip()
        return join_words([self.brand, name]) if language == "zh" else f"{self.brand} {name}".strip()


def _normal(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in text if not unicodedata.combining(char)).replace("'", "").replace("\u2019", "")


LETTERS = rf"(?:(?![{HAN}])[^\W_])+"
WORD = re.compile(rf"{LETTERS}(?:['\u2019\-]{LETTERS})*|[{HAN}]")


def tokens_of(text: str) -> List[Token]:
    """Words with where they are in the text, so what was read as the device can be blanked out for times.
    Each Han character is a word of its own."""
    return [
        Token(_normal(match.group()).replace("-", ""), match.start(), match.end(), match.group())
        for match in WORD.finditer(text)
    ]


def _key(tokens: Sequence[Token]) -> str:
    """Tokens as a table key: words apart, Han characters together ("cell phone", "苹果手机")."""
    return join_words(token.word for token in tokens)


def _phrase_at(tokens: Sequence[Token], index: int, table: Dict[str, object], longest: int = 5) -> int:
    """How many tokens from `index` spell a key of `table` (longest first); 0 if none."""
    for size in range(min(longest, len(tokens) - index), 0, -1):
        if _key(tokens[index : index + size]) in table:
            return size
    return 0


def _brands(language: str) -> Dict[str, str]:
    """Brand as said -> brand key, in English and the language."""
    return {**{brand: brand for brand in BRANDS}, **BRAND_WORDS.get(language, {})}


def _lines(language: str) -> Dict[str, Tuple[str, str, str]]:
    """Product line as said -> (brand key, kind, line as written), in English and the language."""
    return {**PRODUCT_LINES, **{said: PRODUCT_LINES[line] for said, line in LINE_WORDS.get(language, {}).items()}}


@lru_cache(maxsize=64)
def served_kinds(catalog: Optional[Catalog], language: str = "en") -> FrozenSet[str]:
    """The device kinds the shop's catalog names (in variations, items or categories)."""
    if catalog is None:
        return frozenset()
    phrases = [
        phrase
        for item in catalog.items
        for phrase in (item.category, *item.phrases(language),
                       *(name for variation in item.variations for name in variation.phrases(language)))
        if phrase
    ]
    return frozenset(kind for phrase in phrases for kind in kinds_named(phrase, language))


def kinds_named(phrase: str, language: str = "en") -> FrozenSet[str]:
    """Kinds a phrase names by a kind noun or a product line: "cell phone", "macbook", "SUV or truck"."""
    words = KIND_WORDS.get(language, KIND_WORDS["en"])
    lines = _lines(language)
    tokens = tokens_of(phrase)
    found = set()
    for index in range(len(tokens)):
        line = _phrase_at(tokens, index, lines)
        if line:
            found.add(lines[_key(tokens[index : index + line])][1])
        size = _phrase_at(tokens, index, words)
        if size:
            found.add(words[_key(tokens[index : index + size])])
    return frozenset(found)


def _model_word(token: Token, first: bool, after_number: bool, language: str = "en", last: bool = False) -> Optional[str]:
    """The token as part of a model name, written the usual way, or None if it is not one."""
    word = token.word
    numbers = lexicon(language).number_words
    if word.isdigit() and len(word) <= 3:
        return word
    if word in numbers and word not in NOT_MODEL_NUMBERS:
        return str(numbers[word])
    if re.fullmatch(r"[a-z]{1,3}\d{1,4}[a-z]{0,3}|\d{1,3}[a-z]{1,2}", word):
        return token.text if any(char.isupper() for char in token.text) else token.text.upper()
    if word in EVERYDAY_MODEL_WORDS.get(language, ()) and not (last or token.text.isupper()):
        return None
    if word in MODEL_WORDS and (not first or word not in {"a", "one", "go"}):
        if after_number and word not in MODEL_WORDS_AFTER_NUMBER:
            return None
        return MODEL_WORDS[word]
    return None


def _model_after(tokens: Sequence[Token], start: int, language: str = "en") -> Tuple[List[str], int]:
    """Model words from `start` on: "13 pro max" -> ["13", "Pro", "Max"], and the index after them."""
    words: List[str] = []
    index = start
    while index < len(tokens) and len(words) < MAX_MODEL_TOKENS:
        last = index == len(tokens) - 1
        word = _model_word(tokens[index], not words, any(w.isdigit() for w in words), language, last)
        if word is None:
            break
        words.append(word)
        index += 1
    return words, index


def _name_word(token: Token, stop: FrozenSet[str], language: str) -> Optional[str]:
    """A model name after a brand that is not a known model word: "Civic", "Camry", "F-150"."""
    word = token.word
    kinds = KIND_WORDS.get(language, KIND_WORDS["en"])
    if len(word) < 2 or word.isdigit() or word in lexicon(language).filler or word in stop or word in kinds or word in BRANDS:
        return None
    return token.text if any(char.isupper() for char in token.text) else token.text.capitalize()


@lru_cache(maxsize=64)
def _catalog_words(catalog: Optional[Catalog], language: str = "en") -> FrozenSet[str]:
    """Words of repair types: after a brand they describe the job, not the model ("samsung screen")."""
    if catalog is None:
        return frozenset()
    return frozenset(
        token.word for item in catalog.items for phrase in item.phrases(language) for token in tokens_of(phrase)
    )


def _year_near(tokens: Sequence[Token], first: int, last: int) -> Optional[int]:
    for index in (first - 1, last, last + 1):
        if 0 <= index < len(tokens) and tokens[index].word.isdigit() and int(tokens[index].word) in YEARS:
            return index
    return None


def _kind_for(brand_key: Optional[str], catalog: Optional[Catalog], language: str) -> Optional[str]:
    """A brand alone: the first kind it makes that the shop serves, else its likeliest kind."""
    if not brand_key:
        return None
    kinds = BRANDS[brand_key][1]
    served = served_kinds(catalog, language)
    return next((kind for kind in kinds if kind in served), kinds[0])


def read_device(text: str, catalog: Optional[Catalog] = None, language: str = "en") -> Optional[Device]:
    """The device the text names, or None if it names none."""
    tokens = tokens_of(text)
    kinds = KIND_WORDS.get(language, KIND_WORDS["en"])
    lines, brands = _lines(language), _brands(language)
    stop = NOT_A_MODEL.get(language, NOT_A_MODEL["en"]) | _catalog_words(catalog, language)
    brand_key = line_key = kind = noun = None
    model: List[str] = []
    used: List[int] = []
    index = 0
    while index < len(tokens):
        line = _phrase_at(tokens, index, lines)
        key = _key(tokens[index : index + line]) if line else None
        if key in AMBIGUOUS_LINES and (index == 0 or tokens[index - 1].word not in AMBIGUOUS_LINES[key]):
            line, key = 0, None
        if line and line_key is None:
            line_key = key
            line_brand, _, written = lines[key]
            brand_key = brand_key or line_brand or None
            words, after = _model_after(tokens, index + line, language)
            model = [written, *words]
            used += range(index, after)
            index = after
            continue
        size = _phrase_at(tokens, index, brands)
        if size and brand_key is None:
            brand_key = brands[_key(tokens[index : index + size])]
            used += range(index, index + size)
            after = index + size
            if after < len(tokens) and _phrase_at(tokens, after, lines):
                index = after
                continue
            words, after = _model_after(tokens, after, language)
            if not words and after < len(tokens):
                name = _name_word(tokens[after], stop, language)
                if name:
                    more, after = _model_after(tokens, after + 1, language)
                    words = [name, *more]
            model = words
            used += range(index + size, after)
            index = after
            continue
        size = _phrase_at(tokens, index, kinds)
        if size and kind is None:
            noun_tokens = tokens[index : index + size]
            kind = kinds[_key(noun_tokens)]
            noun = join_words(t.text.lower() for t in noun_tokens)
            used += range(index, index + size)
            index += size
            continue
        index += 1
    if not (brand_key or line_key or kind):
        return None
    kind_said = kind is not None or line_key is not None
    kind = kind or (lines[line_key][1] if line_key else _kind_for(brand_key, catalog, language))
    if kind in CAR_KINDS and used:
        year = _year_near(tokens, min(used), max(used) + 1)
        if year is not None:
            model.append(tokens[year].word)
            used.append(year)
    brand = BRANDS[brand_key][0] if brand_key else None
    return Device(kind, brand, " ".join(model) or None, noun, kind_said, _spans(tokens, used))


def _spans(tokens: Sequence[Token], used: Iterable[int]) -> Tuple[Tuple[int, int], ...]:
    return tuple((tokens[index].start, tokens[index].end) for index in sorted(set(used)))


def _makes(brand: str, kind: Optional[str]) -> bool:
    return any(written == brand and kind in kinds for written, kinds in BRANDS.values())


def merged(current: Optional[Device], said: Optional[Device]) -> Optional[Device]:
    """The device after the caller says more: details add up, a different device replaces the old one.

    "my laptop" then "a Dell XPS" is a Dell XPS laptop; "actually it's an HP" keeps it a laptop when HP
    makes laptops; "no, it's the iPad" is a new device.
    """
    if said is None or current is None:
        return said or current
    other_brand = bool(said.brand and current.brand and said.brand != current.brand)
    other_kind = bool(said.kind_said and current.kind and said.kind != current.kind)
    if other_kind:
        return said
    if other_brand:
        if not said.kind_said and current.kind_said and _makes(said.brand, current.kind):
            return replace(said, kind=current.kind, noun=current.noun, kind_said=True)
        return said
    keep_kind = not said.kind_said and current.kind
    return Device(
        kind=current.kind if keep_kind else said.kind,
        brand=said.brand or current.brand,
        model=said.model or current.model,
        noun=said.noun or current.noun,
        kind_said=said.kind_said or current.kind_said,
        spans=said.spans,
    )


def corrected_model(current: Device, text: str, language: str = "en") -> Optional[Device]:
    """ "actually it's a 13 not a 12", "sorry, the 13 pro": the model with the caller's new words in it.

    Only for a message that reads as a correction (a cue word) and names model words but no device.
    """
    if not current.model or not CORRECTION_CUES.get(language, CORRECTION_CUES["en"]).search(text):
        return None
    tokens = tokens_of(text)
    old_match = NOT_THAT.get(language, NOT_THAT["en"]).search(text)
    old = tokens_of(old_match.group(1)) if old_match else []
    old_start = old_match.start(1) if old_match else len(text)
    new_tokens = [t for t in tokens if not (old_match and old_match.start(1) <= t.start < old_match.end(1))]
    new_words: List[str] = []
    used: List[Tuple[int, int]] = []
    for token in new_tokens:
        word = _model_word(token, not new_words, False, language, token is new_tokens[-1])
        if word is not None and word not in {"A", "One"}:
            new_words.append(word)
            used.append((token.start, token.end))
    if not new_words:
        return None
    parts = current.model.split()
    old_words = [_model_word(t, False, False, language, True) or t.text for t in old]
    if old_words and all(word in parts for word in old_words):
        at = parts.index(old_words[0])
        parts[at : at + len(old_words)] = new_words
    elif new_words[0].isdigit() and any(part.isdigit() for part in parts):
        at = next(i for i, part in enumerate(parts) if part.isdigit())
        parts[at] = new_words[0]
        parts += [word for word in new_words[1:] if word not in parts]
    else:
        parts += [word for word in new_words if word not in parts]
    spans = tuple(used) + ((old_start, old_match.end(1)),) if old_match else tuple(used)
    return replace(current, model=" ".join(parts), spans=spans)


def blank_spans(text: str, spans: Iterable[Tuple[int, int]]) -> str:
    """The text with the device's words blanked, so "iPhone 12" is never read as 12 o'clock."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


DONT_KNOW = {
    "en": re.compile(r"\b(not sure|don'?t know|dont know|dunno|idk|no idea|no clue|can'?t remember|forget)\b", re.I),
    "es": re.compile(
        r"\b(no s[eé]|ni idea|no tengo idea|no estoy segur[oa]|no me acuerdo|no recuerdo|qui[eé]n sabe|ni s[eé]|"
        r"no lo s[eé]|se me olvid[oó]|not sure|no idea)\b",
        re.I,
    ),
    "zh": re.compile(r"不(?:太|是很)?(?:知道|清楚|确定|记得)|忘了|记不清|不晓得|搞不清"),
}
ANSWER_FILLER = {
    "en": re.compile(r"^(?:(?:it'?s|its|it is|that'?s|um+|uh+|er+|well|so|a|an|the|my|our|just)\b[\s,]*)+", re.I),
    "es": re.compile(
        r"^(?:(?:es|son|este|esta|eh+|pues|bueno|mira|mire|un|una|el|la|mi|nuestro|nuestra|s[oó]lo|nada m[aá]s|tengo)\b[\s,]*)+",
        re.I,
    ),
    "zh": re.compile(r"^(?:(?:是|就是|嗯|那个|我的|一个|一台|一部|一辆|我有)[\s，,]*)+"),
}


def doesnt_know(text: str, language: str = "en") -> bool:
    """ "no idea", "not sure": the caller cannot say more about the device."""
    return bool(DONT_KNOW.get(language, DONT_KNOW["en"]).search(text))


def model_answer(text: str, language: str = "en") -> Optional[str]:
    """An answer to "which make and model?" that names nothing we know ("a Fairphone 4"): kept as they said it."""
    answer = ANSWER_FILLER.get(language, ANSWER_FILLER["en"]).sub("", text.strip()).strip(" .!?。！？")
    return answer or None
