"""The words that carry an order's structure, per language: counts, fillers, triggers, links.

English is the base of every language: callers mix ("quiero two tacos", "我要一个 large pizza"), so Spanish and
Chinese add their words to the English ones instead of replacing them. Words are written normalized (lower
case, no accents) because that is how matching sees them. Chinese is read one character per token, so a
Chinese word of several characters is a phrase here ("不要"), said back as one mention.
"""

import re
from dataclasses import dataclass, field, fields
from functools import lru_cache

# --- English -------------------------------------------------------------------------------------

NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split(),
        start=1,
    )
}
ARTICLES = {"a": 1, "an": 1, "some": 1, "another": 1}
QUANTITY_PHRASES = {
    ("a", "couple", "of"): 2,
    ("a", "couple"): 2,
    ("couple", "of"): 2,
    ("a", "pair", "of"): 2,
    ("dozen",): 12,
}
PUNCTUATION = {",", ".", ";", "!", "?"}
BREAKS = PUNCTUATION | {"and", "plus", "also", "then", "but"}

# Words that carry no order content. Trigger words ("remove", "make", "no") are here too: the order
# parser reads them from filler mentions, and nothing here is ever reported as an unknown item.
FILLER = frozenset(
    """
    hi hello hey yo please thanks thank thx ok okay alright sure yes yeah yep yup no nope nah great good perfect
    fine cool awesome nice sorry excuse guys folks man buddy sir maam
    um uh er erm hmm oh ah so well just actually maybe like really too either now wait
    i id ill im ive me my mine we us our you your u he she it its they them their this that thats these those
    the any all each every everything anything something nothing other else same usual more
    is are was were be been am do does did dont doesnt didnt not have has had get got getting want wanna
    need would could should can will shall may might must let lets gonna going go take give gimme bring put add
    order ordering ordered place make change switch swap replace turn update instead remove cancel drop delete
    scratch forget skip without hold minus rid leave keep see say said think know look looking try
    with of for to on onto off from in into at by out up about as than over under
    pickup pick delivery deliver delivered carryout takeout togo today tonight tomorrow later soon asap
    minute hour morning afternoon evening noon
    name number phone address total price cost much many how what when where which who why
    sauce dressing side size thing stuff food meal people person table question moment second bit lot
    cold fresh whole full normal cut light easy
    """.split()
)
NAME_STOPWORDS = {"a", "an", "and", "of", "the", "with", "in", "on"}

TRIGGERS = (
    (("get", "rid", "of"), "remove"),
    (("do", "not", "want"), "remove"),
    (("dont", "want"), "remove"),
    (("dont", "need"), "remove"),
    (("take", "off"), "remove"),
    (("take", "out"), "remove"),
    (("leave", "off"), "remove"),
    (("leave", "out"), "remove"),
    (("remove",), "remove"),
    (("cancel",), "remove"),
    (("drop",), "remove"),
    (("delete",), "remove"),
    (("scratch",), "remove"),
    (("forget",), "remove"),
    (("skip",), "remove"),
    (("take",), "remove"),  # only with "off"/"out" later: "take the wings off"
    (("no",), "exclude"),
    (("without",), "exclude"),
    (("hold",), "exclude"),
    (("minus",), "exclude"),
    (("make",), "change"),
    (("change",), "change"),
    (("switch",), "change"),
    (("swap",), "change"),
    (("replace",), "change"),
    (("turn",), "change"),
)
DEFINITE = {"the", "my", "that", "those", "these", "this"}

_HOURS = "|".join([*list(NUMBER_WORDS)[:12], "noon", "midnight"])
CHATTER = tuple(
    re.compile(pattern)
    for pattern in (
        r"\+?\d[\d\s().-]{6,}\d",  # phone numbers
        r"\b(?:deliver\w*|send it|bring it|address)\b[^,.;!?]*?\b(?:to|at|is)\s+\d+[^,.;!?]*",
        r"\b\d{1,2}(?::\d{2})?\s*(?:am|pm|a\.m\.?|p\.m\.?|oclock)(?![a-z])",
        r"\b\d{1,2}:\d{2}\b",
        rf"\b(?:at|by|around|about|before|after)\s+(?:\d{{1,2}}|{_HOURS})(?:\s+(?:thirty|fifteen|forty five|oclock))?\b",
        r"\b(?:in|within)\s+(?:\d+|an?|[a-z]+)\s+(?:minutes?|mins?|hours?)\b",
        r"\b(?:my name is|my names|name is|names|this is|under the name|under)\s+[a-z]+",
    )
)


