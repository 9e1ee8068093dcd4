"""Where the edit button of a generated page leads: the YAML file (or folder) the page is made from.

The branch and the repository's web address come from `repo_url` and `edit_uri` of mkdocs.yml, as
for the hand-written pages: `edit_uri` ends with the docs folder (`edit/main/content/pages/`), so
what comes before it is the edit address of the repository's root (`edit/main/`).
"""

from __future__ import annotations

import posixpath
from urllib.parse import urljoin

from generator.factbase.models import DECLARATIONS

# A folder is shown, not edited: GitHub's `edit/<branch>/` and `blob/<branch>/` become `tree/<branch>/`.
_FILE_ACTIONS = ("edit", "blob")


def repository_root(repo_url: str, edit_uri: str | None, docs_folder: str) -> str | None:
    """The edit address of the repository's root (ending with `/`), or None when edit links are off."""
    if not repo_url or not edit_uri:
        return None
    base = urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", edit_uri)
    base = base if base.endswith("/") else base + "/"
    docs = docs_folder.strip("/") + "/"
    if docs != "./" and base.endswith("/" + docs):
        return base[: -len(docs)]
    # An edit_uri that does not end with the docs folder: keep its `<action>/<branch>/` part.
    head, _, path = base.partition(repo_url.rstrip("/") + "/")
    parts = path.split("/")
    return f"{head}{repo_url.rstrip('/')}/{'/'.join(parts[:2])}/" if len(parts) > 2 else None


def edit_url(repo_url: str, root: str, content: str, page_path: str) -> str:
    """Where to edit the facts behind a generated page: a record's file, or the folder of its records."""
    chapter, _, rest = page_path.partition("/")
    for declared in DECLARATIONS:
        if declared.chapter != chapter:
            continue
        if declared.one_page_per_record and rest != "index.md":
            return root + posixpath.join(content, declared.folder, rest.removesuffix(".md") + ".yml")
        return _folder(repo_url, root) + posixpath.join(content, declared.folder)
    return _folder(repo_url, root) + content


def _folder(repo_url: str, root: str) -> str:
    """The root's address for showing a folder: `.../edit/<branch>/` becomes `.../tree/<branch>/`."""
    repository = repo_url.rstrip("/") + "/"
    if not root.startswith(repository):
        return root
    parts = root[len(repository) :].split("/")
    action = next((index for index, part in enumerate(parts) if part in _FILE_ACTIONS), None)
    if action is not None:
        parts[action] = "tree"
    return repository + "/".join(parts)
