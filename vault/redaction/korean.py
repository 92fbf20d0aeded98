"""Shared Korean facts: surnames, titles and kinship terms, head nouns of names."""
from __future__ import annotations

import re

# Surnames (South and North Korean spellings), most frequent first; two-syllable ones last.
SURNAMES_1 = frozenset(
    "김이리박최정강조윤장임림한오서신권황안송류유전홍고문양량손배백허남심노로하곽성차주우구민진"
    "지엄채원천방공현함변염렴여려추도소석선설마길연위표명기반라왕금옥육륙인맹제모탁국어은편용예"
    "경봉사부가복태목형피두감호음빈동온시범좌팽승간상갈단견당화창옹순빙"
)
SURNAMES_2 = frozenset({"황보", "남궁", "제갈", "선우", "독고", "서문", "사공", "동방", "을지"})

# Words after a name that mark it as a person (titles, ranks, kinship, honorifics).
PERSON_CUES_AFTER = (
    "씨", "님", "선생님", "선생", "동무", "동지", "언니", "오빠", "누나", "형님", "형", "동생",
    "아저씨", "아줌마", "아주머니", "할머니", "할아버지", "삼촌", "이모", "고모", "외삼촌",
    "교수", "기자", "대표", "사장", "회장", "과장", "부장", "반장", "지도원", "보위원", "안전원",
    "군관", "소대장", "중대장", "대대장", "연대장", "목사", "전도사", "브로커", "선교사",
    "위원장", "비서", "대통령", "장관", "의원", "감독", "선수", "배우", "가수", "작가", "시인",
    "여사", "군", "양", "옹", "씨네", "부부", "일가", "가족", "경장", "경위", "경사", "순경",
    "검사", "판사", "변호사", "의사", "간호사", "원장", "소장", "국장", "실장", "팀장", "총장",
    "경정", "경감", "총경", "서장", "청장", "총리", "주석", "위원", "지배인", "기사", "상좌", "대좌",
    "소좌", "중좌", "상위", "중위", "소위", "대위", "하사", "중사", "상사", "특무상사", "원수",
    "대장", "상장", "중장", "부위원장", "당비서", "작업반장", "분조장", "인민반장", "교장",
    "교원", "병장", "상병", "일병", "이병", "부사장", "전무", "상무", "이사", "사모", "집사",
    "권사", "장로", "신부", "수녀", "스님", "박사", "처장", "차장", "대리", "주임", "조장",
    "원사", "준위", "하전사", "전사", "분대장", "정치지도원", "보안원", "보위지도원", "큰형님", "큰형", "큰언니", "큰오빠",
    "형사님", "수사관", "영사", "참사관", "특파원", "논설위원", "앵커", "통신원", "올림", "드림",  # 선희 올림: a letter's sign-off follows a name
)
# Words after a name that address or refer to the person by it (씨, 선생님, 언니); the other cues are jobs and offices.
ADDRESS_FORMS = frozenset("""씨 님 선생님 선생 동무 동지 언니 오빠 누나 형님 형 동생 아저씨 아줌마 아주머니
할머니 할아버지 삼촌 이모 고모 외삼촌 여사 군 양 옹 씨네 부부 일가 가족""".split())
# Forms of address that are written onto a name as often as apart (박영호씨, 김철동무, 리영호선생님).
WRITTEN_ON_ADDRESS = ("씨", "동무", "동지", "선생님", "선생", "아저씨", "아주머니", "할머니", "할아버지", "여사", "형님")
# Words before a name that introduce it.
PERSON_CUES_BEFORE = ("브로커", "안내인", "이름은", "이름이", "이름을", "가명", "본명", "별명")

