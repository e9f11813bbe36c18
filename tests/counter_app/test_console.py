"""The headless commands write UTF-8 whatever the console's code page (issue 14).

A Windows console program whose output is redirected writes through cp1252 (or cp932) unless
it switches its own streams: Japanese names then crash the command with UnicodeEncodeError.
``PYTHONIOENCODING=cp1252`` reproduces that code page on Linux.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from counter_app.console import reconfigure_to_utf8

ROOT = Path(__file__).resolve().parents[2]

# Any text a name, an address or a message can hold: every plane (𠮷 is outside the BMP),
# no lone surrogates (they are not text and UTF-8 cannot carry them).
TEXT = st.text(st.characters(exclude_categories=("Cs",)), min_size=1)


def _cp1252_stream(errors: str = "strict") -> tuple[io.BytesIO, io.TextIOWrapper]:
    raw = io.BytesIO()
    return raw, io.TextIOWrapper(raw, encoding="cp1252", errors=errors, newline="")


@given(TEXT)
def test_a_cp1252_stream_writes_any_text_as_utf8_once_switched(text: str) -> None:
    raw, stream = _cp1252_stream()
    assert reconfigure_to_utf8(stream) is True
    stream.write(text)
    stream.flush()
    assert raw.getvalue() == text.encode("utf-8")


def test_the_error_handler_of_the_stream_is_kept() -> None:
    _, stream = _cp1252_stream(errors="backslashreplace")
    reconfigure_to_utf8(stream)
    assert (stream.encoding, stream.errors) == ("utf-8", "backslashreplace")


def test_no_stream_or_a_stream_that_cannot_switch_is_left_alone() -> None:
    assert reconfigure_to_utf8(None) is False  # a windowed Windows program has no console
    buffer = io.StringIO()
    assert reconfigure_to_utf8(buffer) is False
    buffer.write("𠮷田 太郎")
    assert buffer.getvalue() == "𠮷田 太郎"


def _run_cli(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONUTF8", "PYTHONIOENCODING")}
    env.update(
        PYTHONIOENCODING="cp1252",  # the code page a Windows console program writes through
        PYTHONPATH=str(ROOT),
        COUNTER_APP_HOME=str(tmp_path),  # any log goes to the test's folder
    )
    return subprocess.run(
        [sys.executable, "-m", "counter_app", *args],
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )


def test_the_cli_prints_japanese_on_a_cp1252_console(tmp_path: Path) -> None:
    done = _run_cli(["--help"], tmp_path)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert "個人情報開示等請求 窓口受付アプリ" in done.stdout.decode("utf-8")


def test_the_cli_reports_a_name_outside_the_bmp_on_a_cp1252_console(tmp_path: Path) -> None:
    done = _run_cli(["𠮷田"], tmp_path)  # not a command: refused, and the word is echoed
    message = done.stderr.decode("utf-8")
    assert done.returncode == 2, message
    assert "指定が正しくありません" in message
    assert "𠮷田" in message
