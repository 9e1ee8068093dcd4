"""A template asking for a chart no chart declares: a content error at the template's line, not a blank."""

from __future__ import annotations

import traceback
from pathlib import Path

from generator.factbase.diagnostics import ContentError, Diagnostic, did_you_mean
from generator.factbase.loader import display_path


class UnknownChart(Exception):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(name)
        self.name = name
        self.known = known

    def where_asked(self) -> ContentError:
        """The error at the template line that asked for the chart (Jinja maps its frames to template lines)."""
        frames = [frame for frame in traceback.extract_tb(self.__traceback__) if frame.filename.endswith(".j2")]
        path, line = (display_path_of(frames[-1].filename), frames[-1].lineno or 1) if frames else ("templates", 1)
        message = (
            f"unknown chart '{self.name}'{did_you_mean(self.name, self.known)}; the charts are: {', '.join(self.known)}"
        )
        return ContentError([Diagnostic(path, line, 1, message)])


def display_path_of(filename: str) -> str:
    return display_path(Path(filename))