# Head nouns that follow a place or organisation name and belong to it.
PLACE_HEADS = frozenset(
    "시 도 군 구 동 리 읍 면 주 성 현 구역 지역 지방 일대 인근 부근 근처 북부 남부 동부 서부 중부 "
    "북쪽 남쪽 동쪽 서쪽 지구 반도 섬 해안 강 강변 산 마을 부락 농장 협동농장 광산 탄광 국경 "
    "국경지대 세관 공항 역 항 항구 시내 시장 장마당 거리 다리 아파트 극장 병원 호텔 공원 수용소 "
    "교화소 관리소 집결소 구류장 구류소 구치소 노동단련대 감옥 교도소 센터 대사관 영사관 총영사관 초소 경비초소 인민반 벌목장 벌목소 건설장".split()
)
ORG_HEADS = frozenset(
    "보위부 보위국 보위성 안전부 안전국 안전성 보안서 보안부 분주소 위원회 당 당위원회 인민위원회 "
    "공장 기업소 회사 상점 학교 대학 대학교 고등중학교 중학교 소학교 인민학교 대 부대 군부대 "
    "사단 여단 연대 대대 중대 소대 경비대 국경경비대 청 처 국 부 원 공사 은행 협회 연맹 "
    "교회 성당 사원 병원 방송 신문 일보 그룹 재단 연구소 연구원 공안 공안국 변방대 경찰서 파출소 "
    "학부 학과 대학원 분원 분교 법원 지방법원 고등법원 가정법원 지원 검찰청 지방검찰청 지검 재판소".split()
)

# Endings that make one proper noun an organisation's name (새누리당, 가상뉴스, 가상일보, 가상전자).
ORG_ENDINGS = ("당", "뉴스", "통신", "일보", "신문", "방송", "엔터테인먼트", "그룹", "전자", "건설", "항공",
               "텔레콤", "은행", "증권", "본부", "미디어")

# Family and role words: they describe a person without naming them, so a name is not
# widened over them (아버지 김영호 -> only 김영호 is the name).
# Words for one's family and friends: a given name often follows them (남동생 철호, 친구 순희가).
FAMILY_WORDS = frozenset(
    "아버지 어머니 아빠 엄마 남편 아내 부인 아들 딸 오빠 언니 누나 형님 형 동생 남동생 여동생 "
    "할머니 할아버지 삼촌 고모 이모 외삼촌 사촌 조카 친구 막내 맏이 큰딸 작은딸 맏딸 큰아들 작은아들 맏아들 "
    "외동딸 외아들 손자 손녀 며느리 사위 올케 시어머니 시아버지 시누이 외할머니 외할아버지 친할머니 새언니 "
    "형수 매형 누이 큰언니 작은언니 큰오빠 작은오빠 큰형 큰누나 이모부 고모부 숙모 사촌동생 사촌언니 "
    "사촌오빠 계모 의붓딸 식구 가족 일가족 "
    # and in the North's speech: mother, father, old man, grandmother, auntie, uncle
    "오마니 어마니 아바지 아버이 아바이 할마니 할아바지 아매 아즈마이 아즈마니 아즈바이".split()
)
ROLE_WORDS = frozenset(PERSON_CUES_AFTER) | frozenset(PERSON_CUES_BEFORE) | FAMILY_WORDS | frozenset(
    "부모 자식 형제 자매 이웃 동료 애인 "
    "배우 가수 감독 선수 기자 브로커 안내원 안내인 경찰 군인 병사 간부 교사 선생 학생 의사 "
    "목사 선교사 사장 주인 손님 여자 남자 아이 아저씨 아줌마 "
    "연구원 선임연구원 책임연구원 수석연구원 전임연구원 객원연구원 연구위원 선임연구위원 연구교수".split()
)
# Words for kinds of people that are not already role or family words (ROLE_WORDS): no name.
PEOPLE_NOUNS = frozenset("""여성 남성 주민 사람 어린이 청년 청소년 노인 노동자 근로자 유학생 탈북민 탈북자 이탈주민 난민
국민 인민 동포 통역 통역사 관광객 여행객 선원 어부 상인 장사꾼 꽃제비 밀수꾼 장사치
면담자 증언자 증인 진술인 조사관 피해자 가해자 목격자 제보자 응답자 참여자 연구자 계호원 감시원 수감자 수용자 예심원 수사원 호송원 간수 감독원
에미나이 간나 간나새끼 동무 로동자 로인 녀성 녀자 당원 로동당원 위안부 성노예 피랍자 납북자 국군포로
직원 관계자 공무원 외교관 요원 담당자 담당관 종업원 사무원 근무자 피면담자 피면접자 면접자 구술자 진술자 피조사자""".split())

