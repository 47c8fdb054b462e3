"""Reads a home-services caller's words: the problem, the service it needs, how urgent it is, where the job is
and how to get in. Staff want the problem and the access notes verbatim, so those stay in the caller's words.

One message often carries several of these ("my kitchen sink is backed up, can someone come tomorrow
morning? 14 Elm St"), so the text is cut into clauses and each clause is read for what it holds.

The words are read per language (WORDS). Spanish callers mix in English ("el AC no enfría"), so Spanish is
read with the English words too. Chinese runs words together, so its patterns never lean on word boundaries, and an
address keeps its edges with lookarounds that hold next to Han characters ("地址是14 Elm St，明天来").
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from catalog import Catalog, Item
from catalog.matching import singular, tokenize

EMERGENCY, SOON, FLEXIBLE = "emergency", "soon", "flexible"
NO_ACCESS_NOTES = "none"

# Items the assistant adds by itself, found by one of their aliases: the visit fee when no other service matches
# what the caller describes, and the surcharge for an emergency call-out.
VISIT_FEE_ALIAS = "service call"
EMERGENCY_FEE_ALIAS = "emergency surcharge"

# Edges of a Latin word that also hold between a Latin word and a Han character, where \b does not.
START, END = r"(?<![a-z0-9])", r"(?![a-z0-9])"
HAN = "\u3400-\u4dbf\u4e00-\u9fff"

STREET_TYPES = (
    "street|st|avenue|ave|av|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|way|place|pl|terrace|ter|parkway|pkwy"
    "|highway|hwy|circle|cir|square|sq|trail|trl|crescent|cres|alley|row|loop|plaza|pike|crossing|xing|walk"
)
UNIT = (
    r"(?:\s*[,，]?\s*(?:apt\.?|apartment|unit|suite|ste\.?|#|flat|fl\.?|floor|bldg\.?|building|apto\.?|apartamento|"
    r"depto\.?|departamento|unidad|interior|int\.?|piso|公寓|单元|房间|室)\s*#?\s*[a-z0-9-]+"
    r"|\s*[,，]?\s*[a-z0-9-]+\s*(?:室|号房|楼|单元))"
)
ADDRESS = re.compile(
    rf"{START}\d{{1,6}}[a-z]?(?:(?:\s+[a-z0-9.'-]+){{1,4}}?\s+(?:{STREET_TYPES}){END}\.?|\s+broadway{END})"
    rf"(?:\s+(?:n|s|e|w|ne|nw|se|sw){END}\.?)?{UNIT}*"
    rf"(?:\s*,\s*[a-z .'-]+,?\s+(?-i:[A-Z]{{2}})(?:\s+\d{{5}})?{END}|\s+\d{{5}}{END})?",
    re.IGNORECASE,
)
# "calle Elm número 14", "avenida Kedzie 2300, depto 3": the Spanish way round, street first.
SPANISH_ADDRESS = re.compile(
    r"\b(?:calle|avenida|avda\.?|av\.?|bulevar|camino|carretera|paseo|callej[óo]n|privada|cerrada)"
    rf"(?:\s+[\w.'-]+){{1,4}}?\s+(?:n[úu]mero\s+|no\.\s*|#\s*)?\d{{1,6}}[a-z]?{END}{UNIT}*",
    re.IGNORECASE,
)
# "Elm街14号", "缅街41号2楼": the street (in letters or Han) right after a lead-in, then the house number.
CHINESE_ADDRESS = re.compile(
    rf"(?:(?<=[在是来到住：:，,。\s])|^)(?:[a-z][a-z .'-]{{0,30}}?|(?:(?![在是来到住])[{HAN}]){{1,6}}?)\s*(?:街|路|大道|大街|道|巷|广场)\s*"
    rf"\d{{1,6}}\s*号?{UNIT}*",
    re.IGNORECASE,
)
# US addresses are said the English way in every language; each language adds its own way round.
ADDRESSES = {"en": (ADDRESS,), "es": (ADDRESS, SPANISH_ADDRESS), "zh": (ADDRESS, CHINESE_ADDRESS)}
PHONE_LIKE = re.compile(r"\+?\d[\d\s().-]{8,}\d")

WORDS: Dict[str, Dict[str, object]] = {
    "en": {
        "gas": re.compile(
            r"\bsmell(?:s|ing|ed)?\b[^.?!]{0,25}\bgas\b|\bgas\b[^.?!]{0,15}\b(?:smell|leak|leaking|odou?r)|rotten eggs?"
            r"|carbon monoxide|\bco (?:alarm|detector)|\bgas (?:alarm|detector)",
            re.IGNORECASE,
        ),
        "urgent": re.compile(
            r"\bflood(?:s|ed|ing)?\b|water (?:is |has been )?(?:pouring|gushing|spraying|everywhere|coming in)"
            r"|(?:pouring|gushing|spraying|coming|dripping) (?:in )?(?:through|out of|from) (?:the |my |our )?(?:ceiling|wall|light)"
            r"|\bburst\b|pipe (?:has |just )?(?:burst|exploded|split|broke)|\bbusted pipe|sewage|sewer (?:is )?(?:coming|backing) up"
            r"|can'?t (?:shut|turn) (?:off )?the water|won'?t stop (?:running|leaking|pouring|spraying)"
            r"|\bsparks?\b|\bsparking\b|\bsmoking\b|smoke (?:coming|from)|burning smell|smells? like (?:burning|smoke)"
            r"|\bemergency\b|\bright now\b",
            re.IGNORECASE,
        ),
        "not_urgent": re.compile(r"\b(?:not|isn'?t|no|nothing)\s+(?:an?\s+)?(?:emergency|urgent)", re.IGNORECASE),
        "no_heat": re.compile(
            r"\bno heat\b|\bheat(?:ing|er)? (?:is |has |went |just )?(?:out|off|dead|gone|died|quit|stopped|not working|isn'?t working)"
            r"|furnace (?:is |has |just )?(?:out|dead|died|quit|stopped|not working|isn'?t working|won'?t (?:turn|come) on)",
            re.IGNORECASE,
        ),
        "cold": re.compile(r"\b(?:freezing|frozen|below (?:zero|freezing)|degrees|cold|ice|icy|baby|newborn|elderly)\b", re.IGNORECASE),
        "flexible": re.compile(
            r"\bno (?:rush|hurry)\b|\bnot (?:urgent|in a hurry|a rush)\b|\bisn'?t urgent\b|\bit can wait\b|\bwhenever\b"
            r"|\bsometime\b|\bany ?time\b|\bflexible\b|\bnext week\b|\bin a (?:week|couple (?:of )?weeks)\b|\bno big deal\b",
            re.IGNORECASE,
        ),
        "address_lead_ins": re.compile(
            r"^(?:(?:yeah|yes|ok|okay|sure|um+|uh+|so)[,\s]+)*(?:the address is|address is|address's|the address's|it's|it is|"
            r"we're at|we are at|i'm at|i am at|i live at|we live at|at|the house is at|the job is at|come to)\s+",
            re.IGNORECASE,
        ),
        "clause_breaks": re.compile(
            r"[.;!?\n]+|,\s*|\s+-+\s+|\s+(?=(?:and |so )?(?:can|could|would|will|is there any way|any chance)\s+"
            r"(?:some(?:one|body)|you|u|ya|y'?all|a tech|a plumber|your guys|one of your)\b)",
            re.IGNORECASE,
        ),
        "leading_filler": re.compile(
            r"^(?:(?:hi|hey|hello|yeah|yes|yep|ok|okay|so|um+|uh+|well|oh|hi there|and|but|also)\b[,\s]*)+", re.IGNORECASE
        ),
        "problem": re.compile(
            r"\b(?:leak\w*|drip\w*|clog\w*|back(?:ed|ing|s)? up|block\w*|overflow\w*|burst|broke\w*|busted|not working|"
            r"isn'?t working|won'?t|doesn'?t|does not|stopped|no (?:hot )?water|no heat|no ac|no air|not cooling|not heating|"
            r"running|flood\w*|pouring|gushing|spraying|smell\w*|nois\w*|bang\w*|rattl\w*|hiss\w*|gurgl\w*|trip\w*|spark\w*|"
            r"slow|stuck|frozen|crack\w*|rust\w*|tune[- ]?up|install\w*|replac\w*|repair\w*|fix\w*|quote|estimate|"
            r"maintenance|servic\w*|check(?:ed)? out|look at|water heater|furnace|toilet|sink|drain|faucet|pipe|ac|a/c|"
            r"heater|boiler|shower|tub|disposal|sewer|thermostat|emergency|gas)\b",
            re.IGNORECASE,
        ),
        "access": re.compile(
            r"\bgate\b|\bcode\b|\bdogs?\b|\bpets?\b|\bcats?\b|\bkeys?\b|lock ?box|\bmat\b|\bparking\b|\bpark (?:in|on|at|out)"
            r"|driveway|\bbuzz(?:er)?\b|intercom|doorbell|door bell|ring the bell|\bknock\b|side door|back door|side gate|back gate"
            r"|front desk|concierge|doorman|super(?:intendent)?\b|call (?:me )?(?:when|before)|text (?:me )?(?:when|before)"
            r"|\bstairs\b|elevator|garage|alley|\bbasement door\b|\blandlord\b",
            re.IGNORECASE,
        ),
        # A reply made only of these (and commas) means "no access notes".
        "no_notes": re.compile(
            r"^(?:{p})(?:[,.!\s]+(?:{p}))*[.!\s]*$".format(p=(
                r"no|nope|nah|none|nothing|n/?a|na|not really|no notes|nothing special|nothing really|no thanks|all good|"
                r"it'?s fine|that'?s fine|we'?re good|no that'?s it|not that i can think of|thanks|thank you|"
                r"(?:we'?ll|i'?ll|someone will|somebody will) be (?:home|there)"
            )),
            re.IGNORECASE,
        ),
        "gap": 0,
        "determiners": frozenset({"my", "the", "a", "an", "our", "his", "her", "their", "your", "is", "are", "was", "its",
                                  "it", "s", "got"}),
    },
    "es": {
        "gas": re.compile(
            r"\bhuel\w*[^.?!]{0,25}\bgas\b|\bolor\w* (?:a|de) gas\b|\b(?:fuga|escape) de gas\b"
            r"|\bgas\b[^.?!]{0,15}\b(?:sale|saliendo|escap\w*|fuga)|huevos? podridos?|mon[óo]xido de carbono"
            r"|\b(?:alarma|detector) de (?:gas|mon[óo]xido|co)\b",
            re.IGNORECASE,
        ),
        "urgent": re.compile(
            r"\binund\w*|agua por (?:todos lados|todas partes)|\bagua (?:del|por el|en el) techo\b"
            r"|\b(?:sale|saliendo|cae|cayendo|entra|entrando|chorrea\w*|brota\w*) (?:mucha )?agua (?:del|de la|por el|por la|por|de)\b"
            r"|\brevent\w*|\b(?:tubo|tuber[íi]a|ca[ñn]er[íi]a|caño) (?:se )?(?:rompi[óo]|explot\w*|parti[óo])"
            r"|aguas negras|\b(?:drenaje|desag[üu]e) (?:se )?(?:est[áa] )?(?:regres\w*|desbord\w*)"
            r"|no (?:puedo|podemos) (?:cerrar|cortar|parar) (?:el|la) (?:agua|llave|paso)"
            r"|no (?:para|deja) de (?:salir|echar) agua|\bel agua no (?:para|deja) de (?:salir|correr)"
            r"|\bchispa\w*|\bhumo\b|(?:olor|huele) a quemado|\bemergencia\b|\bahor(?:a|ita) mismo\b|\ben este momento\b",
            re.IGNORECASE,
        ),
        "not_urgent": re.compile(
            r"\bno (?:es|est[áa]|hay) (?:una |nada |tan |muy )?(?:emergencia|urgente|urgencia)|\bnada urgente\b", re.IGNORECASE
        ),
        "no_heat": re.compile(
            r"\b(?:no (?:hay|tengo|tenemos)|sin) calefacci[óo]n\b"
            r"|\b(?:calefacci[óo]n|calent[óo]n|caldera|boiler|horno|heater) (?:ya )?(?:no (?:funciona|sirve|prende|enciende|calienta|jala)"
            r"|se (?:apag[óo]|descompuso|muri[óo]))",
            re.IGNORECASE,
        ),
        "cold": re.compile(
            r"\b(?:helad\w*|congel\w*|bajo cero|grados|fr[íi]o|hielo|beb[ée]s?|reci[ée]n nacid[oa]s?|ancian[oa]s?|"
            r"abuel(?:it)?[oa]s?|personas? mayor(?:es)?)\b",
            re.IGNORECASE,
        ),
        "flexible": re.compile(
            r"\bno (?:hay|tengo|tenemos|corre) (?:prisa|apuro)\b|\bsin (?:prisa|apuro)\b|\bno es urgente\b|\bpuede esperar\b"
            r"|\bcuando (?:sea|puedan|pueda|les quede bien|gusten)\b|\bcualquier (?:d[íi]a|hora|momento)\b"
            r"|\b(?:pr[óo]xima semana|semana que viene)\b|\ben (?:una semana|un par de semanas|unas semanas)\b"
            r"|\bno es gran cosa\b|\bflexible\b|\bme da igual\b",
            re.IGNORECASE,
        ),
        "address_lead_ins": re.compile(
            r"^(?:(?:s[íi]|claro|ok|okey|bueno|pues|este|eh+|mm+)[,\s]+)*(?:la direcci[óo]n es|mi direcci[óo]n es|"
            r"direcci[óo]n|es en|es el|es la|es|estamos en|estoy en|vivo en|vivimos en|queda en|la casa est[áa] en|"
            r"el trabajo es en|vengan a|venga a|en el|en la|en)\s+",
            re.IGNORECASE,
        ),
        "clause_breaks": re.compile(
            r"[.;!?¡¿\n]+|,\s*|\s+-+\s+|\s+(?=(?:y |entonces |pues )?(?:me |nos )?(?:puede|pueden|podr[íi]a|podr[íi]an|"
            r"ser[áa] posible|hay (?:alguna )?(?:manera|forma|chance)|habr[áa] (?:alguien|chance))\b)",
            re.IGNORECASE,
        ),
        "leading_filler": re.compile(
            r"^(?:(?:hola|buenas|buenos d[íi]as|buenas tardes|oiga|mire|pues|bueno|este|eh+|mm+|s[íi]|ok|okey|vale|"
            r"entonces|y|pero|tambi[ée]n|adem[áa]s|ah|oh|ay)\b[,\s]*)+",
            re.IGNORECASE,
        ),
        "problem": re.compile(
            r"\b(?:fuga\w*|gote\w*|tapad[oa]s?|tap[óo]|atascad[oa]s?|atasc[óo]|bloquead[oa]s?|desbord\w*|revent\w*|rot[oa]s?|"
            r"rompi[óo]|descompu\w*|no (?:funciona|sirve|jala|prende|enciende|calienta|enfr[íi]a|baja|corre|para)|"
            r"se (?:apag[óo]|descompuso|tap[óo]|rompi[óo])|(?:no hay|sin) (?:agua caliente|calefacci[óo]n)|inund\w*|chorre\w*|"
            r"huele|olor\w*|ruido\w*|golpe\w*|chisp\w*|congelad[oa]s?|rajad[oa]s?|oxidad[oa]s?|mantenimiento|instal\w*|"
            r"cambiar|reemplaz\w*|repar\w*|arregl\w*|revis\w*|presupuesto|cotizaci[óo]n|servicio|calentador|calent[óo]n|"
            r"calefacci[óo]n|caldera|boiler|inodoro|escusado|excusado|ba[ñn]o|fregadero|lavabo|lavamanos|lavaplatos|"
            r"drenaje|desag[üu]e|grifo|tuber[íi]a|ca[ñn]er[íi]a|tubo|aire acondicionado|aire|clima|termostato|regadera|"
            r"ducha|tina|triturador|emergencia|gas)\b",
            re.IGNORECASE,
        ),
        "access": re.compile(
            r"\bport[óo]n\b|\breja\b|\bc[óo]digo\b|\bclave\b|\bperr[oa]s?\b|\bmascotas?\b|\bgat[oa]s?\b|\bllaves?\b|\btapete\b"
            r"|\bestacion\w*|\bparque\w*|\bcochera\b|\bgaraje\b|\btimbre\b|\btoque(?:n)?\b|\btocar\b|\binterf[óo]n\b"
            r"|\bpuerta (?:de al lado|lateral|de atr[áa]s|trasera|de enfrente)|\brecepci[óo]n\b|\bconserje\b|\bportero\b"
            r"|\bencargad[oa]\b|\b(?:ll[áa]me(?:me|nme)?|m[áa]rque(?:me)?|av[íi]se(?:me)?|m[áa]nde(?:me)? (?:un )?mensaje) (?:cuando|antes)"
            r"|\bescaleras?\b|\belevador\b|\bascensor\b|\bcallej[óo]n\b|\bdueñ[oa]\b|\bcaser[oa]\b|\bs[óo]tano\b",
            re.IGNORECASE,
        ),
        "no_notes": re.compile(
            r"^(?:{p})(?:[,.!¡\s]+(?:{p}))*[.!\s]*$".format(p=(
                r"no|nop|nel|nada|ninguno|ninguna|ning[úu]n[oa]?|nada en especial|nada especial|nada m[áa]s|no hay|"
                r"no hay nada|no gracias|gracias|muchas gracias|est[áa] bien(?: as[íi])?|todo bien|as[íi] est[áa] bien|eso es todo|"
                r"es todo|no que yo sepa|no creo|no hace falta|no se necesita|sin problema|ning[úu]n problema|"
                r"(?:yo |alguien |nosotros )?(?:voy a|vamos a|va a) estar (?:en (?:la )?casa|ah[íi])|"
                r"(?:va a haber|habr[áa]) alguien(?: en (?:la )?casa)?|estar[ée] (?:en (?:la )?casa|ah[íi])|"
                r"estaremos (?:en (?:la )?casa|ah[íi])|none|nothing|nope|thanks|ok|okay"
            )),
            re.IGNORECASE,
        ),
        "gap": 3,
        "determiners": frozenset({"mi", "mis", "el", "la", "los", "las", "un", "una", "unos", "unas", "nuestro", "nuestra",
                                  "su", "sus", "es", "esta", "se", "me", "de", "del", "al", "lo", "le", "tengo", "tenemos",
                                  "hay", "tiene"}),
    },
    "zh": {
        "gas": re.compile(
            r"(?:煤气|燃气|天然气|瓦斯)(?:的)?(?:味|泄漏|泄露|漏了|漏气|在漏)|闻到(?:了)?(?:一股|很浓的)?(?:煤气|燃气|天然气|瓦斯|臭鸡蛋)"
            r"|臭鸡蛋味|一氧化碳|(?:煤气|燃气|一氧化碳|CO)\s*(?:报警器?|警报器?|探测器)"
        ),
        "urgent": re.compile(
            r"淹|水漫|到处都是水|满地(?:都是)?水|(?:天花板|屋顶|墙)(?:上|里)?(?:在)?(?:往下)?(?:漏水|滴水|流水|冒水)"
            r"|(?:水管|管子|管道)(?:爆|裂|破)|爆管|(?:下水道|污水|粪水)(?:倒灌|反水|冒出来|溢出来)|污水"
            r"|关不(?:掉|住|上|了)(?:水|总阀|阀门|总闸)|(?:水|总阀|阀门|总闸)关不(?:掉|住|上|了)|(?:漏|流)(?:个)?不停|止不住"
            r"|火花|冒烟|烧焦|焦味|糊味|紧急|急修|现在就|就现在"
        ),
        "not_urgent": re.compile(r"不(?:是|算)?(?:很|太|那么|特别)?着?(?:紧急|急)|没(?:有)?(?:那么|很|太)?急"),
        "no_heat": re.compile(
            r"没(?:有)?暖气|暖气(?:坏了|不热|不工作|停了|不行了|开不了|没了|不管用)"
            r"|(?:暖炉|锅炉|炉子|暖风机)(?:坏了|不工作|不热|点不着|打不着|不行了)"
        ),
        "cold": re.compile(r"冷|冻|零下|结冰|度|婴儿|宝宝|新生儿|老人|老年人"),
        "flexible": re.compile(
            r"不(?:着|用|太)?急|不赶(?:时间)?|(?:可以|能)等|等(?:几|两)天|随时|什么时候都(?:行|可以)|哪天都(?:行|可以)"
            r"|(?:下周|下个?星期|下个?礼拜)|(?:你们|您)方便的?时候|时间(?:很)?灵活|都可以"
        ),
        "address_lead_ins": re.compile(
            r"^(?:(?:嗯|好的|好|对|是的|ok)[，,\s]*)*(?:地址是|地址在|地址|我家在|我家住在|我住在|我们住在|我们家在|我们在|住在|在|是)\s*",
            re.IGNORECASE,
        ),
        "clause_breaks": re.compile(
            r"[。；！？!?;\n，,、]+|\s+-+\s+|(?=(?:能不能|可不可以|能否|可以|麻烦|请)(?:派|找|叫|安排|让|来|过来|上门|今天|明天|后天))"
        ),
        "leading_filler": re.compile(r"^(?:(?:你好|您好|喂|嗯+|呃+|那个|就是|然后|还有|另外|而且|哦|噢|啊|ok|okay)[，,\s]*)+", re.IGNORECASE),
        "problem": re.compile(
            r"漏|滴|堵|不通|坏|不好用|不能用|用不了|不工作|不转|不动|不制冷|不冷|不热|没(?:有)?热水|没(?:有)?暖气|没水|淹|爆|裂"
            r"|冒烟|火花|跳闸|响|噪音|异响|味|冻|锈|修|维修|安装|装|换|保养|检查|看看|看一下|报价|估价|热水器|暖气|锅炉|空调"
            r"|冷气|马桶|厕所|水槽|洗碗池|下水道|下水|水管|管道|水龙头|淋浴|花洒|浴缸|恒温器|煤气|燃气|紧急"
        ),
        "access": re.compile(
            r"大门|院门|门禁|密码|狗|宠物|猫|钥匙|脚垫|门垫|停车|车道|车库|门铃|按铃|敲门|侧门|后门|前门|前台|物业|保安|门卫|管理员"
            r"|(?:打|给我打|先打|先给我打)(?:个)?电话|发(?:个)?短信|楼梯|电梯|地下室门|房东|对讲"
        ),
        "no_notes": re.compile(
            r"^(?:{p})[啊呀哦呢吧的了]*(?:[，,。.！!~\s]*(?:{p})[啊呀哦呢吧的了]*)*[。.！!\s]*$".format(p=(
                r"没有|没|无|没有了|没什么|没啥|没什么特别的|没什么要注意的|没有什么|没有要注意的|都没有|不用|不需要|不用了|"
                r"没事|没问题|谢谢|谢谢你|谢谢您|好的|就这样|就这些|没别的|没有别的|家里有人|我在家|我们在家|有人在家|"
                r"不用注意什么|直接来就行|直接来就可以|none|no|ok"
            )),
            re.IGNORECASE,
        ),
        "gap": 2,
        "determiners": frozenset({"的", "了", "啦", "呢", "吧", "啊", "呀"}),
    },
}


def _words(language: str) -> Dict[str, object]:
    return WORDS.get(language, WORDS["en"])


def _said(key: str, text: str, language: str) -> bool:
    """The language's words for `key` are in the text; Spanish also counts the English ones."""
    languages = (language, "en") if language == "es" else (language,)
    return any(_words(each)[key].search(text) for each in languages)


