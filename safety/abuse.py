"""Hears abuse aimed at the business in what a caller says: insults and harassment, threats, sexual content.

What matters is the target. Swearing about a situation ("my damn phone broke", "esta maldita tubería",
"他妈的水管又爆了") is a customer having a bad day and is never abuse; the same words aimed at the person
or the assistant ("you stupid bitch", "eres un pendejo", "你是傻逼") are. So insults are read as a word
aimed at "you" (or at the bot, staff, the business), threats as a harm the caller says they will do to
someone or to the place, and sexual content by words and propositions that have no business meaning.
Every language is checked in every conversation: an abusive caller often switches.
"""

import re
import unicodedata
from typing import Optional, Tuple

from languages.chinese import simplified

INSULT, THREAT, SEXUAL = "insult", "threat", "sexual"

_YOU = r"(you|u|ya|youre|you re|ur|yo)"
_INSULT_WORDS = (
    r"(stupid|idiot|idiots|idiotic|moron|morons|dumb|dumbass|retard|retarded|bitch|bitches|asshole|assholes|arsehole"
    r"|piece of (shit|crap|garbage|trash)|son of a (bitch|whore)|loser|losers|worthless|pathetic|cunt|cunts"
    r"|dickhead|twat|prick|bastard|whore|slut|scum|clown|clowns|jackass|dipshit|shithead|douche|douchebag"
    r"|imbecile|brain ?dead|waste of space|pig(?! out)|pigs|cow|hag|skank)"
)
_STRONG_INSULT_NOUNS = (
    r"(bitch|bitches|asshole|arsehole|idiot|moron|retard|cunt|dickhead|twat|prick|bastard|whore|slut|jackass"
    r"|dipshit|shithead|douche|douchebag|dumbass|loser|imbecile|skank)"
)
ENGLISH_INSULTS = (
    rf"\bf+u+c*k+ (off|{_YOU}|yourself|yourselves|this place|all of you|your (shop|store|place|restaurant))\b",
    r"\b(fck|fk|fuk|fuq|f\W*ck|eff) (you|u|off|yourself)\b",
    rf"\b(screw|damn|to hell with) {_YOU}\b",
    r"\bgo (to hell|die|fuck yourself|screw yourself|kill yourself)\b",
    r"\b(kill yourself|kys|die in a (fire|hole)|drop dead)\b",
    r"\b(stfu|gtfo|shut (the fuck|the hell) up|shut (your|ur) (damn |stupid |fucking )?(mouth|face|trap))\b",
    r"\b(eat shit|kiss my (ass|arse)|blow me|bite me|suck it)\b",
    rf"\b{_YOU} (are|r|re|is)? ?(a |an |such a |such an |so |one |just a |just an |the |all |all just )?((fucking|fuckin|fkn|damn|dumb|stupid|useless|worthless|total|complete|real|little|lazy|ugly|fat|absolute|bloody|brainless|sorry|sad|talentless|incompetent|inbred|bunch of|pack of) )*{_INSULT_WORDS}s?\b",
    r"\b(shes|hes|she is|he is|theyre|they are|that) (a |an |such a |just a )?((fat|ugly|stupid|dumb|lazy|little|fucking|useless|brainless|talentless|old) )*(bitch|cow|skank|whore|slut|cunt|retard|dumbass|moron|idiot|hag|pig)\b(?! (of a|pipe|drain|phone|printer|heater|toilet|laptop|dog|cat))",
    r"\blike the (idiot|moron|bitch|cow|retard|clown|dumbass|skank) (she|he|you|they) (is|are)\b",
    r"\b(stupid|dumb|useless|worthless|fucking|fuckin|fkn|shitty|crappy|retarded|pathetic|idiot|moronic|brainless) (ass )?(bot|robot|ai|bitch|bitches|idiots?|assistant|operator|cow|hoe|ho|whore|slut|retard|cunt|prick|bastard|morons?|clowns?|losers?|excuse for a)\b",
    rf"\b(listen|hey|look|ok|okay|yeah|shut up|hello|dear|move it|hurry up),? (you )?{_STRONG_INSULT_NOUNS}\b",
    r"\b(the )?(dimmest|dumbest|stupidest|most (ignorant|incompetent|useless|stupid|brainless)) (person|man|woman|people|employee|girl|guy)\b"
    r"|\bdo you (recruit|hire) (from|at) the bus stop\b|\b(read|say) it (out )?to (him|her) slowly\b",
    r"\b(bitch|cunt|whore|slut|retard|faggot|fag|asshole|jackass|dumbass|dickhead|twat|prick),? (you|u|listen|get|give|put|stop|just|take|answer|are)\b",
    r"\b(your|ur|yo) (mother|mom|mama|momma|mum) (is a|is so|sucks|so)\b",
    r"\b(fuck|screw) (your|ur) (mother|mom|mama|mum|family|business|shop|restaurant|salon|store)\b",
    r"\b(n[i1]gg(er|a|ers|as)|f[a@]gg?ots?|chinks?|spics?|wetbacks?|beaners?|trann(y|ies)|kikes?|gooks?|ching chong)\b",
    r"\b(i hope|hope) (you|u|ur|your) (die|rot|burn|get cancer|choke)\b",
    r"\b(you|u) (people|guys|lot|all) (are|r) ((fucking|so|such|total|all) )*(stupid|idiots|morons|useless|trash|garbage|scum|animals|retarded|incompetent|worthless|pathetic|clowns)\b",
    r"\b(no one|nobody) (likes|wants|cares about) (you|u)\b",
    r"\b(dumb|stupid|retarded|brain ?dead|inbred|fat|ugly) (ass )?(receptionist|girl|bitch|broad|bimbo|cow|cashier|waitress|idiot|clowns?|losers?|goblin|hag|pig|skank)\b",
    r"\b(is (she|he)|are (they|you)) (retarded|brain ?dead|mentally retarded|an idiot|a moron|deaf and dumb)\b",
    r"\bbunch of ((ugly|talentless|fat|lazy|stupid|dumb|worthless) )+(losers|idiots|morons|clowns|pigs|hacks)\b|\bdisgusting pig\b",
    r"\b(maquina|robot|bot) (estupida|idiota|inutil|de mierda)\b|\bvoz (mas )?(tonta|estupida|idiota)\b",
    r"\b(bimbo|diversity hire|waste of (oxygen|space|air)|inbred|mouth ?breath(ing|er)|glorified (microwave|toaster|calculator)|discount siri)\b",
)
ENGLISH_THREATS = (
    r"\b(i(ll| will| would| am going to|m going to|m gonna| am gonna| gonna|ma|mma)|we(ll| will| are going to|re gonna| gonna)"
    r"|gonna|going to) (come (down |over |back |in )?(there |to your (place|shop|store|restaurant) )?(and )?)?"
    r"(kill|murder|shoot|stab|hurt|beat|beat up|bash|punch|smack|slap|strangle|choke|torch|burn|burn down|bomb|blow up|firebomb"
    r"|smash|smash up|wreck|rape|hunt down|fuck (you|u|ya|them|him|her|everyone) up) "
    r"(you|u|ya|yall|all of you|everyone|everybody|him|her|them|the (staff|owner|manager|chef|cook|girl|guy|lady|cashier|workers?"
    r"|place|shop|store|restaurant|salon|clinic|building|hotel)|your (\w+ )?(staff|owner|manager|boss|family|kids|wife|husband|place"
    r"|shop|store|restaurant|salon|clinic|building|hotel|face|car|house|workers?|employees?|tech|technician|plumber|stylist|driver"
    r"|cook|chef|throat|legs?|kneecaps?|head|windows))\b",
    r"\b(i(ll| will|m gonna| am gonna)|gonna) (find|hunt) (you|u|ya|your (\w+ )?(owner|manager|family|staff))( down)?\b",
    r"\b(burn|blow|shoot|bomb|torch|light) (up )?(your|the|that) (\w+ )?(place|shop|store|restaurant|salon|clinic|building|hotel|pizzeria|joint)( \w+)? (down|up)\b",
    r"\b(burn|blow|shoot|bomb|torch|firebomb) (it|this place|that place|the whole (place|thing|block)) (down|up)\b",
    r"\b(theres|there is|i planted|i put|i left|i have|i got|we have|placed) an? (bomb|explosive|device|pipe bomb)\b",
    r"\b(bomb|explosive|explosives|pipe bomb) (in|at|under|inside|near) (your|the|ur)\b",
    r"\bi know where (you|u|ya|your (\w+ )?\w+) (live|lives|work|works|park|parks)\b",
    r"\b(watch|better watch) (your|ur) back\b",
    r"\b(youre|you are|ur|u r|you will be|youll be) (so )?(dead|a dead (man|woman))\b",
    r"\b(you|u) (will|gonna|are going to|re gonna) (die|bleed|get hurt)\b",
    r"\b(shoot up|shooting up) (the|your|ur)\b",
    r"\b(store|shop|place|restaurant|salon|clinic|building|hotel|joint) (is )?(going to|gonna|will) (burn|blow up|explode|go up in flames)\b",
    r"\bi know (what|which) (car|van|truck) (he|she|they|you) (drives?|has)\b|\bi know (what|which) (car|van|truck) is (his|hers|yours)\b",
    r"\b(want|give me|tell me|need) (his|her) (name and |home )?(address|where (he|she) lives)\b",
    r"\b(followed|follow|following) (her|him|them|you) home\b",
    r"\bgas can\b.{0,80}\b(burn|lock up|fire|light)\b",
    r"\b(coming|come|go|going|walk|walking|show up)( in| down| over| back)?( there| in there)? with (my|a) (gun|knife|bat|rifle|shotgun|glock)\b",
    r"\b(tell|let) (him|her|them)\b.{0,40}\b(better (watch|be careful|get ready)|watch (himself|herself|themselves|(his|her|their) back)|get ready for the hospital|sleep with one eye)\b",
    r"\b(watch (himself|herself|themselves)|get ready for the hospital|not leaving on (his|her|their) own (two )?feet|need (an ambulance|a hospital bed))\b",
    r"\b(windows are made of glass|be a shame if)\b|\bburns? (real )?(fast|quick|easy|nicely|good)\b",
    r"\b(his|her|their) (plate number|licen[cs]e plate|home address)\b|\bi know the (van|car|truck)\b",
    r"\bwhat time does (her|his|their) shift end\b|\b(take|takes) the bus or (does )?(somebody|someone) pick (her|him) up\b",
    r"\b(fertili[sz]er|ammonium nitrate) and (diesel|fuel|gas)\b",
    r"\b(coming|come|comin|swing) (by|over|down)\b.{0,30}\b(w|with) (a|my) (bat|crowbar|hammer|gun|knife|pipe)\b",
    r"\b(hospital food|put (his|her) face back together|(he|she)(s| is)? gonna need (stitches|a doctor))\b",
    r"\b(waiting|wait) (by|at|outside) the (back|front|side) door\b.{0,40}\b(when|till|until) (he|she) (gets off|leaves|comes out)\b",
    r"\b(my|ive got a|i have a|got my) (gun|glock|knife|piece|rifle|bat|shotgun)\b.{0,40}\b(you|u|your|ur|the staff|the owner|come|coming|there|use it)\b",
    r"\b(wait|see) (till|until) i (get|come) (down )?there\b.{0,30}\b(kill|hurt|beat|wreck|smash)",
    r"\b(ill|i will|im gonna|gonna) make (sure )?(you|u) (pay|suffer|bleed|disappear)\b.{0,20}\b(hurt|blood|kill|gun|knife|find you)?",
    r"\b(ill|i will|im gonna|gonna|going to|well|we will) (\w+ )?(break|snap|bust|smash) (both )?(his|her|your|ur|their|ya|that \w+s|the \w+s) (\w+ )?"
    r"(legs?|arms?|neck|jaw|face|nose|knees?|kneecaps?|teeth|fingers|skull)\b",
    r"\bbrick\b.{0,30}\b(through|window|windows|glass)\b",
    r"\bi know (what time|when) (he|she) (locks? up|gets off|leaves|finishes|walks to|heads home)\b"
    r"|\b(wont|will not|isnt|is not) (be )?(walking|going|getting) (to it|home|out|to (his|her|their) car) alone\b",
    r"\bsee how (he|she|they|you) (likes?|like) (his|her|their|your|ur) (\w+ )?(inventory|store|shop|place|car|house|stock|windows)( then)?\b",
    r"\b(youll|you will|yall will|you are all going to|youre all gonna)( all)? regret (that|this)\b"
    r"|\bnobody\b.{0,40}\b(gonna|going to|will) be laughing\b",
    r"\b(where|which school) (your|his|her|their) (kids|children|son|daughter|family) (go|goes|attend|attends|live|lives)\b"
    r"|\b(post|put|share) (it|this|that|everything|all of (it|this)) (online|on the internet)\b.{0,60}\b(find|where)\b",
)
ENGLISH_SEXUAL = (
    r"\bsuck (my|on my|me off)\b",
    r"\b(send|show|give) (me )?(some |ur |your )?(nudes|nude pics|naked pics|tits|boobs|pussy|feet pics)\b",
    r"\b(what are|what r|wat r|wat are|whatcha) (you|u) wearing\b",
    r"\b(sexy|horny|naughty|seductive|sensual) (voice|girl|lady|body|mama|baby|babe)\b|\bhot (voice|body|mama|babe)\b",
    r"\b(wanna|want to|wanna go|lets|gonna|id like to|i want to|would you) (fuck|bang|screw|hook up|have sex|sleep with|do it with|smash|69|sixty nine|make out|get naked)\b",
    r"\bhave sex with (you|u|me)\b",
    r"\b(blow ?job|hand ?job|rim ?job|happy ending|dick pic|cock|cum|jerk(ing)? off|jack(ing)? off|masturbat\w*|orgasm\w*|dildo|porn\w*|horny|titties|boobies|pussy)\b",
    r"\b(im|i am) (so )?(horny|touching myself)\b",
    r"\b(sit on my (face|lap|dick)|ride (me|my)|bend (you|u) over|spank (you|u|me)|lick (my|your|ur|u))\b",
    r"\b(talk dirty|moan for me|touch yourself|strip for me|take (your|ur) clothes off)\b",
    r"\b(your|ur) (tits|boobs|ass|body|lips|legs|mouth) (are|is|look|looks|sound|sounds)\b",
    r"\b(suck|lick|blow) me\b",
    r"\b(come up|come over|come in) to my room\b|\bmake it worth (her|his) while\b|\bif you catch my drift\b"
    r"|\b(wear|wearing) (something|nothing) (tight|short|sexy|revealing|low cut|under)\b|\blow cut top\b"
    r"|\b(nice|great|big|fat) (rack|ass|butt|tits|boobs)\b|\b(answer|open) the door in (a|my) (towel|underwear|boxers)\b"
    r"|\b(send|give|text) (me )?(a |some )?(pic|pics|photo|photos)( of (her|him))?\b.{0,30}\b(full body|spicy|her|him)\b"
    r"|\bpics? of her\b|\bthe spicy kind\b|\bmassage everything\b|\binspect my hardware\b",
    r"\bnothing on under\b|\b(comes|come) inside and stay(s)? a while\b|\b(undress|undresses) me\b|\bwith the door locked\b"
    r"|\bnudes of me\b|\b(go thru|go through) (them|my nudes)\b",
    r"\b(her|him|you) naked\b|\b(already be|be|get) (naked|undressed) (when|for|waiting)\b|\bkeep me company\b.{0,30}(;\)|wink|bed|night)",
    r"\bmake it (very |really |well |real )?worth (her|his|your|ur) (while|time)\b",
    r"\b(arrange|send|get|find|bring) (me )?(some )?(company|a girl|girls|a woman|an escort|escorts) (for|to|up to) (the night|tonight|my room)\b"
    r"|\bsome company for the night\b",
    r"\b(he|she) knows how to handle a big one\b|\bdeliver (his|her) (sausage|meat|buns)\b",
    r"\b(like|love|enjoy) (watching|looking at|seeing) (her|him|you) (bend|lean|in those|in that|in her|in his)\b"
    r"|\b(bend|lean)(s|ing)? over\b.{0,40}\b(in those|in that|scrubs|uniform|skirt|tight)\b",
    r"\U0001F60F.{0,80}\b(cute|hot|sexy|voice|driver|girl|guy|her|him|handle|door|personally)\b"
    r"|\b(cute|hot|sexy|voice|driver|girl|guy)\b.{0,80}\U0001F60F",
)

