"""The one kind of failure a command reports to the user: a sentence and an exit status, no traceback.

Every stage raises a subclass (a bad mkdocs.yml, an export that cannot be written, a PDF that cannot
be printed); the command line turns each into `error: <message>` and its exit status in one place.
"""

from __future__ import annotations


class Failure(Exception):
    """A problem the user can fix; `str(failure)` says what and where."""

    exit_code = 1


class UsageFailure(Failure):
    """A command was pointed at something that is not there (a folder, a file, a port)."""

    exit_code = 2
