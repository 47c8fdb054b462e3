"""Spots prank requests: joke names, orders no real customer places, and a caller who keeps changing everything.

A prank costs the business food, a slot or a driver's trip; a false alarm costs a real customer. So every
test here is narrow: a joke name is a known pun on a whole name ("Hugh Jass", "Elber Galarga", "史珍香"),
never a surname alone (Phuc, Cumming, Weiner and Dong are real people); an absurd order is one far beyond
what the business could ever fill (the limit comes from the playbook, ten times the size at which the owner
wants a person to take the order), while a big but plausible order is the escalation rules' business.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Iterable, List, Optional

from languages.chinese import simplified

JOKE_NAME, ABSURD_ORDER, CONSTANT_CHANGES = "joke_name", "absurd_order", "constant_changes"

JOKE_NAMES = (
    # English puns, as prank callers give them.
    "hugh jass", "hugh janus", "mike hunt", "mike oxlong", "mike rotch", "mike litoris", "ben dover", "bend over",
    "seymour butz", "seymour butts", "amanda hugginkiss", "amanda huggenkiss", "hugh g rection", "hugh g. rection",
    "ivana tinkle", "heywood jablome", "heywood jablowme", "al coholic", "oliver klozoff", "oliver closeoff",
    "ip freely", "i p freely", "i.p. freely", "jack meoff", "jack mehoff", "harry balls", "harry ballsack", "ima pigg",
    "anita bath", "anita dick", "phil mccracken", "phil mcrackin", "dixie normous", "moe lester", "pat myass",
    "haywood jablome", "tess tickle", "willie stroker", "sharon needles", "craven moorehead", "barry mccockiner",
    "joe mama", "joe momma", "ligma", "sugma", "candice dick", "wayne kerr", "rusty shackleford", "hugh mungus",
    "justin sider", "mike hawk", "gabe itch", "ray pist", "jenna tools", "dick hertz", "ivana humpalot",
    # Characters and the famous, given as the caller's own name with an order.
    "bart simpson", "homer simpson", "mickey mouse", "donald duck", "spongebob", "sponge bob", "spongebob squarepants",
    "santa claus", "darth vader", "harry potter", "bruce wayne", "peter parker",
    "scooby doo", "sherlock holmes", "luke skywalker", "mario mario", "barack obama",
    "donald trump", "joe biden", "elon musk", "taylor swift", "kim jong un", "vladimir putin", "michael jackson",
    # Spanish albures and puns.
    "elber galarga", "elver galarga", "aitor tilla", "elsa capunta", "debora melo", "zoyla vaca", "lola mento", "rosa melano",
    "susana oria", "aquiles bailo", "dolores delano", "helen chufe", "elba lazo", "alma marcela", "benito camelo",
    "ana lisa melano", "elvis tek", "mary con", "esteban dido", "armando casas", "alan brito delgado",
    "paco gerte", "keka gaste", "elmer curio", "susana horia", "el chavo del ocho",
    "rosamel fierro", "lalo cura", "carmen tiroso", "consuelo rodriguez de la verga", "vicente fernandez",
    "jacinto pinto", "debora meltrozo", "zoila vaca", "aquiles castro", "armando esteban quito", "elsa pato",
    "tess tickles", "ophelia balls", "dixon butz", "hugh mongus", "mike oxbig",
    # Chinese homophone names and leaders.
    "杜子腾", "史珍香", "朱逸群", "秦寿生", "沈京兵", "杜琦燕", "你爹", "吴仁耀", "姬从良", "苟史", "范统", "庞光",
    "梅友乾", "魏生津", "沈晶冰", "夏建仁", "胡丽晶", "贾庆林", "习近平", "毛泽东", "邓小平", "孙悟空", "猪八戒",
    "奥巴马", "特朗普", "川普", "蔡徐坤", "马云",
)

# Where nothing is delivered, booked or repaired: said as the address or the place, it is a prank. Only places
# no street shares a name with ("the white house on the corner" and "calle del Sol" are addresses).
IMPOSSIBLE_PLACES = (
    r"\b(the moon|on the moon|to the moon|outer space|the iss|the space station|area 51|the north pole|hogwarts|narnia"
    r"|the bottom of the ocean|atlantis|the top of mount everest|an active volcano|a volcano)\b",
    r"\b(la luna|en la luna|a la luna|el espacio exterior|el polo norte|un volcan|la atlantida|el fondo del mar|la ciudad perdida)\b",
    r"(月球|月亮上|外太空|太空站|火山里|火山口)",
    # Whole cities, stadiums, oceans and monuments as one order's job.
    r"\b(every|all the) (toilets?|drains?|houses?|homes?) in (chicago|the city|town|america)\b|\b(the whole|the entire) (stadium|city|country)\b"
    r"|\b(todo el|toda la) (estadio|ciudad|pais)\b|\bcanal de panama\b|\bpacific ocean\b|\bgreat wall\b"
    r"|\b(todos los|todas las|every|all the) (banos|inodoros|toilets?|seats?|asientos) (del|de la|of the|in the) (estadio|stadium|arena|aeropuerto|airport)\b",
    r"(所有的?马桶|整个城市|太平洋|长城|直径一公里)",
)
_IMPOSSIBLE = tuple(re.compile(pattern) for pattern in IMPOSSIBLE_PLACES)

_UNITS = {
    "en": {"thousand": 1000, "million": 1_000_000, "grand": 1000},
    "es": {"mil": 1000, "millon": 1_000_000, "millones": 1_000_000},
}
_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "un": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9,
    "diez": 10, "veinte": 20, "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70,
    "ochenta": 80, "noventa": 90,
}
_SPANISH_HUNDREDS = {"doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300, "cuatrocientos": 400,
                     "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600,
                     "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800,
                     "novecientos": 900, "novecientas": 900}
# Everyday and financial (大写) numerals: "五百", "伍佰".
_CHINESE_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                   "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7, "捌": 8, "玖": 9}
_CHINESE_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000, "拾": 10, "佰": 100, "仟": 1000}


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _chinese_number(run: str) -> int:
    total, section, digit = 0, 0, 0
    for ch in run:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        elif ch == "万":
            total += (section + digit) * 10000
            section, digit = 0, 0
        else:
            section += (digit or 1) * _CHINESE_UNITS[ch]
            digit = 0
    return total + section + digit


# What is counted in an order or a booking, in the three languages; the business's own item words are added.
COUNTABLE = frozenset("""
ppl pax pizza pizzas pie pies wing wings order orders box boxes tray trays plate plates meal meals dish dishes drink drinks
coke cokes soda sodas can cans bottle bottles knot knots salad salads cannoli cannolis roll rolls noodle noodles tea teas
curry curries people person persons guest guests adult adults kid kids party seat seats table tables room rooms suite suites
night nights bed beds haircut haircuts cut cuts manicure manicures appointment appointments stylist stylists
phone phones iphone iphones laptop laptops screen screens console consoles controller controllers battery batteries
device devices toilet toilets sink sinks heater heaters furnace furnaces unit units tech techs plumber plumbers truck trucks
gallon gallons screw screws bulb bulbs cord cords kit kits tape tapes item items piece pieces bag bags pack packs
ticket tickets visit visits patient patients vaccine vaccines shot shots
pizza pizzas orden ordenes pedido pedidos caja cajas plato platos bebida bebidas refresco refrescos lata latas botella
botellas alita alitas ensalada ensaladas taco tacos persona personas gente invitado invitados adulto adultos nino ninos
mesa mesas cuarto cuartos habitacion habitaciones noche noches cama camas corte cortes cita citas telefono telefonos
celular celulares pantalla pantallas laptop consola consolas bateria baterias inodoro inodoros bano banos calentador
calentadores galon galones tornillo tornillos foco focos bombilla bombillas cable cables articulo articulos pieza piezas
bolsa bolsas paquete paquetes unidad unidades paciente pacientes vacuna vacunas
us chicas chicos mujeres hombres senoras amigas amigos
""".split())
# A number followed by these is an address ("400 Monroe St, Suite 300"), not a count.
_STREET = frozenset("st street ave avenue rd road blvd boulevard dr drive ln lane way hwy highway pkwy court ct pl place "
                    "calle avenida av carretera camino paseo".split())
# A figure after these names a model ("iPhone 12 screen", "Galaxy S23 battery", "PS5 controller"), not a count.
_MODEL_NAMES = frozenset("iphone ipad galaxy pixel note series model gen generation version ps xbox macbook watch surface "
                         "thinkpad modelo serie".split())
_NOT_COUNTED = frozenset("with para with from that this your their over under large small medium grande chico".split())
# Prices, ticket numbers and ordinals are numbers, not counts: "$189", "189 dollars", "#4471", "the 21st".
_MONEY_OR_REFERENCE = re.compile(
    r"[$€£]\s?\d[\d.]*|\d[\d.]*\s?(dollars?|bucks|usd|dolares|pesos|euros?)\b|#\s?\d+|\b\d+(st|nd|rd|th)\b")
_MEASURE_WORDS = "个份盒张间位人台部只支桶箱瓶罐卷串杯碗盘袋套名件晚次把颗根"


def _names_a_model(tokens: List[str], after: int) -> bool:
    """The figure just before `after` follows a model name, or a model's letter after one: "iphone 12",
    "galaxy s23" (read as "galaxy s 23")."""
    if after < 2 or not tokens[after - 1][:1].isdigit():
        return False
    before = tokens[after - 2]
    if len(before) == 1 and after >= 3:
        before = tokens[after - 3]
    return before in _MODEL_NAMES


def _numbers(tokens: List[str]) -> List[tuple]:
    """(value, index after the number) for each count said in figures or English/Spanish words."""
    found, total, current = [], 0, 0
    for index, word in enumerate(tokens + ["."]):
        figure = re.fullmatch(r"(\d+(?:\.\d+)?)(k)?", word)
        if figure:
            found.append((int(float(figure.group(1)) * (1000 if figure.group(2) else 1)), index + 1))
            continue
        if word in _SMALL and word not in ("a", "un", "una"):
            current += _SMALL[word]
        elif word in _SPANISH_HUNDREDS:
            current += _SPANISH_HUNDREDS[word]
        elif word in ("hundred", "cien", "ciento", "cientos"):
            current = (current or 1) * 100
        elif word in _UNITS["en"] or word in _UNITS["es"]:
            total += (current or 1) * (_UNITS["en"].get(word) or _UNITS["es"][word])
            current = 0
        elif word in ("and", "y", "a", "un", "una") and not (total or current):
            continue
        else:
            if total + current:
                found.append((total + current, index))
            total, current = 0, 0
    return found


def quantities_in(text: str, nouns: Iterable[str] = ()) -> List[int]:
    """Every count of things the caller asks for ("500 pizzas", "five hundred wings", "quinientas pizzas",
    "五百个披萨", "2k rooms"): a number followed within three words by something counted. A number alone is
    not a count (a street number, a price, a time, a phone number)."""
    countable = COUNTABLE | {word for noun in nouns for word in re.findall(r"[a-z]{4,}", _folded(noun))} - _NOT_COUNTED
    spoken = _MONEY_OR_REFERENCE.sub(" ", _folded(text).replace(",", ""))
    tokens = re.findall(r"(?<![a-z\d])\d+(?:\.\d+)?(?:k|st|nd|rd|th)?(?![a-z\d])|[a-z]+", spoken)
    found = [value for value, after in _numbers(tokens)
             if any(word in countable for word in tokens[after:after + 3]) and not _STREET & set(tokens[after:after + 3])
             and not _names_a_model(tokens, after)]
    for run, measure in re.findall(rf"([零一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟\d]+)([{_MEASURE_WORDS}])", simplified(text)):
        found.append(int(run) if run.isdigit() else _chinese_number(run))
    return found


@dataclass(frozen=True)
class Limits:
    """Above `absurd_quantity` of anything counted (items, people, rooms) a request is a prank; above
    `large_quantity` (and not absurd) a person checks it."""

    absurd_quantity: int
    large_quantity: int


def joke_name_in(text: str) -> Optional[str]:
    """The joke name the message gives, if any; a name is matched whole, with word boundaries."""
    folded = " ".join(re.sub(r"[^\w\u4e00-\u9fff.]+", " ", _folded(text)).split())
    for name in JOKE_NAMES:
        if re.search(r"[\u4e00-\u9fff]", name):
            if name in text:
                return name
        elif re.search(rf"(?<!\w){re.escape(name)}(?!\w)", folded):
            return name
    return None


def impossible_place_in(text: str) -> bool:
    folded = _folded(text)
    return any(pattern.search(folded) for pattern in _IMPOSSIBLE)


def absurd_request(text: str, limits: Limits, nouns: Iterable[str] = ()) -> bool:
    """A count no business of this kind could fill in one order, or a place nothing can be sent to."""
    counts = quantities_in(text, nouns)
    return impossible_place_in(text) or any(count > limits.absurd_quantity for count in counts)


_CHANGE = re.compile(
    r"\b(actually|no wait|wait no|scratch that|change (it|that|to|the)|make (it|that)|instead|on second thought|never ?mind|nvm"
    r"|jk|forget (it|that)|switch (it|that|to)|back to|changed my mind|take (it|that|the \w+) off|cancel (that|the|it)|undo"
    r"|mejor|en vez de|en lugar de|cambia\w*|siempre no|olvida\w*|ya no|no,? espera|regresa\w*|vuelve a|pensandolo bien"
    r"|quita\w*)\b|(^|[.!?;:]\s*)no\b[,.!]?(?! (se|sé|se si|i|tengo|thanks|gracias|problem|hay|rush|prisa))"
    r"|算了|改成|改到|换成|换回|改回|还是|不对|不要了|等等|再改|重新来|不[，,。 ]|取消|去掉|(^|\s)换|^不{1,2}$|开玩笑|你晕了|逗你"
    r"|\b(just kidding|jk|lol jk|psych)\b",
)


def changes_in(texts: Iterable[str]) -> int:
    """How many clauses of the caller's messages change or take back what was asked before ("actually make it
    a medium" is one change, "no, veggie. no wait, pepperoni" two)."""
    clauses = (clause.strip() for text in texts for clause in re.split(r"[.!?;,，。！？；]", _folded(text)))
    return sum(1 for clause in clauses if _CHANGE.search(clause))


def constant_changes(texts: List[str], limit: int) -> bool:
    """More changes than `limit` in one conversation: a real customer settles; a prank caller never does."""
    return changes_in(texts) > limit