SPANISH_INSULTS = (
    r"\b(vete|vayase|vayanse|vallanse|valla|ve|andate|anda|idos|iros) (a la|al) (mierda|verga|chingada|carajo|porra|diablo|infierno|goma)\b",
    r"\b(chinga|chingue|chingen|chingas|chinguen) (a )?(tu|su|sus|tus) (madre|madres|mama|jefa)\b",
    r"\b(tu|su) (puta|pinche|reputa) (madre|mama|vieja|hermana)\b",
    r"\bla (puta|reputa|perra) que (te|los|las|les|lo) pario\b",
    r"\bhij[oa]s? de (puta|perra|tu|su|la gran|mil|la chingada)\b",
    r"\b(pendej[oa]s?|imbecil(es)?|gilipollas|subnormal(es)?|malparid[oa]s?|mamon(es)?|culer[oa]s?|maricon(es)?|joto|culo roto"
    r"|comemierda|come mierda|retrasad[oa]s? mental(es)?|mongolic[oa]s?|pelotud[oa]s?"
    r"|pinche (bot|robot|maquina|vieja|pendej[oa]|idiota|gata|naca|indio|perra))\b",
    r"\b(que te|que les|que los) (jodan|den|folle|follen|cojan|parta un rayo|lleve el diablo)\b",
    r"\bcierra (el pico|el hocico|la jeta)\b|\bcallate (la boca|el hocico|pendej)",
    r"\b(bot|robot|maquina|gente|empleados?|viejas?) de (mierda|quinta|porqueria)\b",
    r"\b(eres|es usted|ustedes son|son ustedes|son unos|son unas|sos|estas) (un[oa]?s? )?((pinche|puto|puta|maldit[oa]|reverendo|gran|tremend[oa]|completo|muy|tan|bien) )*"
    r"(idiota|idiotas|estupid[oa]s?|pendej[oa]s?|imbecil|tonto|tonta|tontos|burro|burra|basura|mierda|animal|animales|payaso|payasos|retrasad[oa]s?|perra|zorra|put[oa]"
    r"|inutil|inutiles|mens[oa]s?|babos[oa]s?|cerd[oa]s?)\b",
    r"\b(es|son) (un|una|unos|unas) (inutil|cerd[oa]|idiota|estupid[oa]|imbecil|pendej[oa]|amargad[oa]|mens[oa]|babos[oa])s?\b"
    r"|\bla persona mas (ignorante|estupida|inutil|tonta|incompetente|idiota)\b|\bvoz de (mens[oa]|idiota|tont[oa]|retrasad[oa])\b"
    r"|\bcara de (amargad[oa]|idiota|tont[oa]|mens[oa])\b",
    r"\b(tu|su|tus) (madre|mama|vieja|hermana) (es|era) (una )?(puta|perra|zorra)\b",
    r"\bme cago en (tu|su|vuestra) (madre|puta madre|familia|negocio|tienda)\b|\bme cago en (tus|sus) muertos\b",
    r"\b(ojala|espero que) (te|se|les) (mueras|muera|mueran|pudras|pudran)\b",
    r"\b(sudaca|panchito|chino cochino|negro de mierda|mojado de mierda)\b",
)
SPANISH_THREATS = (
    r"\b(te|los|las|les|lo|la|le) (voy|vamos|va|van) a (matar|partir|romper|quemar|madrear|partir la madre|rajar|reventar|balacear|picar"
    r"|apunalar|sacar la madre|desaparecer|encontrar|cazar|golpear|pegar|violar|chingar)\b",
    r"\b(voy|vamos|va|van) a (quemar|incendiar|volar|balacear|explotar|matar|hacer explotar|prenderle fuego a|destrozar|reventar) "
    r"(tu|su|el|la|ese|esa|todo|a tus?|a sus?|a todos|a la|al) ?(\w+ )?(negocio|local|tienda|restaurante|pizzeria|salon|changarro|hotel"
    r"|clinica|taller|familia|empleados|casa|dueno|duena|todos|gente|edificio|lugar|cara)\b",
    r"\b(hay|puse|tengo|deje|traigo|dejamos|pusimos) una bomba\b|\bbomba en (tu|su|el|la)\b",
    r"\bse donde (vives|vive|viven|trabajas|trabaja|trabajan)\b",
    r"\b(te|los|les) (mato|matamos|parto la madre|rompo la madre|quemo|reviento)\b",
    r"\b(estas|estan) muert[oa]s?\b",
    r"\b(va|van) a (arder|explotar|volar por los aires)\b",
    r"\b(quiero saber|dime|digame|deme) (donde|en donde) vive\b",
    r"\b(bidon|lata|galon|garrafa) de gasolina\b",
    r"\b(la|lo|los|las) (segui|seguimos) (hasta su casa|a su casa)\b",
    r"\bya se (cual|que) (es su )?(camioneta|carro|coche|auto)\b",
    r"\b(que|q) se (cuide|vaya despidiendo|ande con cuidado)\b|\b(le|te|les) quedan? dos telediarios\b",
    r"\b(se|ya se|ya me pasaron|me pasaron) (donde|en que esquina|a que hora) (vive|viven|parquea|deja|estaciona|trabaja|sale)\b",
    r"\b(mochila|paquete|regalito)\b.{0,60}\b(nadie (la|lo) toque|no (la|lo) toquen|explot\w*)\b",
    r"\b(os|les|te) (reviento|revienta|quemo|pego fuego)\b|\bpego fuego\b|\bartefacto explosivo\b|\bva a estallar\b",
    r"\bva a necesitar (un medico|una ambulancia|un hospital)\b|\b(vidriera|vitrina|escaparate)\b.{0,60}\b(piedra|ladrillo)\b",
    r"\b(cuidate|cuidense|cuide) (la espalda|las espaldas|mucho porque)\b",
    r"\b(les|te|le) (va|van) a (llover|cargar) (plomo|balas)\b",
    r"\b(tengo|traigo|cargo) (una )?(pistola|fierro|cuete|arma|navaja|cuchillo)\b.{0,40}\b(voy|ahi|alla|para ti|pa ti|usted|ustedes|te|los)\b",
    r"\b(les|te|le|os) (rompo|parto|quiebro|reviento) (la|el|las|los) (tienda|local|cara|madre|hocico|negocio|boca|piernas|jeta|crisma)\b",
    r"\b(seria|sera) una (lastima|pena)\b.{0,40}\b(amanecieran|aparecieran|quedaran|terminaran|acabaran)\b.{0,20}\b(rot|quem|destroz|quebr)",
    r"\b(el colegio|la escuela) de (sus|tus) hij[oa]s\b|\bsu direccion particular\b",
    r"\b(os vais|se van|te vas|van|vais) a arrepentir\b|\bya me (vereis|veran|veras) volver\b",
)
SPANISH_SEXUAL = (
    r"\b(mamada|mamadita|chupamela|chupala|chupame|chupar(te|la|me)|mamar(te|me|mela)|sexo oral|tener sexo|hacer el amor"
    r"|cogerte|cogernos|follarte|follarnos|cojamos|follemos)\b",
    r"\b(fotos?|videos?|pack) (sin ropa|desnud[oa]s?|hot|intim[oa]s?)\b|\b(manda|mandame|pasame|ensename) (el|tu|un) pack\b",
    r"\b(en calzones|en tanga|encuerad[oa]s?)\b|\b(manda|mandame|quiero|ver(te)?) (fotos )?(desnud[oa]|sin ropa)\b",
    r"\b(tetas|tetitas|chichis|nalgas|culito|verga parada|panocha|porno)\b",
    r"\bque (llevas|traes|tienes) puesto\b",
    r"\b(voz|cuerpo|boca) (sexy|sensual|rica)\b|\b(mami|mamacita|mamita) (rica|sabrosa|caliente)\b",
    r"\b(estoy|me tienes|me pones) (bien |muy )?(cachondo|cachonda|excitad[oa]|caliente contigo)\b|\bme pones (bien |muy )?caliente\b",
    r"\bfinal feliz\b",
    r"\bsin (sosten|brasier|bra|calzones|ropa interior)\b|\b(se quede|quedarse) a dormir\b|\b(que se agache|agacharse)\b|\bverle todo\b"
    r"|\b(comerme otra cosa|ahi abajo|sin guantes|me pone (mucho|muchisimo|cachondo)|ir calentando|piernas largas|en bikini)\b"
    r"|\b(se quite|quitese|quitate) (la bata|la ropa)\b|\bdesabrochad[oa]\b",
    r"\bviene incluida con la habitacion\b|\b(suba|venga|vaya) a (la cama|mi cama|mi cuarto)\b|\bhacerme compania\b|\ben lenceria\b",
    r"\b(sin calzones|sin ropa interior|buenota|que me toque todo|me toque todo el cuerpo|sin nada debajo)\b",
    r"\b(quiero|queremos|vamos a|me gustaria) (coger|follar|tirar|culiar|cogerte|follarte|chuparte|comerte|tocarte|besarte)\b",
    r"\b(piernotas|masajito|nalguitas)\b|\bvoz (tan |bien |muy )?(rica|sexy|sabrosa|caliente)\b|\bcuerpo (tan |bien |muy )?(sexy|rico|sabroso)\b"
    r"|\bfotos? sin (el uniforme|ropa|nada)\b",
    r"\b(consegu|mand|traer|tra)\w* (una |unas |alguna )?(muchacha|chica|nina|mujer|chava|compania|acompanante)s? para (la noche|esta noche|mi cuarto|mi habitacion)\b",
    r"\bcomer(me)? otra cosa\b|\b(le|te) abro en (bata|toalla|calzones|ropa interior)\b|\bme encanta como (le|te) queda (el uniforme|la falda|esa ropa)\b"
    r"|\ba solas y con la puerta cerrada\b",
)

