"""Whether a message asks for a person: "can I talk to someone", "pásame con alguien", "转人工".

Asking for a person must work in any phrasing, at any point, mid-form included. The model's request_human
intent misses rare phrasings and loses to a form's intents on long messages, so the message itself is read
here in the three languages (handoff/person_request.py puts the answer on the NLU's intent). A question
about the assistant ("are you a real person?", "¿eres humano?", "你是真人吗"), a refusal ("I don't need a
person", "不用转人工") and a language request ("someone who speaks Spanish", which ask_language answers)
are not a request.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Pattern

from languages.chinese import simplified

# --- English (text folded: lower case, straight apostrophes) ------------------------------------------------
# Who a caller may ask for: anyone at the business, and (only to talk to) someone by trade, since "get a tech
# out" books a visit.
_EN_PEOPLE = (
    r"person|persn|prsn|people|human(?: being)?|hooman|someone|somebody|sombody|some1|anyone|anybody|manager|"
    r"owner|boss|staff(?: member)?|employee|agent|rep|representative|operator|receptionist|front desk|"
    r"customer (?:service|care|support)|supervisor|attendant|whoever|mgr|sum1"
)
_EN_TRADES = (
    r"stylists?|chefs?|cooks?|mechanics?|technicians?|tech|nurses?|cashiers?|concierge|team|guy|lady|folks|doctors?|"
    r"dr|plumbers?|electricians?|host|hostess|(?:service |parts |billing )?(?:dept|department)|physio(?:therapist)?s?|"
    r"therapists?|pharmacists?|reception|dispatch(?:er)?|billing|accounts"
)
_EN_ARTICLE = (
    r"(?:a |an |the |some |your |ur |one of (?:the|your|ur) |whoever'?s? )?(?:real |live |actual |human |proper |"
    r"store |shop |hotel |salon |restaurant )?"
)
_EN_WHO = _EN_ARTICLE + r"(?:" + _EN_PEOPLE + r")\b"
_EN_ANYONE = _EN_ARTICLE + r"(?:" + _EN_PEOPLE + r"|" + _EN_TRADES + r")\b"
_EN_TALK = r"\b(?:talk|tlk|tlak|tak|speak|spk|chat|speaking|talking|chatting)\s+(?:directly\s+|personally\s+)?(?:to|2|with|w/?|wit|con)\s+"
_EN_ASKS = re.compile(
    _EN_TALK + r"(?:" + _EN_ANYONE + r"|(?:him|her|them)\b)"
    + r"|\btransfer(?:red)?\s+(?:me\s+)?(?:to|over)\b|\btransfer\s+me\b|\bconnect\s+me\s+(?:to|with|w/?|2)\b"
    + r"|\bput\s+me\s+(?:through|on\s+with|in\s+touch)\b|\bpass\s+me\s+(?:on\s+)?to\b"
    + r"|\b(?:get|give|find|bring)\s+(?:me\s+)?(?:to\s+)?" + _EN_WHO
    + r"|\b(?:is|are)\s+(?:there\s+)?(?:someone|somebody|anyone|anybody|a\s+(?:real\s+)?person|a\s+human|a\s+manager|"
      r"staff)\b.*\b(?:talk|speak|help\s+me)\b"
    + r"|\b(?:put|get)\s+(?:" + _EN_ANYONE + r"|him|her|them)\s+on\b|" + _EN_ANYONE + r"\s+on\s+the\s+(?:phone|line)\b"
    + r"|\b(?:someone|somebody|a (?:real )?(?:person|human|employee)|(?:a |one of your )?staff(?: member)?|"
      r"the (?:manager|owner)|a human)\b(?:\s+\S+){0,5}?\s+(?:call|ring|text|reach out|get back|contact|reply|email|phone me|give me a (?:call|ring|shout))\b"
    + r"|\bforward\s+(?:this|my)\s+\w+\s+to\s+(?:a|an|someone|somebody)\b"
    + r"|\b(?:real|live|actual)\s+(?:person|human|agent|people|employee)\b|\b(?:someone|somebody|sum1|some1|anybody|anyone)\s+real\b"
    + r"|\b(?:need|want)\s+(?:to\s+(?:see|reach)\s+)?(?:the|a|your|ur)\s+(?:manager|owner|supervisor|boss|duty manager)\b"
    + r"|\b(?:someone|somebody|anyone|anybody)\s+(?:\w+\s+)?(?:pick up|answer)\s+(?:the\s+)?(?:phone|call|line)\b"
    + r"|\b(?:talk|speak)\s+(?:to|with)\s+\w+\s+(?:herself|himself|in person)\b|\bget\s+\w+\s+on\s+the\s+(?:line|phone)\b"
    + r"|\bhop\s+on\s+(?:the\s+phone|a\s+call|the\s+line)\b|\bescalate\b.*\b(?:human|person|manager|someone|supervisor)\b"
    + r"|\b(?:can|could|would|will)\s+(?:" + _EN_ANYONE + r"|one\s+of\s+(?:them|you))(?:\s+\S+){0,3}?\s+"
      r"(?:give me a (?:quick )?(?:call|ring)|call(?: me)?\W*$|call me|phone me|ring me|text me)"
    + r"|^\W*(?:human|hooman|agent|operator|representative|rep|person|customer service|manager|live agent)"
      r"(?:\s+(?:please|pls|plz|now))?\W*$"
    + r"|\b(?:need|want)\s+(?:a\s+)?(?:human|person)\b|\bwho'?s\s+in\s+charge\b"
    + r"|\b(?:a|a quick)\s+word\s+with\b|\bwho\s+(?:do|can|should)\s+i\s+(?:talk|speak)\s+to\b"
    + r"|\bask\s+" + _EN_ANYONE + r"\s+(?:a|some)\s+(?:quick\s+)?questions?\b"
    + r"|\b(?:rather|prefer|like to|want to|need to)\b.*\bwith\s+" + _EN_WHO
    + r"|\b(?:have|get|ask)\s+" + _EN_ANYONE + r"(?:\s+\S+){0,7}?\s+(?:call|ring|text|email|reach out|contact|get back)\b"
    + r"|" + _EN_ANYONE + r"(?:\s+\S+){0,6}?\s+call\s+(?:me|us)\s+back\b|\b(?:need|want|request|get)\s+a\s+call\s*back\b"
    + r"|\bcall\s*back\s+from\b"
    + r"|\b(?:a|an|some)\s+(?:real\s+)?(?:human|person|someone|employee)\s+(?:take over|step in|jump in|pick (?:this|it) up)\b"
    + r"|\bis\s+there\b[^?]*\b(?:someone|somebody|anyone|anybody|person|human|manager)\b[^?]*\b(?:talk|speak|help)\b"
    + r"|\bcomplaint\s+(?:with|to)\s+" + _EN_WHO
    + r"|^\W*(?:a|an)\s+(?:real\s+|actual\s+|live\s+)?(?:person|human)(?:\s+(?:please|pls|plz))?\W*$"
    + r"|^\W*mgr(?:\s+(?:please|pls|plz|now))?\W*$"
    + r"|\bpress(?:ing)?\s+(?:0|zero)\b|^\W*(?:(?:agent|operator|human|person|representative)\W*){2,}$"
    + r"|\b(?:don'?t|do\s+not|dont)\s+(?:want|wanna)\s+(?:to\s+)?(?:talk|speak|deal)\s+(?:to|with)\s+(?:a\s+|this\s+)?(?:machine|bot|robot|computer|recording)\b"
    + r"|\b(?:not\s+interested\s+in|done\s+with|sick\s+of|tired\s+of)\s+(?:the\s+|this\s+|your\s+)?(?:automated|bot|robot|machine|computer)"
    + r"|\b(?:person|human|people)\s+(?:yes|please|pls)\b|^\W*(?:anyone|anybody|someone|somebody)(?:\s+(?:there|home|around))?\W*$"
    + r"|\bwho\s+(?:can|could|do|should)\s+i\s+(?:actually\s+|really\s+)?(?:talk|speak)\s+(?:to|with)\b"
    + r"|\b(?:someone|somebody|anyone|anybody|person)\b.*\bwho\s+can\s+(?:pick up|answer|talk|speak|help)\b"
    + r"|\b(?:talk|talking|go)\s+(?:it|this|things|that)\s+(?:through|over)\s+with\s+" + _EN_WHO
    + r"|^\W*(?:can|could)\s+(?:he|she|they|you\s+have\s+(?:him|her|them))\s+(?:call|ring|phone)\s+me\b"
    + r"|\b(?:can|could|would)\s+my\s+(?:" + _EN_TRADES + r"|" + _EN_PEOPLE + r")\s+(?:call|ring|phone|text)\s+me\b"
    + r"|\bis\s+there\s+(?:a|an|any)\s+(?:" + _EN_TRADES + r"|" + _EN_PEOPLE + r")\b(?:\s+(?:or|and)\s+(?:a|an)\s+\w+)?"
      r"(?:\s+\S+){0,4}?\s+(?:i|we)\s+(?:can|could)\s+(?:talk|speak)\b"
    + r"|\b(?:need|want)\s+(?:someone|somebody|a\s+person)\s+(?:from|at)\s+the\s+\w+\s+to\s+(?:pick up|answer|call)\b"
)
_EN_NOT_A_REQUEST = re.compile(
    r"\b(?:are|r)\s+(?:you|u)\s+(?:a|an|real|human|actually|even|talking|speaking)\b|^\W*(?:you|u)\s+(?:a|an)\b|"
    r"\bam\s+i\s+(?:talking|speaking|chatting|texting)\b|\b(?:is|was)\s+(?:this|that|it)\s+(?:a|an)\b|"
    r"\bi'?m\s+(?:a|an)\b|\bi\s+am\s+(?:a|an)\b|"
    r"\b(?:is|are)\s+(?:a|any|there a)\s+(?:real\s+)?(?:person|human|people)\s+(?:reading|typing|answering|texting)\b|"
    r"\bdo\s+(?:you|u)\s+need\s+(?:a|an|someone|somebody|anyone)\b"
)
_EN_NOT = re.compile(r"\b(?:don'?t|do not|dont|doesn'?t|no need|not|never|without|no one|nobody)\b")

# --- Spanish (text folded: lower case, no accents) ----------------------------------------------------------
_ES_PEOPLE = r"persona|humano|ser humano|alguien|agente|operador[a]?|asesor[a]?|encargad[oa]|gerente|supervisor[a]?"
_ES_ROLES = (
    _ES_PEOPLE + r"|duen[oa]|jef[ea]|emplead[oa]|personal|recepcion(?:ista)?|atencion al cliente|representante|"
    r"responsable|mesero|dependiente|cajer[oa]|estilista|cocinero|chef|mecanico|tecnico|enfermer[oa]|staff|manager|"
    r"doctor[a]?|medic[oa]|senorita|muchach[oa]|chic[oa]|plomero|fontanero|fisioterapeuta|terapeuta|"
    r"miembro del personal|el que (?:este|esta) a cargo|quien (?:este|esta) (?:a cargo|encargad[oa])"
)
_ES_WHO = (
    r"(?:un |una |el |la |los |las |algun |alguna |su |sus |tu |ustedes )?(?:" + _ES_ROLES + r")s?\b"
)
_ES_ASKS = re.compile(
    r"\b(?:hablar(?:lo|la)?|ablar|hable|hablo|platicar|charlar|conversar)\s+(?:directamente\s+|personalmente\s+|un momento\s+|ya\s+|ahora\s+|ahorita\s+)?"
    r"(?:con|c/)\s*(?:" + _ES_WHO + r"|(?:el|ella|ellos)(?:\s+(?:directamente|personalmente|ahora|ya))?\s*$)"
    + r"|\b(?:comunic|pas|pon|pong|transfier|transfer|conect|contact)\w*\s+(?:me\s+)?(?:con|a)\s+" + _ES_WHO
    + r"|\bme\s+(?:pones|pone|pasas|pasa|comunicas|comunica|transfieres|transfiere|conectas|conecta)\s+con\b"
    + r"|\b(?:pase|pasa|comunique|comunica|ponga|pon|transfiera|conecte)(?:me|nos)\s+(?:directamente\s+)?(?:con|c/)"
    + r"|\b(?:dame|deme|denme)\s+con\b|\bcon\s+quien\s+(?:puedo|podria|debo)\s+hablar\b"
    + r"|\bhablar\s+con\s+\w+\s+(?:un momento|un momentito|un segundo)\b"
    + r"|\b(?:poner|ponga|pon|pongan)\s+(?:a\s+)?" + _ES_WHO + r".*\b(?:telefono|linea|aparato)\b"
    + r"|\bhay\s+(?:algun\s+|alguna\s+|un\s+|una\s+)?(?:ser humano|humano|persona)\b.*\b(?:ahi|alla)\b"
    + r"|\b(?:que|q)\s+" + _ES_WHO + r"\s+(?:me|m)\s+(?:llame|llamen|llamara|llamaran|atienda|atiendan|marque|contacte|devuelva)\b"
    + r"|\b(?:persona|humano|gente|agente)\s+(?:real|de verdad|de carne y hueso|en vivo)\b"
    + r"|\b(?:me|nos)\s+(?:puede\s+|podria\s+|pueden\s+)?(?:llam|atiend|atend|contest|devuelv)\w*\s+" + _ES_WHO
    + r"|\bme\s+(?:puede|podria|puedes|podrias|pueden)\s+(?:pasar|comunicar|poner|transferir|conectar)\s+con\b"
    + r"|\b(?:que|q)\s+(?:me|m)\s+(?:llame|llamen|llamara|llamaran|atienda|atiendan|atendiera|conteste|marque)\s+" + _ES_WHO
    + r"|\bqueja\s+con\s+" + _ES_WHO + r"|\bllamad(?:a|ita)\s+de\s+(?:alguien|una persona|" + _ES_WHO + r")"
    + r"|\bhay\s+(?:algun |alguna |un |una )?(?:" + _ES_PEOPLE + r")\s+disponible"
    + r"|\bhay\s+(?:alguien|una persona|un humano|algun encargado|un gerente)\b.*\b(?:hablar|atender|ayudar)"
    + r"|\bno\s+hay\s+(?:nadie|alguien|una persona|un humano)\s+que\b"
    + r"|\b(?:alguien|una persona|un humano|el gerente|el encargado|personal|emplead[oa])\b(?:\s+\S+){0,5}?\s+"
      r"(?:(?:me\s+)?(?:llame|llamen|atienda|atiendan|responda|contacte)\b|(?:devolver|devuelv)\w*\s+la\s+llamada|"
      r"(?:me\s+)?(?:pueda|puedan)\s+(?:atender|responder|ayudar|llamar)|se\s+pusiera\s+en\s+contacto|"
      r"(?:me\s+)?(?:puede|pueden|podria|podrian)\s+(?:atender|llamar|contestar|ayudar|responder|devolver))"
    + r"|\b(?:devuelva|devuelvan|devolver)\s+la\s+llamada\s+(?:una persona|alguien|un humano|el |la )"
    + r"|\balguien\s+que\s+me\s+(?:ayude|atienda|conteste|responda)\b"
    + r"|^\W*(?:con\s+)?(?:un |una |el |la )?(?:" + _ES_PEOPLE + r"|atencion al cliente|representante)"
      r"(?:\s+(?:por favor|porfa|porfavor|ya|real|de verdad))?\W*$"
    + r"|\b(?:quiero|necesito|prefiero)\s+(?:a\s+)?(?:un |una |el |la |al |a la )?(?:" + _ES_PEOPLE + r")\b"
    + r"|\b(?:talk|speak)\s+con\b"
    + r"|\bhablame\s+con\b|\b(?:pasarme|comunicarme|ponerme|conectarme|transferirme)\s+con\b"
    + r"|\bno\s+quiero\s+(?:hablar|tratar)\s+con\s+(?:una\s+|un\s+|esta\s+|este\s+)?(?:maquina|robot|bot|contestadora|grabacion|computadora)"
    + r"|\b(?:alguien|una persona)\s+de\s+carne\s+y\s+hueso\b"
    + r"|\bhay\s+(?:alguien|algun\w*\s+\w+|una persona|un\s+\w+)\b.*\bque\s+(?:me\s+)?(?:pueda|puedan)\s+(?:contestar|atender|responder|ayudar|llamar)"
    + r"|\bhay\s+" + _ES_WHO + r"\s+disponible"
    + r"|^\W*(?:me|m)\s+(?:puede|pueden|podria|podrian|puedes)\s+(?:llamar|marcar|devolver la llamada)\b"
    + r"|\b(?:dile|digale|diganle|dila)\s+a\s+(?:alguien|" + _ES_WHO + r")(?:\s+\S+){0,4}?\s+que\s+(?:me|m)\s+(?:marque|llame|hable|contacte)"
)
_ES_NOT_A_REQUEST = re.compile(
    r"\beres\b|\bya\s+hable\b|\bestoy\s+hablando\b|\bes\s+(?:un|una)\s+(?:persona|humano|robot|bot|maquina)\b|\bsoy\s+(?:un|una)\b|"
    r"\b(?:hay|esta)\s+(?:un|una|alguien)\s+(?:persona|humano)?\s*(?:leyendo|escribiendo|contestando)\b|"
    r"\bme\s+(?:esta|estas)\s+contestando\b|\b(?:si|cuando)\s+me\s+(?:atiende|atienden)\b"
)
_ES_NOT = re.compile(r"\b(?:no|sin|nunca|tampoco)\b")

# --- Chinese ---------------------------------------------------------------------------------------------------
_ZH_HUMAN = r"真人|人工|活人|真仁"
_ZH_PEOPLE = (
    _ZH_HUMAN + r"|客服|经理|老板娘|老板|店长|前台|店员|员工|工作人员|服务员|负责人|主管|接待|值班的人|值班的|店里的人|"
    r"你们的人|管事的|领导|同事|接线员|柜台|manager|boss|staff|front desk|human|agent"
)
# Trades only where the caller wants to speak to them: "安排师傅上门" books a visit.
_ZH_ROLES = _ZH_PEOPLE + r"|发型师|理发师|美甲师|厨师|师傅|技术员|护士|医生|导购|理疗师|药剂师|财务"
_ZH_WHO = r"(?:你们|你们的|店里的|店里|值班)?(?:" + _ZH_PEOPLE + r")"
_ZH_ANYONE = r"(?:[^，。？！?!,\s]{1,4}的)?(?:你们|你们的|店里的|店里|值班|酒店|餐厅|诊所)?(?:维修|修理|那位|那个)?(?:" + _ZH_ROLES + r")"
# Right after "I want / could I": "跟厨师说一下不要香菜" alone passes a message on, it does not ask for the chef.
_ZH_WANTS = r"(?:(?<=想)|(?<=要)|(?<=能)|(?<=我)|(?<=以)|(?<=是))"
_ZH_ASKS = re.compile(
    r"(?:转|transfer)\s*(?:接)?(?:到|给)?(?:一下)?\s*(?:" + _ZH_ANYONE + r"|人(?!吗))"
    + r"|转(?:接)?(?:到|给)?(?:一下)?[^，。？！?!,]{0,6}的(?:那个|那位)?(?:人|工作人员|师傅)"
    + r"|(?:找|揾|叫|要|换|请|让|喊|安排)\s*(?:一下|下|个|一个|一位|位)?\s*" + _ZH_WHO
    + r"|(?:跟|和|同|与)\s*(?:" + _ZH_HUMAN + r")|(?:揾|找)(?:个|一个)?真人(?:倾|讲|说|聊)"
    + r"|" + _ZH_WANTS + r"(?:直接)?(?:跟|和|同|与)\s*" + _ZH_ANYONE + r"(?:(?:或者|或|还是|和)" + _ZH_ANYONE + r")?"
      r"\s*(?:直接|当面|电话)?(?:说|讲|聊|谈|通话|沟通|确认|联系|商量|反映)"
    + r"|" + _ZH_WANTS + r"(?:跟|和)[^，。？！?!,]{0,8}的人(?:说|聊|谈|讲|沟通)"
    + r"|" + _ZH_WANTS + r"(?:跟|和)人(?:说|聊|谈|讲|沟通)"
    + r"|(?:" + _ZH_HUMAN + r"|人)(?:能|可以)?(?:跟|和)我(?:说|聊|谈|通话)"
    + r"|(?:想|要)(?:直接)?(?:跟|和)(?:他|她)(?:说|聊|谈)"
    + r"|(?:接通|接|联系|连线|转到)\s*(?:一下|个|一个)?\s*" + _ZH_ANYONE
    + r"|(?:让|叫|请)\s*" + _ZH_ANYONE + r"\s*(?:本人)?(?:来)?(?:给我|跟我|和我)?(?:回|打)(?:个|一个)?电话"
    + r"|(?:让|叫|请)\s*" + _ZH_ANYONE + r"\s*(?:本人)?(?:来)?(?:跟|和)我(?:说|聊|谈|讲)"
    + r"|(?:跟|和)\s*" + _ZH_ANYONE + r"本人(?:通话|说|聊|谈)"
    + r"|(?:找|叫|喊)(?:一下)?[^，。？！?!,]{0,8}的(?:那个|那位)?(?:人|师傅|工作人员)"
    + r"|有(?:没有)?(?:" + _ZH_HUMAN + r")|^\W*(?:喂\W*)*有(?:没有)?人(?:吗|啊|呀|嘛|么|没有|在吗)|说上话的人|能说话的人|管事的人"
    + r"|(?:找|叫|喊)(?:个|一个|下)?(?:人|活人|懂的人)(?:来|过来|接|说|聊|跟我|和我|帮我|给我|处理|帮忙|$)"
    + r"|换个人来(?:跟|和)我(?:说|聊)"
    + r"|" + _ZH_ANYONE + r"\s*(?:来)?(?:接|回|打)(?:一下)?(?:电话|我)"
    + r"|(?:让|叫)\s*(?:他|她|人)\s*(?:来)?接(?:一下)?电话|有(?:没有)?人(?:能|可以)?接(?:一下)?电话"
    + r"|" + _ZH_WHO + r"\s*(?:跟我联系|联系我|给我打|回复|回电|回个电话)"
    + r"|人工客服|真人客服|人工服务|转\s*(?:个|一个|一下)?\s*人工"
    + r"|(?:客服|人工|前台|经理|老板|店长|接线员)(?:在吗|在不在|在么)|换(?:个|一个)(?:真人|活人|人)(?=$|吧|啊|来跟|跟我|和我|说|聊)"
    + r"|(?:让|叫|请)\s*" + _ZH_ANYONE + r"\s*(?:亲自|本人)?(?:来)?(?:给我|跟我|和我)?(?:回|打)(?:个|一个)?电话"
    + r"|(?:让|叫|请)\s*[a-z\u4e00-\u9fff]{1,12}\s*(?:亲自|本人)?接(?:一下|个|一个)?电话"
    + r"|找(?:个|一个|一位|位)?" + _ZH_ANYONE + r"(?:跟我|和我)?(?:说|聊|谈|讲|沟通|商量)"
    + r"|找[^，。？！?!,]{0,10}的(?:店员|员工|工作人员|师傅|人)(?:问|聊|说)"
    + r"|" + _ZH_ANYONE + r"\s*(?:亲自)?(?:能|可以|能不能)?接(?:一下|个|一个)?(?:电话|吗)"
    + r"|" + _ZH_ANYONE + r"\s*(?:联系我|跟我联系|给我回电|回个电话)"
    + r"|给我回(?:个|一个)?电话|回我(?:个)?电话|叫(?:个|一个)?人出来|帮我转(?:接)?(?:一下|过去)(?:吧|啊|呗)?$"
    + r"|有(?:没有)?(?:值班的人|人)(?:能|可以)(?:帮|接|处理)"
    + r"|^\W*(?:麻烦)?(?:(?:人工|真人|客服|经理|老板|接线员)\W*)+(?:服务)?(?:吧|啊|呢|谢谢|麻烦了)?\W*$"
    + r"|(?:让|叫|请)(?:个|一个)?(?:人|店里人)(?:直接)?(?:给我|跟我|和我)?(?:打|回)(?:个|一个)?(?:电话|给我)"
    + r"|(?:让|叫|请)(?:个|一个)(?:人|真人)(?:来)?(?:跟|和)我(?:说|讲|聊|谈)"
    + r"|(?:可以|能|能不能|可不可以)接听|转去" + _ZH_ANYONE + r"|接到\s*" + _ZH_ANYONE
    + r"|(?:前台|客服|经理|老板|店里)有(?:没有)?人(?:吗|在吗|么|嘛|没有)$"
    + r"|(?:直接|能不能|可以|可不可以)(?:跟|和)(?:人|真人)(?:说|聊|谈|讲|沟通)"
    + r"|不要(?:自动回复|机器人|机器)|不想(?:跟|和)(?:机器|机器人)"
    + r"|有(?:人|个人|一个人)(?:能|可以)?(?:打电话|打个电话)(?:跟|和|给)我"
    + r"|(?:找|叫)(?:个|一个)?(?:人|认|仁)(?:来)?(?:跟我|和我|打电话|给我打)"
    + r"|(?:给|畀)(?:我)?(?:个|一个)?(?:真人|人工)"
    + r"|(?:能不能|可不可以|能否|可以)有(?:个|一个)?人(?:来)?(?:帮我|处理|接|跟我|和我)"
    + r"|(?:让|叫|请)\s*(?:店里人|店里的人)(?:联系|打给|回)"
)
_ZH_NOT_A_REQUEST = re.compile(
    r"帮我(?:跟|和|给)[^，。？！?!,]{0,6}(?:说|讲)(?!话)|你是|是不是真人|是真人吗|真人在|是人还是|是机器人|在跟谁|在跟真人|真人聊天吗|人工费|人工多少|(?:昨天|之前|上次|刚才|已经)有人(?:跟|和)我(?:说|讲)"
)
_ZH_NOT = re.compile(r"不用|不需要?|不必|别|不要|不想|没必要")


@dataclass(frozen=True)
class _Language:
    asks: Pattern
    not_a_request: Pattern
    negation: Pattern
    # How much of what comes before the request a negation may sit in: "I don't need to talk to anyone", but
    # "no quiero esperar, quiero hablar con alguien" still asks.
    before: Callable[[str], str]


def _last_words(count: int) -> Callable[[str], str]:
    return lambda text: " ".join(text.split()[-count:])


_LANGUAGES = (
    _Language(_EN_ASKS, _EN_NOT_A_REQUEST, _EN_NOT, _last_words(4)),
    _Language(_ES_ASKS, _ES_NOT_A_REQUEST, _ES_NOT, _last_words(3)),
    _Language(_ZH_ASKS, _ZH_NOT_A_REQUEST, _ZH_NOT, lambda text: text[-3:]),
)
_NAMES_A_LANGUAGE = re.compile(
    r"\b(?:english|spanish|chinese|mandarin|cantonese|ingles|espanol|castellano|chino)\b|中文|英文|英语|西班牙|普通话|国语"
)
_CLAUSE = re.compile(r"[,.;!?¿¡，。；！？]")


def _folded(text: str) -> str:
    """Lower case, no accents, straight apostrophes, simplified characters: how the patterns are written."""
    text = simplified(text.lower().replace("’", "'").replace("‘", "'"))
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


def _asks_in(clause: str) -> bool:
    if _NAMES_A_LANGUAGE.search(clause):
        return False
    for language in _LANGUAGES:
        if language.not_a_request.search(clause):
            continue
        for found in language.asks.finditer(clause):
            if not language.negation.search(language.before(clause[: found.start()])):
                return True
    return False


def asks_for_person(text: str) -> bool:
    """True when a clause of the message asks to be put through to a person, in any of the languages (a
    caller may ask in English in a Spanish conversation)."""
    clauses = (clause.strip() for clause in _CLAUSE.split(_folded(text or "")))
    return any(_asks_in(clause) for clause in clauses if clause)


_MENTIONS_PERSON = re.compile(
    r"\b(?:person|persn|people|human|hooman|someone|somebody|anyone|anybody|staff|manager|owner|boss|agent|operator|"
    r"representative|rep|receptionist|front desk|employee|machine|robot|bot|computer|automated|recording|"
    r"persona|humano|alguien|encargad[oa]|gerente|duen[oa]|jef[ea]|emplead[oa]|recepcion|operador[a]?|maquina|"
    r"maquinas|robots?|contestadora|grabacion)\b"
    r"|人工|真人|活人|客服|前台|经理|老板|店员|员工|工作人员|负责人|机器|自动回复|(?:找|叫|让|有|跟|和|给)(?:个|一个)?人"
)


def mentions_person(text: str) -> bool:
    """Whether a message the model could not place mentions people or the machine at all ("whos there, a
    human??", "不要机器"): not understood and about a person, it is safest read as wanting one."""
    return bool(_MENTIONS_PERSON.search(_folded(text or "")))
