"""The English words the name heuristics read: function words, words that are no names alone,
heads of organisations' and places' names, abbreviations, holidays (used by
``english_names``, ``dates``, ``cue_names`` and ``place_extent``)."""
from __future__ import annotations

import re

from vault.redaction.lexicons import english_peoples

FUNCTION_WORDS = frozenset("""
i i'm i've i'll i'd me my we us our you your he him his she her they them their it its
a an the this that these those there here what which who whom whose when where why how
and or but nor so yet if then than as at by for from in into of on onto to with without
about above after before below between during over under up down out off again once
is am are was were be been being do does did have has had will would shall should can
could may might must not no yes ok okay oh hi hey hello dear thanks thank please sorry
all any both each few more most other some such only own same too very just also well
mr mrs ms miss dr prof sir madam mister st mt jr sr lt capt col maj sgt cpl pvt cmdr rev revd fr
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed weds thu thur thurs fri sat sun
mondays tuesdays wednesdays thursdays fridays saturdays sundays
january february march april june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())
# Goods that no person is named with, nor the capitalised word beside them (Choco Pies).
GOODS = frozenset("choco chocopie chocopies".split())
# Nationalities and peoples (vault/data/lexicon_en_peoples.tsv): "a Jordanian doctor".
PEOPLES = english_peoples()
# Capitalised but not names on their own; they may belong to a longer name (British Museum).
NOT_NAMES = PEOPLES | GOODS | frozenset("""
african-american asian-american arabic latin western eastern northern southern
jewish christian christians muslim muslims islamic islam christianity catholic catholics protestant buddhist
buddhism hindu sikh sunni sunnis shia shiite shiites salafi salafis salafism wahhabi wahhabis islamist islamists
jihadist jihadists evangelical evangelicals pentecostal
god lord jesus christ bible internet web email e-mail tv dvd cd pc faq un ngo ngos
ii iii iv vi vii viii ix xi xii ps pm am re fw fwd cc bcc ceo cfo cto vp phd ba dob pob
lol omg wtf btw fyi imo imho asap aka etc ok hi id
sns cctv ost usb gps sms mms url pdf mp3 led lcd uhd ppl cg covid sars ktx srt
ptsd hiv aids tb std icu adhd ocd mri ecg ekg cpr ivf a-number dx rx hx sx
olympics olympic paralympics juche chollima songbun jangmadang kotjebi inminban ssn iban atm pin
kyohwaso kwalliso kyohwadae jipkyulso kwanliso jipkyeolso danryeondae dallyeondae dolgyeokdae dolgyokdae
saenghwal chonghwa donju tonju notel notetel bingdu kkotjebi changmadang
wechat weixin kakaotalk kakao whatsapp facebook instagram telegram skype viber qq youtube
google twitter tiktok weibo naver daum iphone android gmail hotmail yahoo wikipedia
alipay taobao tmall baidu douyin paypal toss
celsius fahrenheit mmbtu kwh mwh kst utc gmt est edt pst pdt cst jst bst cet
""".split())
STOP = FUNCTION_WORDS | NOT_NAMES
# The parts of a document a report cites, before their number (Annex II, para. 14, Chapter 3, p. 32).
CITATION_WORDS = frozenset("""annex annexes appendix chapter section table figure fig article part para paras
paragraph paragraphs box vol volume page footnote note no nos
block flat floor unit suite entrance""".split())  # and a part of a building: Block 7, Flat 4
CITED = re.compile(r"\.?\s(?:\d|[IVXLC]+\b|[A-Z]\b)")
HOLIDAY_WORDS = ("new year", "christmas", "chuseok", "seollal", "easter", "thanksgiving", "labor day", "labour day", "birthday",
                 "independence day", "memorial day", "liberation day", "victory day", "foundation day", "day of the")
OPENING_ADVERBS = frozenset("""later then now today yesterday tomorrow afterwards afterward meanwhile finally
soon once eventually suddenly luckily unfortunately sadly still also even only perhaps maybe instead however
thus so there here again see cf""".split())  # and a report's "See ..." before what it cites
# Holidays are dates even when capitalised like a name (Lunar New Year's Day, Christmas Eve): the
# dates detector finds them with this pattern, and no name is proposed inside one.
HOLIDAY = re.compile(r"\b(?:(?:lunar\s)?new\syear|christmas|chuseok|seollal|easter|thanksgiving)(?:['’]s)?(?:\s(?:day|eve))?\b"
                      r"|\b(?:labou?r|independence|memorial|liberation|victory|foundation)\sday\b"
                      r"|\bkim\s(?:il[\s-]?sung|jong[\s-]?il|jong[\s-]?un)['’]s\sbirthday\b"
                      r"|\bday\sof\sthe\s(?:sun|shining\sstar)\b")
# Peoples joined by a hyphen (Korean-Chinese, Sino-Korean) are one people, not a name.
PEOPLE_PREFIXES = frozenset({"sino", "afro", "anglo", "euro", "indo", "franco", "russo", "judeo"})
# "North Korean", "South Korean": the compass word belongs to the nationality.
COMPASS = frozenset({"north", "south", "east", "west"})
# Place abbreviations that are also common words in lower case.
PLACE_ABBREVIATIONS = frozenset({"US", "USA", "U.S.", "U.S.A.", "UK", "U.K.", "UAE", "DPRK",
                                 "ROK", "PRC", "D.C.", "N.J.", "N.Y.", "L.A.", "NYC", "NZ", "HK", "PRK",
                                 "KOR", "CHN", "S.Korea", "N.Korea"})
US_STATES = frozenset("""AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS
MO MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC""".split())
VERB_AFTER_NAME = frozenset("""was is had has did said says told came went could would will
can does asked wrote called sent wants wanted thinks thought knows knew and""".split())

# The last word of a public event's name: the words before it name the event, no one (the Winter Olympics,
# the Arirang Mass Games, the World Cup).
EVENT_HEADS = frozenset("olympics paralympics games cup expo festival".split())
# A storm's name comes after its kind: Typhoon Maysak, Hurricane Katrina.
STORMS = frozenset("typhoon hurricane cyclone storm".split())
# A Korean administrative unit romanised after a hyphen: Yangcheon-gu, Wiyon-dong, Sambong-ri.
ROMANISED_UNITS = "gu|dong|ri|si|gun|kun|eup|up|myeon|myon|do"
# A name that is a person's and a place's (Geneva, London, Paris) is the place after one of these.
PLACE_PREPOSITIONS = frozenset("in near outside from to across via into around throughout".split())
LINKS = frozenset({"of", "de", "des", "del", "della", "di", "da", "du", "van", "von", "der", "den",
                    "la", "le", "al", "el", "bin", "bint", "ibn", "&", "and"})
ORG_WORDS = frozenset("""inc corp corporation company co ltd llc plc bank university college
school institute association society committee council party ministry department agency
church hospital group foundation union club airlines airways press news times post
commission organization organisation federation alliance network centre center office bureau service fund
court tribunal assembly parliament congress forum coalition movement watch mission
daily journal herald tribune gazette radio television broadcasting complex enterprise works
league troupe brigade corps division regiment battalion factory academy motors clinic llp solicitors chambers""".split())
# What a brand names, in lower case after it (Star cigarettes), and what holds it before "of" (a bottle of Moutai).
PRODUCTS = frozenset("""cigarettes cigarette beer beers liquor wine whisky soju baijiu noodles ramen drinks drink juice
phone phones smartphone smartphones jeans shoes sneakers pies pie chocolate chocolates candy sweets snacks cosmetics
shampoo soap rice car cars truck trucks tv tvs radio radios watch watches""".split())
CONTAINERS = frozenset("bottle bottles carton cartons pack packs packet packets box boxes can cans bag bags case crate".split())
PLACE_WORDS = frozenset("""street st road rd avenue ave city county province district township village prefecture river lake
mountain mount island bay valley park state republic kingdom north south east west embassy consulate
palace palais square airport stadium hotel place lane boulevard blvd plaza building tower house""".split())
# After a nationality, a capitalised common word names an institution or a place only if it is
# one of these (the Chinese Embassy, the British Museum); otherwise it is a kind of thing or an
# event (the Korean War, Korean Air, Chinese New Year).
HEADS_AFTER_PEOPLE = ORG_WORDS | PLACE_WORDS | frozenset({"museum", "army", "navy", "police"})


ABBREVIATIONS = frozenset("""mr mrs ms dr st jr sr prof gen col lt sgt capt rev fr no vs etc
inc co corp mt ave blvd dept univ""".split())
PLACE_ABBR = frozenset(a.rstrip(".") for a in PLACE_ABBREVIATIONS)

PARTICIPLE_TAILS = frozenset("""based born bred bound led run owned backed made funded controlled occupied
affiliated centred centered""".split())

# Titles, ranks and kinship words said before a name (Pastor Chun, Senior Lieutenant Ri, Uncle Kim).
TITLES = ("mr mrs ms miss mx dr prof professor sir madam mister uncle aunt auntie grandma grandpa granny "
          "grandmother grandfather cousin comrade captain capt general gen colonel col major lieutenant lt "
          "sergeant sgt corporal officer inspector detective director chairman secretary teacher "
          "pastor reverend rev revd father fr sister brother bro broker guide agent judge president minister "
          "ambassador senator governor mayor deacon elder missionary nurse doctor chief commander lady lord "
          "king queen prince princess saint st imam rabbi bishop cardinal pope rapporteur commissioner envoy "
          "spokesman spokeswoman spokesperson correspondent").split()
# A rank's first words (Senior Lieutenant, Vice Minister, Lance Corporal, UN Special Rapporteur).
_RANK_MODIFIERS = frozenset("senior junior vice deputy first second lance staff master assistant acting un special high "
                            "prime".split())
_TRIMMED_TITLES = frozenset(TITLES) - {"saint", "st", "king", "queen", "prince", "princess", "lord", "lady", "pope"}


def leading_titles(words: list[str]) -> int:
    """Return how many of the lower-case ``words`` opening a name are its title (senior lieutenant ri → 2).

    A title stays readable before the pseudonym, as 선생님 does after a Korean name: the role says
    what the person did, not who they are. Saints and royalty are part of the name (St John, King Sejong).
    """
    n = 0
    while n < len(words) - 1:
        ranked = n
        while ranked < len(words) - 1 and words[ranked] in _RANK_MODIFIERS:
            ranked += 1  # UN Special Rapporteur: modifiers before the title
        if words[ranked] not in _TRIMMED_TITLES or ranked == len(words) - 1:
            break
        n = ranked + 1
        if n + 2 < len(words) and words[n] == "of":
            n += 2  # Secretary of State John Kerry, Minister of Unification Kim: the office's field is the office's
    return n