CHINESE_INSULTS = (
    r"傻[逼比屄bB]|煞笔|沙比|傻叉|傻缺|二逼",
    r"操你|肏你|草泥马|草你[妈娘]|日你[妈娘先]|干你[妈娘]|你[妈娘]的|去你[妈娘]的|你[妈娘]逼|你[妈娘]死了|死[妈全]家|死妈|全家死",
    r"(^|[，。！!,.?？\s])滚(蛋|开|出去|犊子|一边去)?([，。！!,.?？\s]|$)|给我滚|滚吧|你滚",
    r"(你|你们|客服|机器人|老板|店员)(就|真|真的|简直|都)?(是|像|真)(个|一群|一帮|一个|条|头)?(猪|蠢猪|猪头|狗|垃圾|有病|神经病|不要脸)",
    r"(你|你们)(有病|脑子有病|不要脸|神经病啊)",
    r"(白痴|弱智|脑残|蠢货|废物|贱人|婊子|狗东西|王八蛋|混蛋|畜生|智障|人渣|贱货|狗日的|狗娘养的|杂种|龟孙)",
    r"垃圾(机器人|客服|老板)|你们?(就是|真是|是)(一堆|一群)?垃圾",
    r"(你|你们)(去死|怎么不去死)|不得好死",
    r"(你|你们)(他妈|tm)(的)?(是|就是|真|有病|傻|蠢|聋)|你算什么东西|你懂个屁",
    r"老不死|娘娘腔|二椅子|死胖子|胖成猪|看着就恶心|脑子里装的都是|乡巴佬|滚回老家|小白脸|nmsl|cnm",
    r"长得(还|真|也)?(那么|这么|太)?丑|不配(拿|当|做|干)|回乡下种田|最没脑子|没脑子的人|(初中|小学)都没(念|读|上)完|(她|他|你|小妹)(真|就是|也太)?手残",
)
CHINESE_THREATS = (
    r"(我|老子|我们)(要|会|就|去|想|迟早|非)?.{0,4}炸(了|掉|死|平|飞|烂)?(你|你们|你家|你的|这家|那家)|炸(了|掉|平)(你的|你们的)",
    r"(把|要把)(你|你们)?(的)?(店|餐厅|饭店|门店|理发店|沙龙|诊所|酒店|铺子|公司|家)(给)?(炸|烧|砸|拆)",
    r"炸弹|放火|纵火|烧(了|掉)(你|你们)(的|家)",
    r"(杀|砍|弄|整|打|捅|揍)(死|残|废)(你|你们|他们|你全家|老板)|(杀|砍)了(你|你们)|(做掉|干掉)(你|你们)|(杀|砍|捅|揍|打)(你|你们)全家|要你(的)?(狗)?命|让你(们)?(好看|见血|付出代价)",
    r"我知道你(们)?(住|家|在)(哪|哪里|什么地方)",
    r"你(们)?(给我)?等着(瞧)?[，。！!,]?(我|老子)?(去|来|会|要)?(收拾|弄死|砸|炸|杀|砍)",
    r"(我|老子|我们)(要|会|就|去|马上|现在)?(带|拿)?(人|刀|枪|汽油)?(来|去)?(砸|炸|烧|砍|杀|捅|揍|弄死|打死)(了)?(你|你们|你的|你家|你们的)",
    r"(小心|当心)(你的|你们的)?(狗命|小命|脑袋|家人)",
    r"(打断|打折|打残|砍断)(他|她|你)的?(腿|手)|带(着)?刀(过去|过来|去|来)|(走路|出门|晚上|夜里)(给我)?小心点",
    r"我知道(他|她)(住哪|住在哪|家在哪|开什么车)|跟着(他|她)回家|一把火|放把火|(烧|炸)了你们",
    r"在(门口|后门|楼下|路口|店门口)等(他|她|你)|家伙.{0,4}带|煤气罐|(住哪|住在哪|哪个小区).{0,6}(打听|知道|清楚)"
    r"|(学校|接孩子|下班).{0,12}(我也知道|我都清楚|我知道)|别让我(在这片|再)看到|刹车不灵|自己掂量|(让|叫|告诉|跟)(他|她)(小心|当心)"
    r"|(出门|走路|回家路上|晚上)(小心|当心)|几点出来我都清楚",
    r"烧(个)?干净|让你们(的)?(店|家)?(烧|炸|砸)|(砸|烧|炸)了.{0,8}(多可惜|太可惜)|(你们|你)会后悔的|一个(都|也)跑不了"
    r"|查到(她|他|你)(家|的)?(地址|住址)|(她|他|你)(的)?(小孩|孩子)(读|上)的学校|知道去哪(里|儿)?找(她|他|你)",
)
CHINESE_SEXUAL = (
    r"约炮|做爱|打炮|(和|跟|陪)(你|我)上床|裸照|裸体|裸聊|露点|色情|黄片|口交|打飞机|自慰|一夜情|陪睡|陪我睡|特殊服务|大保健|发骚|骚货"
    r"|里面别穿|进屋陪我|穿紧身|全身上下都摸|一晚(上)?多少钱|开房|不穿衣服|穿少点|洗洗别的地方|(约|泡)(她|他)出去|腰(那么|真|好)细|用手帮我|通通.{0,3}管子"
    r"|脱光|私房照|色色|叫两声|好骚|(陪|上来陪)我(睡|一晚|过夜)|奶子|胸(很|真|好|挺)大|鸡巴|内衣什么颜色|你穿(的)?什么|性感(的)?(声音|身材|小姐)|小姐姐(陪|约|睡)|叫床|想(要)?(睡|干|操|上)你",
    r"['‘“\"]全套|(单独|下班后|来我家|到我家).{0,12}全套|身材(特别|很|真|超)?好的(洗头妹|小妹|妹子|小姐)|没穿衣服|声音(好|真|很|太)?(性感|嗲|骚)"
    r"|安排(个|一个)?小姐|陪陪我|['‘“\"]吃点别的|进(来|屋).{0,3}吃点别的"
    r"|穿睡衣(给|来)?(他|你)?开门|弯腰的样子|门要关好|骚话",
)

