"""Each record type is declared once (`generator.factbase.models`): what is derived from it stays in
step with it, and a field that holds ids cannot be left out of the references."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from pydantic import Field

from generator.cli import main
from generator.factbase.declaration import RecordType, Reference, identifier_fields, undeclared_identifier_fields
from generator.factbase.fieldtypes import Identifier, Text
from generator.factbase.models import DECLARATION_BY_FOLDER, DECLARATIONS, Citation, Record
from generator.integration.edit_links import edit_url, repository_root

REPOSITORY = "https://github.com/crisis-reports/kazakhstan-2022"


@pytest.mark.parametrize("declared", DECLARATIONS, ids=lambda declared: declared.folder)
def test_every_field_holding_ids_is_declared_a_reference_or_not_one(declared: RecordType) -> None:
    assert undeclared_identifier_fields(declared) == set()


@pytest.mark.parametrize("declared", DECLARATIONS, ids=lambda declared: declared.folder)
def test_references_name_declared_types_and_fields_that_hold_ids(declared: RecordType) -> None:
    fields = identifier_fields(declared.model)
    for reference in declared.references:
        assert reference.target in DECLARATION_BY_FOLDER, reference
        assert reference.field in fields, reference


class _Hearing(Record):
    """A record type whose author forgot to declare one of its fields of ids."""

    title: Text
    judge: Identifier
    witnesses: list[Identifier] = Field(default_factory=list)
    sources: list[Citation] = Field(default_factory=list)


def test_a_forgotten_reference_is_found() -> None:
    declared = RecordType(
        _Hearing,
        noun="hearing",
        page="hearings/index.md",
        template="hearings.md.j2",
        references=(Reference("judge", "actors"),),
    )
    assert undeclared_identifier_fields(declared) == {"witnesses", "sources.source"}
    explicit = RecordType(
        _Hearing,
        noun="hearing",
        page="hearings/index.md",
        template="hearings.md.j2",
        references=(Reference("judge", "actors"), Reference("sources", "sources")),
        not_references=("witnesses",),
    )
    assert undeclared_identifier_fields(explicit) == set()


def test_a_declaration_naming_a_missing_field_is_refused() -> None:
    with pytest.raises(ValueError, match="'jugde', which is not one of its fields"):
        RecordType(
            _Hearing,
            noun="hearing",
            page="hearings/index.md",
            template="hearings.md.j2",
            references=(Reference("jugde", "actors"),),
        )


def test_new_offers_every_declared_type() -> None:
    result = CliRunner().invoke(main, ["new", "--help"])
    assert result.exit_code == 0
    for declared in DECLARATIONS:
        assert declared.noun in result.output


@pytest.mark.parametrize(
    ("edit_uri", "docs", "root"),
    [
        ("edit/main/content/pages/", "content/pages", f"{REPOSITORY}/edit/main/"),
        ("edit/release/2.x/content/pages/", "content/pages", f"{REPOSITORY}/edit/release/2.x/"),
        ("blob/dev/content/pages", "content/pages", f"{REPOSITORY}/blob/dev/"),
        ("edit/master/docs/", "content/pages", f"{REPOSITORY}/edit/master/"),  # MkDocs's default for GitHub
        ("", "content/pages", None),
        (None, "content/pages", None),
    ],
)
def test_edit_links_follow_edit_uri(edit_uri: str | None, docs: str, root: str | None) -> None:
    assert repository_root(REPOSITORY, edit_uri, docs) == root


def test_edit_links_lead_to_the_record_or_its_folder_on_the_branch_of_edit_uri() -> None:
    root = f"{REPOSITORY}/edit/release/2.x/"
    assert (
        edit_url(REPOSITORY, root, "content", "places/almaty.md")
        == f"{REPOSITORY}/edit/release/2.x/content/places/almaty.yml"
    )
    assert edit_url(REPOSITORY, root, "content", "actors/index.md") == f"{REPOSITORY}/tree/release/2.x/content/actors"
    assert (
        edit_url(REPOSITORY, root, "content", "timeline/escalation.md")
        == f"{REPOSITORY}/tree/release/2.x/content/events"
    )
    assert (
        edit_url(REPOSITORY, root, "content", "reactions/index.md")
        == f"{REPOSITORY}/tree/release/2.x/content/reactions"
    )
    assert edit_url(REPOSITORY, root, "content", "index.md") == f"{REPOSITORY}/tree/release/2.x/content"
    gitlab = "https://gitlab.com/team/report"
    assert (
        edit_url(gitlab, f"{gitlab}/-/edit/main/", "content", "figures/index.md")
        == f"{gitlab}/-/tree/main/content/figures"
    )