@dataclass(frozen=True, eq=False)
class Lexicon:
    """One language's words, or several merged (see `lexicon`)."""

    number_words: dict = field(default_factory=dict)
    articles: dict = field(default_factory=dict)  # counts that are not said as a count: "a", "otra"
    quantity_phrases: dict = field(default_factory=dict)
    dozens: frozenset = frozenset()  # multiply the count before them: "two dozen", "dos docenas"
    numerals: dict = field(default_factory=dict)  # Chinese digits, read in runs: 十二, 二十
    measure_words: dict = field(default_factory=dict)  # after a count, with what they multiply it by: 个 1, 打 12
    filler: frozenset = frozenset()
    phrases: dict = field(default_factory=dict)  # words of several tokens said as one mention, by kind
    breaks: frozenset = frozenset()
    name_stopwords: frozenset = frozenset()
    triggers: tuple = ()
    late_triggers: dict = field(default_factory=dict)  # Chinese puts the verb after its object: 可乐去掉
    definite: frozenset = frozenset()
    leads_into_item: frozenset = frozenset()
    intro_words: frozenset = frozenset()
    target_prepositions: frozenset = frozenset()
    negations: frozenset = frozenset()
    affirmations: frozenset = frozenset()
    note_starters: frozenset = frozenset()
    note_trailers: frozenset = frozenset()
    swap_words: frozenset = frozenset()
    instead: frozenset = frozenset()
    with_words: frozenset = frozenset()
    repeat_words: frozenset = frozenset()  # "one more", "otra", "再来一个": more of the line just ordered
    repeat_company: frozenset = frozenset()  # the only other words a repeat may come with
    head_links: frozenset = frozenset()  # "pizzas grandes DE pepperoni": the kind is named before the item
    chatter: tuple = ()
    spanish_stems: bool = False

    def merged(self, other: "Lexicon") -> "Lexicon":
        """This lexicon with another's words added; the other's triggers are tried first."""
        values = {}
        for spec in fields(self):
            mine, theirs = getattr(self, spec.name), getattr(other, spec.name)
            if isinstance(mine, dict):
                values[spec.name] = {**mine, **theirs}
            elif isinstance(mine, frozenset):
                values[spec.name] = mine | theirs
            elif spec.name == "triggers":
                values[spec.name] = theirs + mine
            elif isinstance(mine, tuple):
                values[spec.name] = mine + theirs
            else:
                values[spec.name] = mine or theirs
        return Lexicon(**values)


ENGLISH = Lexicon(
    number_words=NUMBER_WORDS,
    articles=ARTICLES,
    quantity_phrases=QUANTITY_PHRASES,
    dozens=frozenset({"dozen"}),
    filler=FILLER,
    breaks=frozenset(BREAKS),
    name_stopwords=frozenset(NAME_STOPWORDS),
    triggers=TRIGGERS,
    definite=frozenset(DEFINITE),
    leads_into_item=frozenset(DEFINITE | {"of", "more", "order"}),
    intro_words=frozenset({"add", "get", "want", "order", "more"}),
    target_prepositions=frozenset({"to", "on", "onto", "off", "from", "for", "in"}),
    negations=frozenset({"no", "without", "hold", "minus", "not"}),
    affirmations=frozenset({"with", "add", "plus", "extra"}),
    note_starters=frozenset({"cut", "light", "easy"}),
    note_trailers=frozenset({"please", "thanks", "thank", "you"}),
    swap_words=frozenset({"instead", "switch", "swap", "replace", "change"}),
    instead=frozenset({"instead"}),
    with_words=frozenset({"with"}),
    repeat_words=frozenset({"more", "another"}),
    repeat_company=frozenset("i ill id like want get have take can could please me give gimme just".split()),
    chatter=CHATTER,
)

# --- Spanish -------------------------------------------------------------------------------------

_ES_NUMBERS = (
    "dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciseis diecisiete "
    "dieciocho diecinueve veinte"
).split()
_ES_HOURS = "una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|\\d{1,2}(?::\\d{2})?"
_ES_REMOVE = (
    "quita quitale quitame quitalo quitala quitar quite quitele saca sacale sacame elimina eliminame eliminar borra borrame "
    "borrar cancela cancelame cancelar olvida olvidate"
)
_ES_CHANGE = "cambia cambiala cambialo cambiame cambiar cambie cambiele haz hazla hazlo hazme hagala hagalo mejor"

