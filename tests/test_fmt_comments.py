"""Property: `fmt` keeps every comment, wherever it is, and formatting twice changes nothing (issue 12)."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.editing.fmt import format_text
from generator.editing.yamlcomments import comments
from generator.factbase.models import Event
from generator.factbase.schema import modeline

MODELINE = modeline(Event)
# Top-level fields of an event as blocks of lines; `True` marks a line that may end with a comment
# (after a quoted value or a key opening a list or mapping; after a plain value YAML would eat text).
BLOCKS: list[list[tuple[str, bool]]] = [
    [("id: e1", False)],
    [("date: 2022-01-02", False)],
    [("title: 'A title'", True)],
    [('summary: "A summary: with a colon"', True)],
    [("category: protest", False)],
    [("confidence: reported", False)],
    [("sources:", True), ("  - wire-one", False), ("  - source: paper-two", False), ("    locator: 'p. 2'", True)],
    [("places:", True), ("  - testville", False)],
    [("quote:", True), ("  language: en", False), ("  text: 'Hello'", True)],
    [("note: |", False), ("  Line one", False), ("  # not a comment: text of the note", False)],
]
comment_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20).map(
    lambda text: "#" + text.rstrip()
)


@st.composite
def commented_event(draw: st.DrawFn) -> str:
    order = draw(st.permutations(range(len(BLOCKS))))
    lines: list[str] = []
    if draw(st.booleans()):
        lines.append(MODELINE)
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(comment_text))
    for index in order:
        block = BLOCKS[index]
        for position, (line, may_end_with_comment) in enumerate(block):
            indent = line[: len(line) - len(line.lstrip())]
            if draw(st.integers(0, 3)) == 0 and not (index == len(BLOCKS) - 1 and position > 0):
                lines.append(draw(st.sampled_from([indent, ""])) + draw(comment_text))
            if may_end_with_comment and draw(st.booleans()):
                line += " " + draw(comment_text)
            lines.append(line)
    if draw(st.booleans()):
        lines.append("")
    for _ in range(draw(st.integers(0, 2))):
        lines.append(draw(comment_text))
    if draw(st.booleans()):
        lines += ["...", draw(comment_text)]
    return "\n".join(lines) + "\n"


def _comment_texts(text: str) -> Counter[str]:
    return Counter(comment.text for comment in comments(text))


@settings(max_examples=300, deadline=None)
@given(text=commented_event())
def test_fmt_keeps_every_comment_and_is_idempotent(text: str) -> None:
    formatted, problem = format_text(text, Event, "e1.yml")
    assert problem is None, problem
    added = Counter() if text.startswith(MODELINE) else Counter([MODELINE])
    assert _comment_texts(formatted) == _comment_texts(text) + added
    assert format_text(formatted, Event, "e1.yml") == (formatted, None)


@settings(max_examples=100, deadline=None)
@given(text=commented_event(), comment=comment_text)
def test_a_comment_between_a_key_and_its_value_is_refused_not_lost(text: str, comment: str) -> None:
    moved = text.replace("title: 'A title'", f"title: {comment}\n  'A title'", 1)
    formatted, problem = format_text(moved, Event, "e1.yml")
    assert formatted == moved
    assert problem is not None and "between the key 'title' and its value" in problem
