"""The importer's refusals (English, from ``vault.imports``) in the visitor's words.

The importer speaks to the terminal in English: a row "is not a date this import can read",
a file "is not a well-formed CSV file (...)". On the web import pages each known refusal is
shown from the catalogue in the visitor's language; the file's and the columns' own names
stay as they are (they are the archivist's data). A refusal this module does not know is shown
as written in English, and in Korean as a general sentence that says where to look (the
downloadable report keeps the importer's own words).
"""
from __future__ import annotations

import re

from vault.imports import fields
from webui.form_errors import PROBLEMS, describe_known
from webui.i18n import current_language, translate

#: The importer's wording of a row's problem -> catalogue key (named groups fill the sentence).
ROW_PROBLEMS = (
    (re.compile(r"^is not a date$"), "import.p.not_a_date"),
    (re.compile(r"^is not a date this import can read\b.*$"), "import.p.unreadable_date"),
    (re.compile(r"^is ambiguous: day and month could be either way round\b.*$"), "import.p.ambiguous_date"),
    (re.compile(r"^has a year outside 1900-2100$"), "problem.year"),
    (re.compile(r"^has a month that does not exist$"), "import.p.month"),
    (re.compile(r"^is a day that does not exist in the calendar$"), "problem.not_a_date"),
    (re.compile(r"^is not a language this archive keeps\b.*$"), "import.p.language"),
    (re.compile(r"^is not a consent scope\b.*$"), "import.p.consent"),
    (re.compile(r"^is not a sex this archive records\b.*$"), "import.p.sex"),
    (re.compile(r"^gives only a (year|month): an interview date needs the day\b.*$"), "import.p.interview_day"),
    (re.compile(r"^fills a field that another column of this row already filled$"), "import.p.twice"),
    (re.compile(r"^is not one of the archive's violation types$"), "import.p.violation"),
    (re.compile(r"^already imported as (?P<id>\S+)$"), "import.p.already"),
    (re.compile(r"^the same testimony as row (?P<row>\d+): imported once$"), "import.p.same_as"),
    (re.compile(r"^the same testimony as row (?P<row>\d+) of (?P<file>.+): imported once$"), "import.p.same_as_in"),
    (re.compile(r"^Martus could not export one of this bulletin's attachments\b.*$"), "import.p.martus_attachment"),
    *PROBLEMS,
)
#: The importer's wording of a whole file's refusal (after "NAME: ") -> catalogue key.
FILE_PROBLEMS = (
    (re.compile(r"^is not a well-formed CSV file\b.*$"), "import.f.csv"),
    (re.compile(r"^(its first sheet )?has no header row naming its columns$"), "import.f.header"),
    (re.compile(r"^is not text in UTF-8 or Korean Windows encoding\b.*$"), "import.f.encoding"),
    (re.compile(r"^line (?P<n>\d+) is not UTF-8 text\b.*$"), "import.f.line_encoding"),
    (re.compile(r"^is not JSON Lines\b.*$"), "import.f.jsonl"),
    (re.compile(r"^is not an XLSX workbook this import can read\b.*$"), "import.f.xlsx"),
    (re.compile(r"^the workbook has no worksheet$"), "import.f.xlsx"),
    (re.compile(r"^is not well-formed XML \(error at line (?P<n>\d+)\)$"), "import.f.xml"),
    (re.compile(r"^refused: the XML declares entities or a DTD\b.*$"), "import.f.dtd"),
    (re.compile(r"^is XML but not a Martus bulletin export\b.*$"), "import.f.not_martus"),
    (re.compile(r"^Martus export format version .* is not one this import knows\b.*$"), "import.f.martus_version"),
    (re.compile(r"^bulletin (?P<n>\d+) has no FieldValues\b.*$"), "import.f.martus_incomplete"),
    (re.compile(r"^is not an Uwazi export: it has no Title column$"), "import.f.not_uwazi"),
    (re.compile(r"^no column holds the witness's consent\b.*$"), "import.consent_needed"),
    (re.compile(r"^these columns are not assigned to any field\b.*$"), "import.f.unassigned"),
    (re.compile(r"^the vault was locked before this import started\b.*$"), "import.f.locked"),
    (re.compile(r"^the import stopped unexpectedly\b.*$"), "import.f.stopped"),
)
_NAMED = re.compile(r"^(?P<name>[^:]{1,200}): (?P<rest>.+)$", re.S)
_BOTH = re.compile(r"^columns (?P<a>.+) and (?P<b>.+) both fill '(?P<label>[^']+)'")


def row_problem(message: str) -> str:
    """A row's problem, as the import page shows it."""
    for pattern, key in ROW_PROBLEMS:
        found = pattern.match(message)
        if found:
            return _sentence(translate(key, **found.groupdict()))
    known = describe_known(message)  # a record-parser refusal that still names its field
    if known is not None:
        return known
    return message if current_language() == "en" else translate("import.p.general")


def file_problem(message: str) -> str:
    """Why a whole file (or the chosen columns) was refused, as the import pages show it."""
    both = _BOTH.match(message)
    if both:
        target = next((t for t in fields.TARGETS if t.label_en == both["label"]), None)
        label = both["label"] if target is None else (target.label_ko if current_language() == "ko" else target.label_en)
        return translate("import.f.both", a=both["a"], b=both["b"], field=label)
    named = _NAMED.match(message)
    for name, rest in (("", message), (named["name"], named["rest"]) if named else ("", "")):
        for pattern, key in FILE_PROBLEMS:
            found = pattern.match(rest)
            if found:
                sentence = _sentence(translate(key, **found.groupdict()))
                return f"{name}: {sentence}" if name else sentence
    return message if current_language() == "en" else translate("import.f.general")


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]
