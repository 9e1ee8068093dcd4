"""Stable codes for every problem the validator reports, each with what it means.

A code names a kind of problem, not a message: messages may be reworded, codes never change
meaning and are never reused. The table is the one place where messages get their codes (matched
by the pattern of the message), so that the reference in ERRORS.md, the codes printed after each
problem and the tests that produce every problem stay in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader


@dataclass(frozen=True)
class ProblemCode:
    code: str
    name: str
    pattern: str
    meaning: str
    example: str = ""

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"

UNCLASSIFIED = ProblemCode("E000", "other", "", "A problem without a code of its own yet.")

CODES: tuple[ProblemCode, ...] = (
    # E1xx: the file itself and its YAML
    ProblemCode(
        "E101",
        "not-utf8",
        r"^invalid UTF-8 byte",
        "The file is not saved as UTF-8.",
        example="invalid UTF-8 byte 0xe9; save the file as UTF-8",
    ),
    ProblemCode(
        "E102",
        "byte-order-mark",
        r"^file starts with a byte-order mark",
        "The file starts with a byte-order mark.",
        example="file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
    ),
    ProblemCode(
        "E103",
        "empty-file",
        r"^file is empty",
        "The file holds no record.",
        example="file is empty; it must hold one record (key: value lines)",
    ),
    ProblemCode(
        "E104",
        "not-a-mapping",
        r"^expected a mapping of fields",
        "The file holds a list or a single value instead of fields.",
        example="expected a mapping of fields (key: value), found a list",
    ),
    ProblemCode(
        "E105",
        "several-documents",
        r"^only one YAML document per file",
        "The file holds more than one YAML document.",
        example="only one YAML document per file (remove '---')",
    ),
    ProblemCode(
        "E106",
        "control-character",
        r"^control character U\+",
        "A control character that YAML does not allow.",
        example="control character U+0007 is not allowed in YAML",
    ),
    ProblemCode(
        "E107",
        "too-deep",
        r"^nesting deeper than",
        "Lists or mappings nested deeper than any record needs.",
        example="nesting deeper than 12 levels is not allowed",
    ),
    ProblemCode(
        "E108",
        "yaml-syntax",
        r"^YAML (syntax )?error",
        "The text is not valid YAML.",
        example="YAML syntax error: while scanning an anchor did not find expected alphabetic or numeric character; quote text that starts with '&'",
    ),
    ProblemCode(
        "E109",
        "anchor",
        r"^anchors \(",
        "A YAML anchor (&name), which records do not use.",
        example="anchors (&a) are not allowed; quote text that starts with '&'",
    ),
    ProblemCode(
        "E110",
        "alias",
        r"^aliases \(",
        "A YAML alias (*name), which records do not use.",
        example="aliases (*a) are not allowed; write the value out, or quote text that starts with '*'",
    ),
    ProblemCode(
        "E111",
        "tag",
        r"^tags \(",
        "A YAML tag (!name), which records do not use.",
        example="tags (!important) are not allowed; quote text that starts with '!'",
    ),
    ProblemCode(
        "E112",
        "merge-key",
        r"^merge keys \(",
        "A YAML merge key (<<).",
        example="merge keys (<<) are not allowed; write the fields out",
    ),
    ProblemCode(
        "E113",
        "yaml-directive",
        r"^YAML directives",
        "A %YAML or %TAG directive.",
        example="YAML directives (%YAML, %TAG) are not allowed; this project reads YAML 1.2 only",
    ),
    ProblemCode(
        "E114",
        "duplicate-key",
        r"^duplicate key '",
        "The same key twice in one mapping.",
        example="duplicate key 'category' (first at line 6)",
    ),
    ProblemCode(
        "E115",
        "tab",
        r"^tab character",
        "A tab character, which YAML does not allow for indentation.",
        example="tab character; indent with spaces and write tabs in text as spaces",
    ),
    ProblemCode(
        "E116",
        "comment-eats-text",
        r"after this value is read as a comment",
        "A ' #' inside an unquoted value turns the rest into a comment.",
        example="'#2 in the square' after this value is read as a comment and dropped; quote the value if it belongs to it, or move the comment to its own line",
    ),
    ProblemCode(
        "E117",
        "invisible-character",
        r"^invisible character U\+",
        "A bidi control or zero-width character that can make text read differently.",
        example="invisible character U+202E (RIGHT-TO-LEFT OVERRIDE) at position 6: it can make text read differently from what it says; remove it",
    ),
    ProblemCode(
        "E118",
        "file-too-large",
        r"^file is [0-9.]+ MiB",
        "A record file larger than any record needs.",
        example="file is 2.0 MiB; a record file must be under 512 KiB",
    ),
    ProblemCode(
        "E119",
        "unreadable-file",
        r"^cannot read file",
        "The file cannot be read.",
        example="cannot read file: Permission denied",
    ),
    ProblemCode(
        "E120",
        "missing-modeline",
        r"^first line must be the schema modeline",
        "The first line does not point editors to the record's JSON Schema.",
        example="first line must be the schema modeline '# yaml-language-server: $schema=../schema/event.schema.json' (run `python -m generator fmt` to add it)",
    ),
    # E13x: what `fmt` cannot do to a file (the file is left as it is)
    ProblemCode(
        "E131",
        "fmt-fields-unclear",
        r"cannot tell the fields of this file apart",
        "fmt cannot tell where one field ends and the next begins (check the indentation).",
        example="cannot tell the fields of this file apart; check its indentation",
    ),
    ProblemCode(
        "E132",
        "fmt-would-change-value",
        r"formatting would change a value",
        "Writing the file canonically would change a value (quote text values).",
        example="formatting would change a value; quote text values and run fmt again",
    ),
    ProblemCode(
        "E133",
        "fmt-would-lose-comment",
        r"formatting would drop or change the comment|is between the key",
        "A comment that canonical form cannot keep where it is (e.g. between a key and its value).",
        example="the comment '# check' is between the key 'title' and its value; move it above the key",
    ),
    ProblemCode(
        "E134",
        "fmt-file-changed",
        r"the file changed while fmt was running",
        "The file was saved while fmt worked on it; it is left as saved.",
        example="the file changed while fmt was running; left as saved, run fmt again",
    ),
    ProblemCode(
        "E135",
        "fmt-cannot-format",
        r"^cannot format: ",
        "A value fmt cannot write back (reported with the reason).",
        example="cannot format: could not determine a constructor for the tag",
    ),
    # E2xx: one field of one record
    ProblemCode(
        "E201",
        "unknown-field",
        r"^unknown field '",
        "A field the record type does not have (often a typo).",
        example="unknown field 'categroy' (did you mean 'category'?)",
    ),
    ProblemCode(
        "E202",
        "missing-field",
        r"^missing required field '",
        "A field the record type requires is missing.",
        example="missing required field 'confidence'",
    ),
    ProblemCode(
        "E203",
        "not-in-vocabulary",
        r"^invalid [\w .-]+ '.*'.*; expected one of:",
        "A value outside the field's controlled vocabulary.",
        example="invalid category 'protests' (did you mean 'protest'?); expected one of: protest, clash, security-operation",
    ),
    ProblemCode(
        "E204",
        "wrong-type",
        r"^(\w+: )?expected [^,]+, (found|got) ",
        "A value of the wrong kind: a list where text is expected, text where a number is expected...",
        example="places: expected a list, found 'testville'",
    ),
    ProblemCode(
        "E205",
        "empty-or-too-few",
        r": (must not be empty|needs at least one entry)$",
        "Empty text, or an empty list where at least one entry is needed.",
        example="sources: needs at least one entry",
    ),
    ProblemCode(
        "E206",
        "bad-date-or-time",
        r"(impossible (date|month)|invalid (date|time) ')",
        "A date or time that is not YYYY-MM-DD / HH:MM, or that does not exist.",
        example="date: impossible date '2022-02-30': day is out of range for month",
    ),
    ProblemCode(
        "E207",
        "bad-id",
        r"(^|: )invalid id '",
        "An id that is not lower-case letters, digits and single hyphens.",
        example="id: invalid id 'First_Rally': use lower-case letters, digits and single hyphens (e.g. 'first-rally')",
    ),
    ProblemCode(
        "E208",
        "bad-url",
        r"(^|: )URL (must|has|host|points)",
        "A URL that is not a public http(s) web page.",
        example="url: URL must start with http:// or https://, got 'javascript:alert(1)'",
    ),
    ProblemCode(
        "E209",
        "bad-code",
        r"unknown (language|country) code",
        "A language or country code that is not a known BCP 47 / ISO 3166 code.",
        example="language: unknown language code 'english': use a BCP 47 tag such as 'en', 'ru', 'kk', 'zh-Hans'",
    ),
    ProblemCode(
        "E210",
        "bad-count",
        r"(is not a count|the most this metric allows)",
        "A count with too many digits for what it counts.",
        example="value: a number of 401 digits is not a count; a count has at most 12 digits",
    ),
    ProblemCode(
        "E211",
        "out-of-range",
        r"input should be (less|greater) than",
        "A number outside its allowed range (a latitude above 90...).",
        example="latitude: input should be less than or equal to 90",
    ),
    ProblemCode(
        "E212",
        "fields-disagree",
        r"(\) is before (the )?start|is greater than max|needs 'precision: month'|give either 'value'|give 'value', or|needs an English 'translation'|needs a 'label'|is before published|is repeated in 'also')",
        "Two fields of one record contradict each other (an end before the start, min above max...).",
        example="end (2022-01-01) is before the start (2022-01-02)",
    ),
    # E3xx: references between records and the report
    ProblemCode(
        "E301",
        "unknown-reference",
        r"^unknown (?!field|chart|source '.*' cited)[\w -]+ '",
        "A reference to a record that does not exist.",
        example="unknown actor 'home-polise' (did you mean 'home-police'?)",
    ),
    ProblemCode(
        "E302",
        "wrong-kind",
        r"^'.*' is an? [\w -]+, not an? ",
        "A reference to a record of another kind (an actor where a place is expected).",
        example="'home-police' is an actor, not a place",
    ),
    ProblemCode(
        "E303",
        "duplicate-id",
        r"^duplicate (id|phase id|publisher id) '",
        "Two records (or phases, publishers) with one id.",
        example="duplicate id 'wire-one' (already used by content/sources/wire-one.yml:2)",
    ),
    ProblemCode(
        "E304",
        "id-not-file-name",
        r"does not match the file name",
        "A record's id differs from its file name.",
        example="id '2022-01-02-first-ralley' does not match the file name '2022-01-02-first-rally.yml'; rename one of them",
    ),
    ProblemCode(
        "E305",
        "outside-period",
        r"(the report period|falls in no timeline phase)",
        "A date and its phase disagree with the report period.",
        example="date 2022-02-10 is after the report period (2022-01-01..2022-01-31); mark it 'phase: follow-up'",
    ),
    ProblemCode(
        "E306",
        "cycle",
        r" a cycle: ",
        "Records that point at each other in a circle (parents, extended measures).",
        example="parent makes a cycle: a → b → a",
    ),
    ProblemCode(
        "E307",
        "duplicate-url",
        r"^same URL as source",
        "Two sources with one URL.",
        example="same URL as source 'paper-two'; cite that source instead",
    ),
    ProblemCode(
        "E308",
        "outside-country",
        r"^coordinates .* are outside",
        "A place whose coordinates are outside its country.",
        example="coordinates 76.9, 43.25 are outside FR; check the order (latitude first) and the signs",
    ),
    ProblemCode(
        "E309",
        "reaction-by-person",
        r"is a person; a reaction belongs to",
        "A reaction attributed to a person rather than a state or organisation.",
        example="'jane-doe' is a person; a reaction belongs to a state or organisation (put the person in 'speaker')",
    ),
    ProblemCode(
        "E310",
        "reserved-id",
        r"is reserved for",
        "An id that a generated page already uses.",
        example="id 'index' is reserved for the places index page; choose another id",
    ),
    # E4xx: files, folders and hand-written pages
    ProblemCode(
        "E401",
        "not-read",
        r"^(not read: |'.*' is not a record folder|record files must be directly in|only '.*' and the files of the record folders are read)",
        "A file or folder under content/ that the generator does not read.",
        example="not read: 'event' is not a record folder (did you mean 'events'?)",
    ),
    ProblemCode(
        "E402",
        "unknown-citation",
        r"^unknown source '.*' cited",
        "A hand-written page cites a source id that does not exist.",
        example="unknown source 'paper-3' cited (did you mean 'paper-two'?)",
    ),
    ProblemCode(
        "E403",
        "bad-citation-mark",
        r"is not a citation: write \[@source-id\]",
        "A [@...] mark that is not a source id.",
        example="'[@Paper Two]' is not a citation: write [@source-id] with the id of a source",
    ),
    ProblemCode(
        "E404",
        "active-markup",
        r"in a hand-written \w+: write Markdown",
        "Script, raw HTML or other active content in a hand-written page.",
        example="raw <script> element in a hand-written page: write Markdown",
    ),
    ProblemCode(
        "E405",
        "published-as-is",
        r"would be published as it is",
        "A non-Markdown file among the hand-written pages.",
        example="a .html file among the hand-written pages would be published as it is",
    ),
    ProblemCode(
        "E406",
        "unknown-chart",
        r"^unknown chart '",
        "A template asks for a chart that no chart declares (charts/catalogue.py).",
        example="unknown chart 'figurs-deaths' (did you mean 'figures-deaths'?); the charts are: events-per-day, figures-deaths, map",
    ),
    # E5xx: the source register
    ProblemCode(
        "E501",
        "not-in-register",
        r"is not in the source register",
        "A publisher or agency missing from content/publishers.yml.",
        example="publisher 'Daily Example' is not in the source register (publishers.yml)",
    ),
    ProblemCode(
        "E502",
        "register-spelling",
        r"already names the publisher at line",
        "One spelling given to two publishers of the register.",
        example="'Daily Example' already names the publisher at line 4; one text, one publisher",
    ),
    # E7xx: translations (facts kept; W7xx warnings unless translations are required)
    ProblemCode(
        "E701",
        "translation-changes-a-fact",
        r"of the [\w ]+ text is missing|is not in the [\w ]+ text",
        "A translation lacks, or adds, a number, date, percentage, citation or link of its original.",
        example="translations.fr.summary: number 9,900 of the English text is missing (found 9 000)",
    ),
    ProblemCode(
        "W702",
        "translation-drops-a-negation",
        r"text has a negation .* that the translation lacks",
        "The original says 'not', 'no' or 'never' and its translation has no negation (check it).",
        example="translations.fr.summary: the English text has a negation ('not') that the translation lacks",
    ),
    ProblemCode(
        "W703",
        "translation-missing",
        r"^no [\w ]+ translation of",
        "A text of a record or page has no translation into one of the report's languages (an error when "
        "translations are required: check --require-translations).",
        example="no French translation of 'summary'",
    ),
    ProblemCode(
        "W704",
        "translation-of-nothing",
        r"translates nothing: the record has no",
        "A translation of a text the record does not have (removed from the original?).",
        example="translations.fr.note: translates nothing: the record has no 'note'",
    ),
    ProblemCode(
        "E705",
        "misplaced-quote-translation",
        r"(a translated quote needs the reaction's own 'quote'|the quote is already in)",
        "A quote translation without a quote, or into the quote's own language.",
        example="the quote is already in 'fr': keep it as it is, without a translation",
    ),
    ProblemCode(
        "E706",
        "language-twice",
        r"is listed twice",
        "A language listed twice in report.yml's languages.",
        example="'fr' is listed twice",
    ),
    # E8xx: the report's settings (content/vocabularies.yml, report.yml)
    ProblemCode(
        "E801",
        "setting-missing",
        r"needs an? '\w+' \(the charts and checks use it\)",
        "A vocabulary member lacks a setting the charts or checks use (a colour, a marker...).",
        example="category 'protest' needs a 'colour' (the charts and checks use it)",
    ),
    ProblemCode(
        "E802",
        "member-required",
        r"must declare the member '",
        "A vocabulary lacks a member the generator's code relies on (precision, phase, confidence...).",
        example="phase must declare the member 'main': the generator's code relies on it",
    ),
    ProblemCode(
        "E803",
        "default-language-missing",
        r"needs an '\w+' entry \(the default language\)",
        "A text given per language lacks the default language.",
        example="label needs an 'en' entry (the default language)",
    ),
    ProblemCode(
        "E804",
        "settings-file-missing",
        r"^missing (vocabularies|report) file",
        "content/vocabularies.yml or content/report.yml is missing.",
        example="missing report file: it gives the report's title, period and timeline phases",
    ),
    ProblemCode(
        "E805",
        "bad-colour",
        r"invalid colour '",
        "A colour that is not written #rrggbb.",
        example="colour: invalid colour 'orange': write it as #rrggbb in lower-case hexadecimal, e.g. '#e69f00'",
    ),
    # W6xx: warnings (printed, never fail a build)
    ProblemCode(
        "W601",
        "uncited-source",
        r"is cited by no record and no page",
        "A source nothing cites.",
        example="source 'wire-three' is cited by no record and no page",
    ),
    ProblemCode(
        "W602",
        "confidence-vs-voices",
        r"^marked 'confirmed' but its sources give",
        "A record marked confirmed whose sources are fewer than two independent voices.",
        example="marked 'confirmed' but its sources give 1 independent voice",
    ),
)


def code_of(message: str) -> ProblemCode:
    """The code of a problem's message; the first matching entry of the table wins."""
    for entry in CODES:
        if entry.regex.search(message):
            return entry
    return UNCLASSIFIED


def reference_markdown(templates_dir: Path = TEMPLATES_DIR) -> str:
    """The reference of every code with its meaning and an example, as Markdown (ERRORS.md)."""
    environment = Environment(loader=FileSystemLoader(templates_dir), autoescape=False, keep_trailing_newline=True)
    return environment.get_template("dev/errors.md.j2").render(codes=CODES)


_LOCATED = re.compile(r"^[^\n]*?:\d+:\d+: (?:warning: )?(?P<message>.*)$", re.S)
_CODED = re.compile(r" \[[EW]\d{3}\]$")


def with_code(problem: str) -> str:
    """A located problem line ('path:line:col: message'), written elsewhere than by `Diagnostic`, with its code."""
    if _CODED.search(problem):
        return problem
    located = _LOCATED.match(problem)
    return f"{problem} [{code_of(located['message'] if located else problem).code}]"
