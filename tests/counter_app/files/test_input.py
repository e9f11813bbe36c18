"""The checked input reader: only a regular file within the limit is ever read.

Paths are drawn by class (over-long, NUL, missing folder, folder, FIFO, device, symbolic
links to a device / a FIFO / themselves, a 5 GB sparse file): each is refused with a
Japanese message naming the path, at once — a FIFO is not waited on, a device not read.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.echo import LINE_LIMIT
from counter_app.files.input import (
    MAX_JSON_BYTES,
    check_input_file,
    read_input_file,
)
from counter_app.files.paths import FileRefused
from tests.time_limit import time_limit

from .path_classes import Playground, bad_input_paths


def playground(tmp_path_factory) -> Playground:
    return Playground.build(tmp_path_factory.getbasetemp() / "input-playground")


@pytest.fixture(autouse=True)
def never_hang():
    """A test that waits on a FIFO fails after 10 s instead of hanging the suite."""
    with time_limit(10, "the reader waited (a FIFO?)"):
        yield


def japanese(text: str) -> bool:
    return any("\u3040" <= ch <= "\u30ff" for ch in text)


def test_every_bad_path_is_refused_at_once(tmp_path_factory):
    ground = playground(tmp_path_factory)

    @settings(max_examples=150, deadline=None)
    @given(bad_input_paths(ground), st.booleans())
    def check(case, just_check):
        kind, path = case
        started = time.monotonic()
        with pytest.raises(FileRefused) as refused:
            if just_check:
                check_input_file(path, limit=MAX_JSON_BYTES)
            else:
                read_input_file(path, limit=MAX_JSON_BYTES)
        assert time.monotonic() - started < 2, kind
        text = refused.value.user_text()
        assert japanese(text), text
        assert all(len(line) <= LINE_LIMIT for line in text.splitlines()), kind
        if kind not in ("nul",):
            assert "「" in text  # names the path (cut)

    check()


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "intake.json"
    data = '{"名前": "山田 花子"}'.encode() * 1000
    path.write_bytes(data)
    assert read_input_file(str(path), limit=len(data)) == data
    assert check_input_file(str(path), limit=len(data)) == path
    with pytest.raises(FileRefused, match="大きすぎます"):
        read_input_file(str(path), limit=len(data) - 1)


def test_a_symlink_to_a_regular_file_is_read(tmp_path):
    path = tmp_path / "real.json"
    path.write_text("{}", encoding="utf-8")
    os.symlink(path, tmp_path / "link.json")
    assert read_input_file(str(tmp_path / "link.json"), limit=10) == b"{}"


@given(st.binary(max_size=3000), st.integers(0, 3000))
def test_standard_input_is_read_up_to_the_limit(data, limit):
    import io
    import sys

    class Stdin:
        buffer = io.BytesIO(data)

    saved = sys.stdin
    sys.stdin = Stdin()  # type: ignore[assignment]
    try:
        if len(data) > limit:
            with pytest.raises(FileRefused, match="標準入力"):
                read_input_file("-", limit=limit)
        else:
            assert read_input_file("-", limit=limit) == data
    finally:
        sys.stdin = saved


def test_unreadable_file_names_the_reason(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root reads any file")
    path = tmp_path / "secret.json"
    path.write_text("{}", encoding="utf-8")
    path.chmod(0)
    with pytest.raises(FileRefused, match="権限"):
        read_input_file(str(path), limit=10)
