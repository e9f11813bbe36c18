"""Starting the window where it cannot work (issue 9, item 14): no desktop session is said in
Japanese (naming --self-test and the commands) instead of Qt's abort; a keyring that cannot
keep the key is said before the first-run form can be filled; ``--help`` lists the window's
options. The launcher runs as a real process, as a person would start it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from hypothesis import given
from hypothesis import strategies as st
from keyring.backends import fail

from ui.context import AppContext
from ui.session import Session

ROOT = Path(__file__).resolve().parents[2]
#: Qt platforms that draw without a desktop session.
HEADLESS = {"offscreen", "minimal", "minimalegl", "vnc", "linuxfb", "eglfs", "vkkhrdisplay"}
LAUNCH = "from ui.launch import main; raise SystemExit(main(sys.argv[1:]))"


def launch(args: list[str], tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """``counter-app ARGS`` in a fresh process, with no desktop unless ``env`` gives one."""
    environ = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    environ.update(PYTHONPATH=str(ROOT), COUNTER_APP_HOME=str(tmp_path / "home"), **env)
    return subprocess.run(
        [sys.executable, "-c", f"import sys; {LAUNCH}", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "args",
    [[], ["--demo"], ["--lang", "en", "--large-text"], ["--data-dir", "{tmp}"]],
    ids=["plain", "demo", "lang-large", "data-dir"],
)
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland: Linux")
def test_no_desktop_is_said_in_japanese_not_aborted(tmp_path, args):
    args = [a.replace("{tmp}", str(tmp_path / "data")) for a in args]
    done = launch(args, tmp_path)
    assert done.returncode == 2, (done.returncode, done.stderr)  # was -6: SIGABRT in Qt
    assert done.returncode != -signal.SIGABRT
    assert "デスクトップ" in done.stderr
    assert "counter-app --self-test" in done.stderr and "counter-app --help" in done.stderr
    assert "xcb" not in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "home").exists() and not (tmp_path / "data").exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland: Linux")
def test_the_self_test_runs_without_a_desktop(tmp_path):
    done = launch(["--self-test"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "self-test: OK" in done.stdout


@given(
    display=st.sampled_from([None, "", ":0", "localhost:10.0"]),
    wayland=st.sampled_from([None, "", "wayland-0"]),
    platforms=st.lists(
        st.sampled_from(sorted(HEADLESS | {"xcb", "wayland", "wayland-egl", ""})),
        max_size=3,
    ),
    option=st.sampled_from(["", ":fontengine=freetype"]),
    system=st.sampled_from(["linux", "freebsd14", "win32", "darwin"]),
)
def test_a_window_is_refused_only_where_it_cannot_appear(
    display, wayland, platforms, option, system
):
    from ui.launch import missing_desktop

    environ = {}
    if display is not None:
        environ["DISPLAY"] = display
    if wayland is not None:
        environ["WAYLAND_DISPLAY"] = wayland
    if platforms:
        environ["QT_QPA_PLATFORM"] = ";".join(p + option for p in platforms)
    can_appear = (
        system in ("win32", "darwin")
        or bool(display or wayland)
        or any(p in HEADLESS for p in platforms)
    )
    assert missing_desktop(environ, system) is (not can_appear)


def test_help_lists_the_window_options(tmp_path):
    done = launch(["--help"], tmp_path)
    assert done.returncode == 0, done.stderr
    for option in ("--demo", "--lang", "--large-text", "--self-test", "--data-dir"):
        assert option in done.stdout, option
    assert "窓口画面" in done.stdout


def test_no_usable_keyring_is_said_before_the_first_run_form_is_filled(tmp_path, qtbot):
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        session = Session(AppContext(), data_dir=str(tmp_path / "new"))
        session.start(background=False)
        window = session.first_run_window
        qtbot.addWidget(window)

        assert window.isVisible()
        shown = window.message.text()
        assert "キーリング" in shown and "--demo" in shown  # said at once, with the way out
        assert not window.branch_code.isEnabled() and not window.admin_password.isEnabled()
        assert not window.submit_button.isEnabled()
        window.branch_code.returnPressed.emit()  # Enter in a field submits nothing
        window.submit()
        assert session.first_run_window is window and session.login_window is None
        assert not (tmp_path / "new" / "counter.db").exists()
    finally:
        keyring.set_keyring(previous)


def test_a_usable_keyring_leaves_the_first_run_form_open(tmp_path, qtbot):
    session = Session(AppContext(), data_dir=str(tmp_path / "new"))
    session.start(background=False)
    window = session.first_run_window
    qtbot.addWidget(window)
    assert window.submit_button.isEnabled() and window.branch_code.isEnabled()
    assert window.message.text() == ""
