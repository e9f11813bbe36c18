"""A decision made at head office reaches a real terminal and prints there; a terminal one
schema version behind still pushes, two behind is told 「更新が必要です」.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from counter_app.sync import protocol, push
from forms.headless import register as register_pdf
from tests.sync_e2e.conftest import held
from tests.sync_e2e.terminals import SAMPLE_ADMIN, Terminal, outbox


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        )
        return done.stdout
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_decision_made_at_head_office_shows_on_the_detail_and_its_notice_prints(
    new_terminal, admin, tmp_path
):
    terminal = new_terminal()
    number = terminal.intake()
    assert terminal.cli("sync", "push").code == 0
    (request_id,) = admin.execute(
        "SELECT id FROM hq.aggregates WHERE terminal = %s AND aggregate = 'request' "
        "AND payload->>'number' = %s",
        (terminal.name, number),
    ).fetchone()
    decision = {  # docs/sync.md "Down path": what head office publishes for a request
        "request_id": request_id,
        "outcomes": {"disclosure": "disclosed_full"},
        "decision_ground": None,
        "purpose_notice_ground": None,
        "explanation": "",
        "decided_at": dt.datetime.now(dt.UTC).isoformat(),  # not before the request
        "decided_by": "本部 個人情報保護窓口",
    }
    admin.execute(
        "SELECT hq.publish(%s, 'decision', %s, %s::jsonb, %s)",
        (
            terminal.name.split("-")[0],
            f"decision-{request_id}",
            json.dumps(decision, ensure_ascii=False),
            request_id,
        ),
    )
    before = terminal.status()["pulled_mark"]
    run = terminal.cli("sync", "pull")
    assert run.code == 0, run.err
    assert "決定 1 件" in run.out
    assert terminal.status()["pulled_mark"] > before
    # the request's detail, as the counter reads it (service level, counter-app show)
    login = {"COUNTER_APP_PASSWORD": SAMPLE_ADMIN.password}
    shown = terminal.cli("show", number, "--json", "--user", SAMPLE_ADMIN.username, env=login)
    assert shown.code == 0, shown.err
    detail = json.loads(shown.out)
    hq = detail["head_office_decision"]
    assert hq["outcomes"] == {"disclosure": "disclosed_full"}
    assert hq["decided_by"] == "本部 個人情報保護窓口"
    assert detail["status"] == "received"  # the terminal's own row is not rewritten
    # the notice letter prints at the counter
    letter = tmp_path / "notice.pdf"
    _, err = _pdf(terminal, ["pdf", "notice", number, "--out", str(letter), *_user()], login)
    assert letter.exists(), err
    content = pdf_text(letter)
    if os.environ.get("E2E_KEEP_PDF"):  # to look at it: pdftoppm -r 80 -png
        shutil.copy(letter, os.environ["E2E_KEEP_PDF"])
    flat = "".join(content.split())
    assert f"個情第{number}-1号" in flat, content  # 文書番号
    assert "決定の内容全部開示" in flat, content  # the outcome head office decided
    # pulling again brings nothing twice
    again = terminal.cli("sync", "pull")
    assert again.code == 0 and "決定 0 件" in again.out


def _user() -> list[str]:
    return ["--user", SAMPLE_ADMIN.username]


def _pdf(terminal: Terminal, args: list[str], env: dict[str, str]) -> tuple[str, str]:
    import contextlib
    import io

    from counter_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    os.environ.update(env)
    try:
        with terminal.active(), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(args, extra=(register_pdf,))
    finally:
        for name in env:
            os.environ.pop(name, None)
    assert code == 0, err.getvalue()
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize(
    ("behind", "accepted"), [(0, True), (1, True), (2, False)], ids=["N", "N-1", "N-2"]
)
def test_a_terminal_one_schema_version_behind_still_pushes(
    new_terminal, admin, monkeypatch, behind, accepted
):
    """The terminal's program at schema version N - ``behind`` (its outbox rows and batches
    carry that version): N and N-1 are held, N-2 is told 「更新が必要です」 and keeps all."""
    terminal = new_terminal()
    version = protocol.SCHEMA_VERSION - behind
    monkeypatch.setattr(push, "SCHEMA_VERSION", version)
    terminal.intake()
    with terminal.database() as db, db.unit_of_work() as uow:
        from sqlalchemy import text

        assert uow.session is not None  # what an older program wrote into its outbox
        uow.session.execute(text("UPDATE sync_outbox SET schema_version = :v"), {"v": version})
        uow.commit()
    committed = outbox(terminal)
    run = terminal.cli("sync", "push")
    if accepted:
        assert run.code == 0, run.err
        assert held(admin, terminal) == committed
    else:
        assert run.code == 2
        assert "更新が必要です" in run.err and "最新の版に更新" in run.err, run.err
        assert "更新が必要です" in terminal.status()["last_error"]
        assert held(admin, terminal) == {} and outbox(terminal) == committed
