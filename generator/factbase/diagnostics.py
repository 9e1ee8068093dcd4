"""Problems found in the content, reported like a compiler: `path:line:col: message`."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from generator.factbase.codes import code_of


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    column: int
    message: str
    # A warning is printed but does not fail `check` or the build.
    warning: bool = False

    @property
    def code(self) -> str:
        """The stable code of this kind of problem (see ERRORS.md), e.g. 'E301'."""
        return code_of(self.message).code

    @property
    def located(self) -> str:
        """`path:line:col: [warning: ]message`, the problem without its code."""
        return f"{self.path}:{self.line}:{self.column}: {'warning: ' if self.warning else ''}{self.message}"

    def __str__(self) -> str:
        return f"{self.located} [{self.code}]"


class ContentError(Exception):
    """Raised when the content has problems; carries all of them, sorted, and the warnings found with them."""

    def __init__(self, diagnostics: Iterable[Diagnostic], warnings: Iterable[Diagnostic] = ()) -> None:
        self.diagnostics = sorted(set(diagnostics))
        self.warnings = sorted(set(warnings))
        super().__init__(self.render())

    def render(self) -> str:
        lines = [str(d) for d in sorted(self.diagnostics + self.warnings)]
        count = len(self.diagnostics)
        lines.append(f"{count} problem{'s' if count != 1 else ''} found{plural_warnings(len(self.warnings))}")
        return "\n".join(lines)


def plural_warnings(count: int) -> str:
    """', N warning(s)' when there are any, else ''."""
    return f", {count} warning{'s' if count != 1 else ''}" if count else ""


def did_you_mean(word: str, candidates: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' suffix when a close candidate exists, else ''."""
    matches = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f" (did you mean '{matches[0]}'?)" if matches else ""