# The birthdays that name an age: 환갑 (60), 칠순 (70), 팔순 (80), 구순 (90).
AGE_FEASTS = {"환갑": 60, "회갑": 60, "진갑": 61, "칠순": 70, "고희": 70, "팔순": 80, "구순": 90, "백수": 99}

# Nouns of works (films, dramas, books, songs): they are often named after people and places.
WORK_NOUNS = frozenset("영화 드라마 작품 애니 만화 웹툰 책 소설 노래 앨범 게임 프로그램 시리즈".split())

# Offices: with a name they point at one holder, so the office is masked with the name
# (아베 총리 -> [PERSON]); family words and 씨/님 stay readable.
OFFICES = frozenset(
    "대통령 총리 수상 주석 국가주석 장관 부장관 위원장 부위원장 의원 국회의원 원사 국장 청장 서장 총장 "
    "대사 총재 회장 부회장 사장 부사장 대표 지사 도지사 시장 군수 구청장 교장 원장 소장 처장 "
    "검사장 법원장 지검장 사령관 참모총장 당비서 비서 책임비서 도당위원장 군당위원장 경정 경감 "
    "총경 경장 경위 경사 순경".split()
)

# What one does in a place and never with a person (화성에 있는 공장, 구리에 살아요, 진주로 이사했다,
# 영등포에서 일했다): matched right after a name, it makes the name a place's.
WHERE_ONE_IS = re.compile(
    r"(?:에서|에)\s(?:살(?!아남|아나|아있|아 있|아서는|펴)|사는|삽니다|사셨|일하|일해|일했|일합|근무|거주|정착|머물|숨어|숨었|"
    r"갔|가서|와서|왔|도착|태어|자랐|자란|들어가|들어갔|넘어가|넘어갔|넘어왔"
    r"|있는\s(?:[가-힣]{1,4}\s){0,2}(?:공장|회사|아파트|임대아파트|집|쪽방|고시원|원룸|학교|교회|병원|식당|공단|하나센터))"
    r"|(?:으로|로)\s(?:이사|이주|옮겨|넘어갔|건너갔|팔려|끌려|도망|탈출|북송)"
)

# Events named after their town (서울올림픽, 평창동계올림픽, 2002 한일월드컵): what everyone saw, no witness's place.
KO_EVENTS = ("올림픽", "아시안게임", "아시아경기대회", "월드컵", "엑스포", "세계청년학생축전")


def closed_syllable(char: str) -> bool:
    """Is ``char`` a Hangul syllable that ends in a consonant (철, 순; not 희, 수)?"""
    return "가" <= char <= "힣" and (ord(char) - 0xAC00) % 28 != 0


def agreeing_particle(before: str, syllable: str) -> bool:
    """Is ``syllable`` a particle in the form the syllable ``before`` calls for (김철+이, 순희+를, +의)?

    Such a syllable ends few given names; after a name it is grammar, re-chosen after the mask
    (김철이 왔다: 인물 7이 왔다, 순희랑: 인물 5랑), so a name's last syllable is not taken over it. 와 and 에 end
    Japanese names too (유카와, 우에): not these.
    """
    if not ("가" <= before <= "힣"):
        return False
    closed = closed_syllable(before)
    return syllable == "의" or syllable == "이" and closed or syllable in "가를는랑" and not closed
