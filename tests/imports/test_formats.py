"""Martus bulletins, Uwazi exports and JSON Lines; dates as typed (issue 17)."""
from __future__ import annotations

import io
import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PIL import Image

from tests.imports.conftest import Cli
from vault import attachments, testimonies
from vault.errors import InvalidInput
from vault.imports import dates, notes

CONSENT_MAPPING = '[defaults]\nconsent = "research"\n'


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (32, 24), (120, 40, 40)).save(buffer, format="JPEG")
    return buffer.getvalue()


def _field_spec(kind: str, tag: str, label: str = "") -> str:
    return f"<Field type='{kind}'>\n<Tag>{tag}</Tag>\n<Label>{escape(label)}</Label>\n</Field>\n"


def _value(tag: str, value: str) -> str:
    return f"<Field tag='{tag}'>\n<Value>{escape(value)}</Value>\n</Field>\n"


def martus_bulletin(local_id: str, *, title: str, summary: str, private: str, violation: str,
                    eventdate: str, attachment: str | None = None) -> str:
    """One bulletin as Martus's BulletinXmlExporter writes it (format version 3, public and private data)."""
    top = "".join([
        _field_spec("LANGUAGE", "language"), _field_spec("STRING", "author"), _field_spec("STRING", "title"),
        _field_spec("STRING", "location"), _field_spec("DATERANGE", "eventdate"),
        _field_spec("DATE", "entrydate"), _field_spec("MULTILINE", "summary"),
        _field_spec("MULTILINE", "publicinfo"), _field_spec("DROPDOWN", "custom_violation", "Violation type"),
        _field_spec("STRING", "custom_camp", "Camp or prison"),
    ])
    bottom = _field_spec("MULTILINE", "privateinfo") + _field_spec("STRING", "custom_contact", "Contact phone")
    values = "".join([
        _value("language", "en"), _value("author", "[SYNTHETIC] Interviewer A"), _value("title", title),
        _value("location", "Onsong"), _value("eventdate", eventdate), _value("entrydate", "2012-06-03"),
        _value("summary", summary), _value("publicinfo", "[SYNTHETIC TEST] Details of the account."),
        _value("custom_violation", violation), _value("custom_camp", "[SYNTHETIC] Camp 99"),
    ])
    if attachment:
        values += (f"<TopAttachmentList>\n<Attachment>\n<Filename>{attachment}</Filename>\n</Attachment>\n"
                   "</TopAttachmentList>\n")
    values += _value("privateinfo", private) + _value("custom_contact", "[SYNTHETIC] 010-0000-0000")
    return (
        "<MartusBulletin>\n<BulletinMetaData>\n"
        "<AuthorAccountId>MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA-synthetic</AuthorAccountId>\n"
        f"<BulletinLocalId>{local_id}</BulletinLocalId>\n"
        "<BulletinLastSavedDateTime>1339000000000</BulletinLastSavedDateTime>\n"
        "<BulletinStatus>sealed</BulletinStatus>\n<BulletinVersion>1</BulletinVersion>\n"
        "</BulletinMetaData>\n"
        f"<MainFieldSpecs>\n{top}</MainFieldSpecs>\n\n<PrivateFieldSpecs>\n{bottom}</PrivateFieldSpecs>\n\n"
        f"<FieldValues>\n{values}</FieldValues>\n</MartusBulletin>\n\n"
    )


def martus_export(bulletins: list[str]) -> str:
    return ("<MartusBulletins>\n<MartusBulletinExportFormatVersion>3</MartusBulletinExportFormatVersion>\n"
            "<ExportMetaData>\n<PublicAndPrivateData></PublicAndPrivateData>\n</ExportMetaData>\n\n"
            + "".join(bulletins) + "</MartusBulletins>\n")


