"""Shared Korean facts: surnames, titles and kinship terms, head nouns of names."""
from __future__ import annotations

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
)
# Words before a name that introduce it.
PERSON_CUES_BEFORE = ("브로커", "안내인", "이름은", "이름이", "이름을", "가명", "본명", "별명")

# Head nouns that follow a place or organisation name and belong to it.
PLACE_HEADS = frozenset(
    "시 도 군 구 동 리 읍 면 주 성 현 구역 지역 지방 일대 인근 부근 근처 북부 남부 동부 서부 중부 "
    "북쪽 남쪽 동쪽 서쪽 지구 반도 섬 해안 강 강변 산 마을 부락 농장 협동농장 광산 탄광 국경 "
    "국경지대 세관 공항 역 항 항구 시내 시장 장마당 거리 다리 아파트 극장 병원 호텔 공원 수용소 "
    "교화소 관리소 집결소 구류장 노동단련대 감옥 교도소 센터".split()
)
ORG_HEADS = frozenset(
    "보위부 보위국 보위성 안전부 안전국 안전성 보안서 보안부 분주소 위원회 당 당위원회 인민위원회 "
    "공장 기업소 회사 상점 학교 대학 대학교 고등중학교 중학교 소학교 인민학교 대 부대 군부대 "
    "사단 여단 연대 대대 중대 소대 경비대 국경경비대 청 처 국 부 원 공사 은행 협회 연맹 "
    "교회 성당 사원 병원 방송 신문 일보 그룹 재단 연구소 연구원".split()
)
