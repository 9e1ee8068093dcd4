"""Read `mkdocs.yml` exactly as MkDocs does (its YAML loader: `!ENV`, `!!python/name:`, `INHERIT`),
and write one back with those tags as they were typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from mkdocs.exceptions import ConfigurationError
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from generator.errors import Failure

_PYTHON_TAGS = "tag:yaml.org,2002:python/"


class ConfigFileError(Failure):
    """mkdocs.yml cannot be read; the message says why."""


class _Tagged:
    """A value written with a tag (`!ENV`, `!relative`, `!!python/name:`): kept as typed, not resolved."""

    def __init__(self, node: yaml.Node) -> None:
        self.node = node


def _keep(loader: yaml.BaseLoader, *args: Any) -> _Tagged:
    return _Tagged(args[-1])


def _tag_keeping_loader() -> type[yaml.BaseLoader]:
    loader: Any = get_yaml_loader()

    class Loader(loader):
        pass

    Loader.add_constructor("!ENV", _keep)
    Loader.add_constructor("!relative", _keep)
    for prefix in [*Loader.yaml_multi_constructors, _PYTHON_TAGS]:
        if prefix and prefix.startswith(_PYTHON_TAGS):
            Loader.add_multi_constructor(prefix, _keep)
    return Loader


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Tagged, lambda dumper, tagged: tagged.node)


def read_config(config_file: Path, *, keep_tags: bool = False) -> dict[str, Any]:
    """The configuration as MkDocs reads it; with `keep_tags`, tagged values stay unresolved."""
    try:
        with config_file.open("rb") as handle:
            data = yaml_load(handle, _tag_keeping_loader() if keep_tags else None)
    except OSError as error:
        raise ConfigFileError(f"{config_file}: cannot read: {error.strerror or error}") from None
    except (ConfigurationError, yaml.YAMLError, ImportError, ValueError) as error:
        raise ConfigFileError(f"{config_file}: {error}") from None
    if not isinstance(data, dict):
        raise ConfigFileError(f"{config_file}: not a mapping of settings")
    return data


def dump_config(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_Dumper, default_flow_style=False, sort_keys=False, allow_unicode=True)