SPANISH = Lexicon(
    number_words={"un": 1, "una": 1, "uno": 1, **{word: value for value, word in enumerate(_ES_NUMBERS, start=2)}},
    articles={"unos": 1, "unas": 1, "otra": 1, "otro": 1},
    quantity_phrases={
        ("un", "par", "de"): 2,
        ("un", "par"): 2,
        ("par", "de"): 2,
        ("media", "docena"): 6,
        ("docena",): 12,
        ("docenas",): 12,
    },
    dozens=frozenset({"docena"}),
    filler=frozenset(
        f"""
        hola buenas buenos dia dias tarde tardes noche noches gracias porfa favor si claro vale bueno ok okey
        perfecto listo genial oiga oye mire mira disculpe disculpa perdon senor senora senorita joven amigo
        este eh em pues entonces bueno ah oh
        yo me mi mis tu te usted ustedes nos nosotros le les lo la las los el ella ellos su sus se
        quiero quiera queria quisiera quisieramos queremos quieres gustaria podria puede puedes podemos
        dame deme denos danos da den pone pon ponga pongame ponme ponle traeme traigame trae manda mande
        pedir pido ordenar ordeno orden agrega agregue agregale agregame agregar anade anadir anadele
        tengo tener tiene hay seria sera es son esta estan era hacer haga
        que de del a al en para por con sin como cuando donde cual cuanto cuantos cuanta cuantas
        todo toda todos todas algo nada mas menos tambien solo nomas ya aqui eso esa ese esos esas esto estos estas
        llevar recoger domicilio entrega entregar pasar paso nombre numero telefono direccion total precio cuesta cuestan
        hoy manana ahorita luego despues antes rato minuto minutos hora horas bien muy mismo misma igual vez lugar
        {_ES_REMOVE} {_ES_CHANGE}
        """.split()
    ),
    phrases={("en", "vez", "de"): "filler", ("en", "lugar", "de"): "filler"},
    breaks=frozenset({"y", "e", "tambien", "luego", "despues", "pero", "ademas"}),
    name_stopwords=frozenset({"de", "del", "la", "el", "los", "las", "con", "y", "al", "en", "a"}),
    triggers=(
        (("no", "quiero"), "remove"),
        (("no", "queremos"), "remove"),
        *(((word,), "remove") for word in _ES_REMOVE.split()),
        (("sin",), "exclude"),
        *(((word,), "change") for word in _ES_CHANGE.split()),
    ),
    definite=frozenset({"el", "la", "los", "las", "lo", "mi", "mis", "esa", "ese", "esas", "esos", "esta", "este", "estas", "estos"}),
    leads_into_item=frozenset({"el", "la", "los", "las", "mi", "mis", "esa", "ese", "esas", "esos", "de", "del", "orden", "ordenes", "mas"}),
    intro_words=frozenset(
        "quiero queria quisiera dame deme pone ponga pongame ponme traeme agrega agregame anade pido pedir mas orden".split()
    ),
    target_prepositions=frozenset({"a", "al", "en", "de", "del", "para"}),
    negations=frozenset({"sin", "no", "nada"}),
    affirmations=frozenset({"con", "mas", "extra", "agrega", "agregale", "ponle", "anade", "anadele"}),
    note_starters=frozenset({"poca", "poco", "cortada", "cortado", "cortadas", "cortados", "partida", "partido"}),
    note_trailers=frozenset({"por", "favor", "gracias"}),
    swap_words=frozenset({*_ES_CHANGE.split(), "en vez de", "en lugar de"} - {"haz", "hazla", "hazlo", "hazme", "hagala", "hagalo"}),
    instead=frozenset({"en vez de", "en lugar de"}),
    with_words=frozenset({"con"}),
    repeat_words=frozenset({"mas", "otra", "otro"}),
    repeat_company=frozenset("quiero dame deme me da pone ponga ponme traeme por favor la lo misma mismo igual".split()),
    head_links=frozenset({"de", "del"}),
    chatter=tuple(
        re.compile(pattern)
        for pattern in (
            r"\b(?:direccion|entreg\w*|mand\w*|envi\w*)\b[^,.;!?]*?\b(?:a|en|es)\s+\d+[^,.;!?]*",
            rf"\b(?:a|para|como a|a eso de|antes de|despues de|tipo)\s+las?\s+(?:{_ES_HOURS})"
            r"(?:\s+y\s+(?:media|cuarto|\d+))?(?:\s+de la (?:manana|tarde|noche))?\b",
            r"\ben\s+(?:\d+|un|una|media|[a-z]+)\s+(?:minutos?|horas?)\b",
            r"\b(?:me llamo|mi nombre es|a nombre de|el nombre es)\s+[a-z]+",
        )
    ),
    spanish_stems=True,
)

# --- Chinese -------------------------------------------------------------------------------------