@dataclass(frozen=True)
class CallerWords:
    """What one message says about the job, each part in the caller's own words; None when not said."""

    problem: Optional[str] = None
    address: Optional[str] = None
    access_notes: Optional[str] = None


def _clean(clause: str, language: str = "en") -> str:
    clause = clause.strip()
    for each in dict.fromkeys((language, "en")):
        clause = _words(each)["leading_filler"].sub("", clause).strip()
    return clause.strip(" ,.-，。")


def _address_match(text: str, language: str) -> Optional[re.Match]:
    """The first street address in the text, in any of the ways the language's callers say one."""
    patterns = ADDRESSES.get(language, ADDRESSES["en"])
    found = [match for pattern in patterns if (match := pattern.search(text or ""))]
    return min(found, key=lambda match: match.start()) if found else None


def find_address(text: str, language: str = "en") -> Optional[str]:
    """A street address said anywhere in the text ("14 Elm St", "1420 Broadway, apt 3B", "calle Elm número 14",
    "Elm街14号"), tidied."""
    match = _address_match(text, language)
    return re.sub(r"\s+", " ", match.group(0)).strip(" ,.，。") if match else None


def _has_house_number(reply: str) -> bool:
    """A number and something more than it: "221 baker", "缅街41号" (Chinese words are not spaced)."""
    if not re.search(r"\d", reply) or PHONE_LIKE.fullmatch(reply):
        return False
    return len(reply.split()) >= 2 or len(re.findall(rf"[{HAN}]", reply)) >= 2


