"""A config file is read through the checked reader: a head-office override that is huge is
refused with a ConfigError naming the file, before it is read."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app import paths
from counter_app.config.loader import MAX_CONFIG_BYTES, load_toml
from counter_app.errors import ConfigError

NAMES = sorted(p.name for p in paths.bundled_config_dir().glob("*.toml"))


@settings(max_examples=10, deadline=None)
@given(st.sampled_from(NAMES), st.integers(1, 4 * MAX_CONFIG_BYTES))
def test_an_oversized_config_file_is_refused(tmp_path_factory, name, extra):
    folder = tmp_path_factory.mktemp("override")
    text = (paths.bundled_config_dir() / name).read_text(encoding="utf-8")
    padding = "# " + "x" * 60 + "\n"
    body = text + padding * ((MAX_CONFIG_BYTES + extra - len(text.encode())) // len(padding) + 1)
    (folder / name).write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as refused:
        load_toml(name, folder)
    assert name in refused.value.message and "大きすぎます" in refused.value.message


@pytest.mark.parametrize("name", NAMES)
def test_the_bundled_files_are_well_within_the_limit(name):
    assert (paths.bundled_config_dir() / name).stat().st_size < MAX_CONFIG_BYTES // 10
    assert load_toml(name).name == name