def test_martus_bulletins_public_text_private_notes_custom_field_and_attachment(cli: Cli, tmp_path: Path) -> None:
    """Public section -> text and facts; private section -> vault-only notes; a custom field labelled
    'Violation type' fills the violation; the attachment next to the XML is stored encrypted."""
    (tmp_path / "photo-1.jpg").write_bytes(_jpeg())
    export = tmp_path / "bulletins.xml"
    export.write_text(martus_export([
        martus_bulletin("B-1", title="[SYNTHETIC TEST] Detention at the border", summary="[SYNTHETIC TEST] Summary one.",
                        private="[SYNTHETIC] Real name kept private", violation="Arbitrary detention",
                        eventdate="Range:2009-03-01,2009-03-31", attachment="photo-1.jpg"),
        martus_bulletin("B-2", title="[SYNTHETIC TEST] Second", summary="[SYNTHETIC TEST] Summary two.",
                        private="[SYNTHETIC] Private two", violation="Forced repatriation",
                        eventdate="Simple:2011-05-02"),
        martus_bulletin("B-3", title="[SYNTHETIC TEST] Bad", summary="[SYNTHETIC TEST] Summary three.",
                        private="", violation="Jaywalking", eventdate="Simple:2011-05-02"),
    ]), encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text(CONSENT_MAPPING, encoding="utf-8")
    result = cli.run("import", export, "--mapping", mapping)
    assert result.exit_code == 1
    assert "bulletins.xml row 3, column Violation type (Martus field 'custom_violation'): is not one of the archive's " \
           "violation types" in result.stderr
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    assert len(ids) == 2
    with cli.opened() as vault:
        first = testimonies.get(vault.conn, ids[0], actor=vault.actor)
        assert first.text.startswith("[SYNTHETIC TEST] Detention at the border\n\n[SYNTHETIC TEST] Summary one.")
        assert "Camp or prison: [SYNTHETIC] Camp 99" in first.text  # a public custom field: unreviewed text
        assert "Real name kept private" not in first.text and "010-0000-0000" not in first.text
        assert first.record.events[0].violation_type == "arbitrary_detention"
        assert (first.record.events[0].date, first.record.events[0].place) == ("2009-03", "Onsong")
        assert first.record.interview_date == "2012-06-03" and first.record.consent == "research"
        kept = dict(notes.for_testimony(vault.conn, ids[0]))
        assert kept["Private details (Martus)"] == "[SYNTHETIC] Real name kept private"
        assert kept["Contact phone"] == "[SYNTHETIC] 010-0000-0000"
        assert kept["Author (Martus)"] == "[SYNTHETIC] Interviewer A"
        (stored,) = attachments.list_for(vault.conn, ids[0])
        assert stored.filename == "photo-1.jpg" and stored.media_type == "image/jpeg"
    shown = json.loads(cli.run("show", ids[0], "--json").stdout)
    assert {"label": "Contact phone", "value": "[SYNTHETIC] 010-0000-0000"} in shown["private_notes"]
    assert "imported 0 row(s); 2 already imported" in cli.run("import", export, "--mapping", mapping).stderr
    assert cli.count() == 2
    cli.ensure_verified()


def test_martus_attachment_missing_refuses_only_its_bulletin(cli: Cli, tmp_path: Path) -> None:
    export = tmp_path / "b.xml"
    export.write_text(martus_export([martus_bulletin(
        "B-1", title="[SYNTHETIC TEST] t", summary="[SYNTHETIC TEST] s", private="", violation="Torture",
        eventdate="2010", attachment="gone.jpg")]), encoding="utf-8")
    mapping = tmp_path / "m.toml"
    mapping.write_text(CONSENT_MAPPING, encoding="utf-8")
    result = cli.run("import", export, "--mapping", mapping)
    assert "names an attachment file that is not in the folder" in result.stderr
    assert cli.count() == 0


def test_uwazi_csv_export_of_entities(cli: Cli, tmp_path: Path) -> None:
    """Uwazi's export columns: Title, Date added, Template, properties by label, Geolocation, Documents,
    Attachments, Published; thesaurus values 'Group::Value', multi-values '|', a date range '~'."""
    (tmp_path / "scan.jpg").write_bytes(_jpeg())
    export = tmp_path / "uwazi-export.csv"
    export.write_text(
        "Title,Date added,Template,Testimony,Violation,Date of event,Place,Consent,Sex,Case officer,Geolocation,"
        "Documents,Attachments,Published\n"
        '[SYNTHETIC TEST] Case 1,2021-04-01,Testimony,"[SYNTHETIC TEST] What happened.",'
        '"Detention::Arbitrary detention|Torture",2009-03-01~2009-03-20,Hoeryong,research,Female,'
        '[SYNTHETIC] Officer K,42.4|129.7,,https://uwazi.example/api/files/scan.jpg,Published\n'
        '[SYNTHETIC TEST] Case 2,2021-04-02,Testimony,"[SYNTHETIC TEST] Second.",Torture,2011,Musan,public,'
        'Male,,,,,Unpublished\n',
        encoding="utf-8")
    result = cli.run("import", export)
    assert result.exit_code == 0, result.stderr
    ids = [line.split("\t")[0] for line in result.stdout.splitlines()]
    with cli.opened() as vault:
        first = testimonies.get(vault.conn, ids[0], actor=vault.actor)
        assert first.text == "[SYNTHETIC TEST] Case 1\n\n[SYNTHETIC TEST] What happened."
        assert [(e.violation_type, e.date, e.place) for e in first.record.events] == [
            ("arbitrary_detention", "2009-03", "Hoeryong"), ("torture", "2009-03", "Hoeryong")]
        assert first.record.witness.sex == "female"
        assert dict(notes.for_testimony(vault.conn, ids[0])) == {
            "J (Case officer)": "[SYNTHETIC] Officer K", "K (Geolocation)": "42.4|129.7"}
        assert [a.filename for a in attachments.list_for(vault.conn, ids[0])] == ["scan.jpg"]
    assert "imported 0 row(s); 2 already imported" in cli.run("import", export).stderr


def test_jsonl_of_the_record_format(cli: Cli, tmp_path: Path) -> None:
    """Each line a `testimony add` record; a bad line is reported by its line number and skipped."""
    good = {"language": "en", "text": "[SYNTHETIC TEST] one", "consent": "research",
            "events": [{"violation_type": "torture", "date": "2010-01"}]}
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(good) + "\n\n" + json.dumps({**good, "colour": "red"}) + "\n"
                      + json.dumps({**good, "text": "[SYNTHETIC TEST] two"}) + "\n", encoding="utf-8")
    result = cli.run("import", source)
    assert "records.jsonl row 3: unknown field(s): colour" in result.stderr
    assert cli.count() == 2