def address_answer(text: str, language: str = "en") -> Optional[str]:
    """The reply to "what's the address?": a recognised street address, else a reply with a house number in it.

    "Same as last time" and other replies without a number are not an address.
    """
    found = find_address(text, language)
    if found:
        return found
    reply = (text or "").strip()
    for each in dict.fromkeys((language, "en")):
        reply = _words(each)["address_lead_ins"].sub("", reply).strip(" .!。！")
    return reply if _has_house_number(reply) else None


def without_address_and_phone(text: str, language: str = "en") -> str:
    """The text with street addresses and phone numbers taken out, so their digits are not read as times."""
    text = text or ""
    while (match := _address_match(text, language)) is not None:
        text = text[: match.start()] + " " + text[match.end():]
    return PHONE_LIKE.sub(" ", text)


def _clauses(text: str, language: str) -> List[str]:
    breaks = _words(language)["clause_breaks"]
    return [clause for clause in (_clean(part, language) for part in breaks.split(text or "") if part) if clause]


def read_message(text: str, language: str = "en") -> CallerWords:
    """The problem, address and access notes one message volunteers, clause by clause."""
    address = find_address(text, language)
    problems, notes = [], []
    for clause in _clauses(text, language):
        if find_address(clause, language):
            continue
        problem = _said("problem", clause, language)
        if _said("access", clause, language) and not problem:
            notes.append(clause)
        elif problem:
            problems.append(clause)
    joiner = "，" if language == "zh" else ", "
    return CallerWords(
        problem=joiner.join(problems) or None,
        address=address,
        access_notes=joiner.join(notes) or None,
    )


