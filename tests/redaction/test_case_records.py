"""Case records of a documentation NGO (made-up lines): numbered fields, dates written year first,
anonymised names. What a reader sees."""
from __future__ import annotations

import pytest

from tests.redaction.rendering import rendered


@pytest.mark.parametrize(("text", "expected"), [
    # Year first with a one-digit month or day (2008.3.5.), with spaces (2019. 5. 2.): the whole date.
    ("[SYNTHETIC] 사건 발생일: 2008.3.5. 발생 장소: 불명", "[SYNTHETIC] 사건 발생일: 2008년 발생 장소: 불명"),
    ("[SYNTHETIC] 피해자 본인 진술(2019.5.2. 면담)", "[SYNTHETIC] 피해자 본인 진술(2019년 면담)"),
    ("[SYNTHETIC] 면담일 2019. 5. 2. 오후", "[SYNTHETIC] 면담일 2019년 오후"),
    ("[SYNTHETIC] On 2008/3/5 he left.", "[SYNTHETIC] In 2008 he left."),
    # A year and its month (2008.3, 2008. 3.); a date in a form's style (5-Mar-2008).
    ("[SYNTHETIC] 발생일 2008.3 이후", "[SYNTHETIC] 발생일 2008년 이후"),
    ("[SYNTHETIC] 2008. 3. 발생", "[SYNTHETIC] 2008년 발생"),
    ("[SYNTHETIC] Arrested on 5-Mar-2008.", "[SYNTHETIC] Arrested in 2008."),
    # The fields of a form are no names (DOB, POB).
    ("[SYNTHETIC] DOB: 12/05/1975; POB: Hoeryong.", "[SYNTHETIC] DOB: 1975; POB: North Hamgyong."),
    # A rank's abbreviation is a title, the organ's abbreviation an organ (Lt read a person, MSS a person).
    ("[SYNTHETIC] Perpetrator: Lt. Choe (MSS, Onsong)", "[SYNTHETIC] Perpetrator: Lt. Person 3842 (MSS, North Hamgyong)"),
    # A case number is a number, not a phone number.
    ("[SYNTHETIC] 사건번호: 2019-0412 / 피해자: 김○○(여)", "[SYNTHETIC] 사건번호: [번호] / 피해자: 인물 4389(여)"),
    ("[SYNTHETIC] Case no. 2019-0412 was opened.", "[SYNTHETIC] Case no. [ID_NUMBER] was opened."),
    ("[SYNTHETIC] 전화번호: 010-2345-6789", "[SYNTHETIC] 전화번호: [연락처]"),
    # An app before its handle is the app; a phone's words after a town stay readable.
    ("[SYNTHETIC] QQ 번호는 123456789예요.", "[SYNTHETIC] QQ 번호는 [연락처]예요."),
    ("[SYNTHETIC] Her Line ID is kimsun88.", "[SYNTHETIC] Her Line ID is [CONTACT]."),
    ("[SYNTHETIC] 연길 집 전화 0433-2512345", "[SYNTHETIC] 길림성 집 전화 [연락처]"),
])
def test_case_record_fields_read_well(text: str, expected: str) -> None:
    assert rendered(text) == expected


@pytest.mark.parametrize("text", [
    "[SYNTHETIC] version 2.5.1 released",
    "[SYNTHETIC] In 2009.3 million people voted.",
])
def test_numbers_that_are_no_dates_stay(text: str) -> None:
    assert rendered(text) == text


@pytest.mark.parametrize(("text", "expected"), [
    # A named address unit inside the town generalised to is dropped with it (봉담읍, 동화길), and so is
    # the building's number after a road's name.
    ("[SYNTHETIC] 경기도 화성시 봉담읍 동화길 45-3에 살아요.", "[SYNTHETIC] 경기도에 살아요."),
    ("[SYNTHETIC] 주소: 서울특별시 양천구 목동로 123, 101동 1204호", "[SYNTHETIC] 주소: 서울, [장소]"),
    ("[SYNTHETIC] 함경북도 회령시 오산덕동 3인민반", "[SYNTHETIC] 함경북도"),
    # A South Korean address romanised: road, block and flat are places, not persons.
    ("[SYNTHETIC] She lives at 101-dong 1204-ho, 123 Mokdong-ro, Yangcheon-gu, Seoul 07912.",
     "[SYNTHETIC] She lives at [LOCATION]."),
    ("[SYNTHETIC] He lives at 12 Sejong-daero.", "[SYNTHETIC] He lives at [LOCATION]."),
    ("[SYNTHETIC] The euro fell.", "[SYNTHETIC] The euro fell."),
    # A postcode names a neighbourhood.
    ("[SYNTHETIC] 우편번호 07912", "[SYNTHETIC] 우편번호 [장소]"),
    ("[SYNTHETIC] Her zip code is 62701.", "[SYNTHETIC] Her zip code is [LOCATION]."),
    # A route's number and a count after 로 are no address.
    ("[SYNTHETIC] 경로 2는 위험했다.", "[SYNTHETIC] 경로 2는 위험했다."),
    ("[SYNTHETIC] 새로 123개를 샀다.", "[SYNTHETIC] 새로 123개를 샀다."),
    ("[SYNTHETIC] 북한 돈으로 10만 원이면 쌀을 살 수 있었어요.", "[SYNTHETIC] 북한 돈으로 수십만 원이면 쌀을 살 수 있었어요."),
    ("[SYNTHETIC] 학교로 10분 걸어갔다.", "[SYNTHETIC] 학교로 10분 걸어갔다."),
])
def test_addresses_leave_no_street_or_number(text: str, expected: str) -> None:
    assert rendered(text) == expected