_ZH_DIGITS = "零〇一二两俩三四五六七八九十"
_ZH_REMOVE = ("去掉", "拿掉", "删掉", "删除", "取消", "退掉", "不要了")
_ZH_CHANGE = ("换成", "改成", "换一下", "换", "改")
_ZH_NEGATIONS = ("不要", "不加", "不放", "别加", "别放", "不用", "去", "免", "无", "没")
_ZH_PHRASES_FILLER = (
    "一下 那个 这个 那些 这些 一些 可以 能不能 可不可以 麻烦 谢谢 谢了 多谢 你好 您好 好的 对的 是的 没错 就是 "
    "还是 外卖 外送 自取 打包 带走 堂食 取餐 送餐 地址 电话 号码 名字 总共 一共 多少钱 多少 价钱 价格 一点 一样 一起 "
    "同样 想要 需要 我们 多加 少放 不要 不加 不放 别加 别放 不用 来拿 来取 过来拿 拿走 点餐 点菜 订餐 下单 外带 "
    # Words holding a size character that is not a size: 其中 is not 中 (medium), 大概 not 大 (large).
    "其中 当中 中间 大概 大约 大家 小心"
).split()
_ZH_PHRASES_BREAK = ("还有", "还要", "另外", "然后", "以及", "再加上")
_ZH_NUMBER = f"[0-9{_ZH_DIGITS}]+"

CHINESE = Lexicon(
    numerals={"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "俩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10},
    quantity_phrases={("半", "打"): 6},
    measure_words={
        **dict.fromkeys("个份杯碗瓶罐听盒只块张套件位串条根片盘碟袋包双对箱桶支笼客", 1),
        "打": 12,
    },
    filler=frozenset(
        (
            "我你您他她它们要想点来给帮的地得了吧呢啊呀嗯哦喔哈嘛啦请就也都还是有在把让被好对行先再又那这哪些样下能会吗么"
            "什谁多加去不免无没放带配少切拿取个份杯碗瓶罐盒只套件位打客"
        )
    ),
    phrases={
        **{tuple(word): "filler" for word in (*_ZH_PHRASES_FILLER, *_ZH_REMOVE, *_ZH_CHANGE)},
        **{tuple(word): "break" for word in _ZH_PHRASES_BREAK},
    },
    breaks=frozenset({"和", "跟", "与", "及", *_ZH_PHRASES_BREAK}),
    triggers=(
        *(((word,), "remove") for word in _ZH_REMOVE),
        (("不要",), "exclude"),
        (("不加",), "exclude"),
        (("不放",), "exclude"),
        (("别加",), "exclude"),
        (("别放",), "exclude"),
        (("去",), "exclude"),
        *(((word,), "change") for word in _ZH_CHANGE),
    ),
    late_triggers={**dict.fromkeys(_ZH_REMOVE, "remove"), "换成": "change", "改成": "change"},
    definite=frozenset({"那个", "这个", "那些", "这些"}),
    leads_into_item=frozenset({"那个", "这个", "那些", "这些", "的"}),
    intro_words=frozenset({"要", "来", "点", "想要"}),
    negations=frozenset(_ZH_NEGATIONS),
    affirmations=frozenset({"加", "多加", "要", "多", "放", "配", "带"}),
    note_starters=frozenset({"少", "少放", "切"}),
    note_trailers=frozenset({"谢谢", "谢了", "吧", "了", "啊", "呢", "哦"}),
    swap_words=frozenset(_ZH_CHANGE),
    with_words=frozenset({"配", "带"}),
    repeat_words=frozenset({"再"}),
    repeat_company=frozenset({"我", "要", "来", "给", "请", "吧", "还", "想", "点", "的", "一样", "同样", "想要", "了"}),
    chatter=tuple(
        re.compile(pattern)
        for pattern in (
            rf"(?:早上|上午|中午|下午|傍晚|晚上|今天|明天|今晚)\s*{_ZH_NUMBER}\s*[点:]\s*(?:半|钟|一刻|{_ZH_NUMBER}\s*分?)?",
            rf"{_ZH_NUMBER}\s*点\s*(?:半|钟|一刻|{_ZH_NUMBER}\s*分)",
            rf"{_ZH_NUMBER}\s*点(?=\s*(?:左右|前|以前|之前|后|以后|来拿|来取|取|到|送|拿))",
            rf"(?:{_ZH_NUMBER}|半)\s*个?\s*(?:分钟|小时|钟头)\s*(?:后|以后|之后|左右|内|以内)?",
            r"(?:我叫|我姓|名字是|名字叫|叫我)\s*(?:[\u4e00-\u9fff]{1,3}|[a-z]+)",
            r"(?:送到|地址是|地址在)[^,.;!?]*",
        )
    ),
)

LANGUAGES = {"en": ENGLISH, "es": SPANISH, "zh": CHINESE}


@lru_cache(maxsize=None)
def lexicon(language: str = "en") -> Lexicon:
    """English, plus the language's own words when it is not English; an unknown language is English."""
    extra = LANGUAGES.get(language)
    return ENGLISH if extra is None or extra is ENGLISH else ENGLISH.merged(extra)