def problem_answer(text: str, language: str = "en") -> Optional[str]:
    """The reply to "what's the problem?": the problem clauses if any were found, else the whole reply."""
    found = read_message(text, language).problem
    if found:
        return found
    reply = _clean(without_address_and_phone(text, language), language)
    return reply if len(reply) >= (2 if language == "zh" else 3) else None


def access_notes_answer(text: str, language: str = "en") -> Optional[str]:
    """The reply to "anything the technician should know to get in?": "none" for a no ("ninguno", "没有"), else
    the caller's words."""
    reply = _clean(text or "", language)
    if not reply:
        return None
    languages = dict.fromkeys((language, "en"))
    if any(_words(each)["no_notes"].match(reply) for each in languages) and not _said("access", reply, language):
        return NO_ACCESS_NOTES
    return reply


def urgency_in(text: str, language: str = "en") -> Optional[str]:
    """"emergency" or "flexible" when the words say so; None leaves the default, "soon"."""
    text = text or ""
    if is_gas_danger(text):
        return EMERGENCY
    if _said("not_urgent", text, language):
        return FLEXIBLE
    if _said("urgent", text, language) or (_said("no_heat", text, language) and _said("cold", text, language)):
        return EMERGENCY
    if _said("flexible", text, language):
        return FLEXIBLE
    return None