@pytest.mark.parametrize(("typed", "iso", "precision"), [
    ("2009", "2009", "year"), ("2009년", "2009", "year"), ("2009-03", "2009-03", "month"),
    ("2009년 3월", "2009-03", "month"), ("March 2009", "2009-03", "month"), ("Mar. 2009", "2009-03", "month"),
    ("03/2009", "2009-03", "month"), ("3.2009", "2009-03", "month"), ("2009/3", "2009-03", "month"),
    ("2009년 3월 15일", "2009-03-15", "day"), ("15 March 2009", "2009-03-15", "day"),
    ("March 15, 2009", "2009-03-15", "day"), ("15/03/2009", "2009-03-15", "day"),
    ("03/15/2009", "2009-03-15", "day"), ("20090315", "2009-03-15", "day"), ("2009년경", "2009", "year"),
])
def test_dates_as_people_type_them(typed: str, iso: str, precision: str) -> None:
    parsed = dates.parse(typed)
    assert (parsed.iso(), parsed.precision) == (iso, precision)


@pytest.mark.parametrize(("typed", "words"), [
    ("03/04/2009", "ambiguous"), ("2009-02-30", "does not exist"), ("2009-13", "month that does not exist"),
    ("1850", "outside 1900-2100"), ("soon", "not a date"), ("", "not a date"),
])
def test_dates_that_cannot_be_read_are_refused_in_words(typed: str, words: str) -> None:
    with pytest.raises(InvalidInput, match=words):
        dates.parse(typed)


def test_row_key_covers_every_field_of_the_record() -> None:
    """The ledger key lists the record's fields by hand (for speed): a new field must be added to it."""
    import dataclasses

    from vault.records import Event, TestimonyInput, Witness

    assert [f.name for f in dataclasses.fields(TestimonyInput)] == [
        "language", "text", "consent", "interview_date", "witness", "sensitive_terms", "events"]
    assert [f.name for f in dataclasses.fields(Witness)] == [
        "name", "aliases", "sex", "birth_year", "origin", "occupation", "exit_year", "arrival_year"]
    assert [f.name for f in dataclasses.fields(Event)] == [
        "violation_type", "date", "date_precision", "place", "perpetrator", "victims"]