_COMPILED: Tuple[Tuple[str, Tuple["re.Pattern[str]", ...]], ...] = tuple(
    (kind, tuple(re.compile(pattern) for pattern in patterns))
    for kind, patterns in (
        (THREAT, ENGLISH_THREATS + SPANISH_THREATS + CHINESE_THREATS),
        (SEXUAL, ENGLISH_SEXUAL + SPANISH_SEXUAL + CHINESE_SEXUAL),
        (INSULT, ENGLISH_INSULTS + SPANISH_INSULTS + CHINESE_INSULTS),
    )
)

# Phrases whose words look abusive but are business: menu items, services, trade words, figures of speech.
NOT_ABUSE = (
    r"\b(bath bombs?|the bomb|da bomb|bomb(ed)? (the|my) (test|exam|interview)|photo ?bomb\w*)\b",
    r"\b(drop dead gorgeous|killing (me|it)|kill(ing)? (the|some|a few) (time|minutes|hours)|is killing me|are killing me|kills me|dressed to kill)\b",
    r"\b(blow[- ]?(dry|dryer|out|outs|torch)|blown (fuse|breaker|pipe)|blew (a|the) (fuse|breaker|gasket|pipe))\b",
    r"\b(burn(t|ed)? (pizza|crust|food|toast|out|mark|marks)|freezer burn|heart ?burn)\b",
    r"\b(shoot (me )?(a|an) (text|email|message|call)|photo ?shoot|shoot(ing)? (a|the) (wedding|photos?|video))\b",
    r"\bsingle (room|bed|queen|king)\b",
    r"\b(im|i am|i feel like|feel like|must be) (the|a) (dimmest|dumbest|stupidest|most (ignorant|useless|stupid)) (person|man|woman)\b",
    r"\b(cock ?roach|cock ?tail|cocktails?|hancock|peacock|shuttlecock|woodcock|stopcock|ballcock|cockpit)\w*\b",
    r"\b(agua caliente|calentador|bien caliente|muy caliente|que este caliente|que esté caliente|caliente por favor|salsa)\b",
    r"我(真|真的|简直|就)?(是)?(个|一个)?(白痴|笨蛋|傻子|蠢货|废物|智障|傻逼)",
    r"(去死皮|死皮|去死角|炸鸡|炸酱|油炸|炸薯条|炸春卷|炸虾|炸排骨|炸豆腐|炸物|炸了锅|水管炸|管子炸|爆炸头|炸毛|屏幕炸|手机炸|电池炸|鼓包炸)",
)
_NOT_ABUSE = tuple(re.compile(pattern) for pattern in NOT_ABUSE)


def _folded(text: str) -> str:
    """Lower case without accents or apostrophes ("you're" reads "youre"), simplified Chinese characters, so one
    pattern covers how people type."""
    text = unicodedata.normalize("NFKD", simplified(text.lower().replace("’", "").replace("‘", "").replace("'", "")))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def abuse_in(text: str) -> Optional[str]:
    """The kind of abuse the message carries ("insult", "threat", "sexual"), threats first; None for none."""
    folded = _folded(text)
    for pattern in _NOT_ABUSE:
        folded = pattern.sub(" ", folded)
    for kind, patterns in _COMPILED:
        if any(pattern.search(folded) for pattern in patterns):
            return kind
    return None