def is_gas_danger(text: str) -> bool:
    """A gas smell or a carbon monoxide alarm: the caller must leave the house before anything else.

    Read in every language at once, whatever the conversation's language: a missed gas smell costs too much.
    """
    return any(words["gas"].search(text or "") for words in WORDS.values())


def _phrase_key(phrase: str, language: str = "en") -> str:
    skip = _words("en")["determiners"] | _words(language)["determiners"]
    return " ".join(singular(token) for token in tokenize(phrase) if token not in skip and token not in ",.;!?")


def _said_phrases(item: Item, language: str = "en") -> List[str]:
    return [key for key in (_phrase_key(phrase, language) for phrase in item.phrases(language)) if key]


def item_for_alias(alias: str, menu: Catalog) -> Optional[Item]:
    wanted = _phrase_key(alias)
    return next((item for item in menu.items if wanted in _said_phrases(item)), None)


def fee_items(menu: Catalog) -> Tuple[Optional[Item], Optional[Item]]:
    """The visit fee and the emergency surcharge this business charges, if its catalog has them."""
    return item_for_alias(VISIT_FEE_ALIAS, menu), item_for_alias(EMERGENCY_FEE_ALIAS, menu)


def _in_order(phrase: List[str], said: List[str], gap: int) -> bool:
    """The phrase's words in the order said, with at most `gap` other words between two of them."""
    for start, word in enumerate(said):
        if word != phrase[0]:
            continue
        at = start
        for wanted in phrase[1:]:
            window = said[at + 1 : at + 2 + gap]
            if wanted not in window:
                break
            at += 1 + window.index(wanted)
        else:
            return True
    return False


def match_service(text: str, menu: Catalog, language: str = "en") -> Optional[Item]:
    """The service the caller's words describe: the item whose name, alias or name in the caller's language is
    said at the greatest length.

    "my water heater is leaking" is water heater repair (not leak repair), "replace my water heater" the
    installation estimate, "热水器漏水了" water heater repair. English names are said word for word; Spanish and
    Chinese put words inside a name ("el fregadero de la cocina está tapado", "马桶又堵了"), so a few may come
    between its words. Fees are never matched; they are added by the ticket.
    """
    said = _phrase_key(text, language).split()
    gap = _words(language)["gap"]
    fees = {item.id for item in fee_items(menu) if item}
    best: Optional[Tuple[int, Item]] = None
    for item in menu.items:
        if item.id in fees:
            continue
        for phrase in _said_phrases(item, language):
            if _in_order(phrase.split(), said, gap) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), item)
    return best[1] if best else None
