"""``counter-app pdf ...``: every document written headless, the same as the window's, and the
output file guarded (no overwrite without --force, never into the data folder, atomic)."""

from __future__ import annotations

import pytest

from counter_app.cli import main as core_main
from forms import headless
from tests.counter_app import test_cli_search_close as cli
from tests.forms.readback import page_sizes, poppler_text, squeeze
from ui.launch import main as program_main

# the CLI tests' database: a branch, staff and three requests of 2025-06-02
template = cli.template
counter_home = cli.counter_home
DAY = cli.DAY


def pdf(capsys, *argv, user="suzuki"):
    code = core_main([*argv, "--user", user], extra=[headless.register])
    out, err = capsys.readouterr()
    return code, out, err


def test_every_document_is_written_with_the_windows_marks(counter_home, capsys, tmp_path):
    # a reprint, then a decision: the marks and letters the window would print
    assert core_main(["reprint", "BR01-01-2025-000001", "--user", "suzuki"]) == 0
    assert (
        core_main(
            [
                "decide",
                "R-BR01-01-2025-000001",
                "--outcome",
                "disclosure=disclosed_full",
                "--user",
                "suzuki",
            ]
        )
        == 0
    )
    capsys.readouterr()
    expected = {
        ("receipt", "BR01-01-2025-000001"): ["領収書（控）", "再発行(1回目)", "及び郵送料として"],
        ("slip", "R-BR01-01-2025-000001"): ["受付票", "受付印", "対象の情報"],
        ("request-form", "R-BR01-01-2025-000001"): ["上記の内容に相違ありません。", "山田花子"],
        ("notice", "R-BR01-01-2025-000001"): [
            "開示決定について（通知）",
            "個情第R-BR01-01-2025-000001-",
        ],
        ("daily-log", "--date", DAY): ["受付日報", "中間出力（締め前）", "金種表"],
    }
    for args, parts in expected.items():
        out = tmp_path / f"{args[0]}.pdf"
        code, said, err = pdf(capsys, "pdf", *args, "--out", str(out))
        assert code == 0, err
        assert str(out) in said and "書き出しました" in said
        text = squeeze(poppler_text(out.read_bytes()))
        for part in parts:
            assert part in text, (args, part)
    assert page_sizes((tmp_path / "slip.pdf").read_bytes())[0][0] < 430  # A5
    assert not list(tmp_path.glob(".*.tmp"))  # no temporary file left behind


def test_the_same_data_as_the_window(counter_home, capsys, tmp_path):
    """The file is what forms draws from the services' data: the window's own path."""
    from counter_app.services import printing
    from counter_app.services.database import open_counter_database
    from forms import slip

    out = tmp_path / "slip.pdf"
    assert pdf(capsys, "pdf", "slip", "R-BR01-01-2025-000002", "--out", str(out))[0] == 0
    db = open_counter_database(None)
    try:
        with db.unit_of_work(read_only=True) as uow:
            window = slip.render(printing.slip_data(uow, "R-BR01-01-2025-000002"))
    finally:
        db.close()
    assert out.read_bytes() == window  # deterministic: the very same bytes


def test_an_existing_file_is_kept_without_force_and_the_data_folder_is_refused(
    counter_home, capsys, tmp_path
):
    from counter_app.paths import data_dir

    out = tmp_path / "kept.pdf"
    out.write_bytes(b"mine")
    code, _, err = pdf(capsys, "pdf", "slip", "R-BR01-01-2025-000001", "--out", str(out))
    assert code == 2 and "すでにあります" in err and "--force" in err
    assert out.read_bytes() == b"mine"
    code, _, err = pdf(capsys, "pdf", "slip", "R-BR01-01-2025-000001", "--out", str(out), "--force")
    assert code == 0, err
    assert out.read_bytes().startswith(b"%PDF")
    inside = data_dir() / "slip.pdf"
    code, _, err = pdf(capsys, "pdf", "slip", "R-BR01-01-2025-000001", "--out", str(inside))
    assert code == 2 and "データフォルダ" in err and not inside.exists()
    code, _, err = pdf(capsys, "pdf", "slip", "R-XX", "--out", str(tmp_path / "none.pdf"))
    assert code == 2 and not (tmp_path / "none.pdf").exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_the_program_offers_the_pdf_command(counter_home, capsys, tmp_path):
    out = tmp_path / "log.pdf"
    code = program_main(["pdf", "daily-log", "--date", DAY, "--out", str(out), "--user", "suzuki"])
    assert code == 0, capsys.readouterr().err
    assert "受付日報" in squeeze(poppler_text(out.read_bytes()))


@pytest.mark.parametrize("blank", [True])
def test_a_blank_request_form(counter_home, capsys, tmp_path, blank):
    out = tmp_path / "blank.pdf"
    assert pdf(capsys, "pdf", "request-form", "--blank", "--out", str(out))[0] == 0
    text = squeeze(poppler_text(out.read_bytes()))
    assert "氏名（自署）" in text and "上記の内容に相違ありません" not in text


def test_a_settlement_receipt_and_its_line_on_the_daily_log(counter_home, capsys, tmp_path):
    """``pdf receipt S-…`` writes the 精算書 (as ``reprint S-…`` prints it, without counting a
    reprint), and the day's log has the settlement's own 精算 line."""
    import json

    from counter_app.services.clock import today
    from counter_app.services.samples import sample_self_intake

    data = sample_self_intake().to_dict()
    data.update(pages="未定", amount_received=1000)
    intake = tmp_path / "undecided.json"
    intake.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert core_main(["intake", str(intake), "--user", "suzuki", "--json"]) == 0
    number = json.loads(capsys.readouterr().out)["request_number"]
    assert (
        core_main(["settle", number, "--pages", "12", "--received", "2000", "--user", "suzuki"])
        == 0
    )
    settled = capsys.readouterr().out.split("精算書 ")[1].split("、")[0]

    out = tmp_path / "settlement.pdf"
    code, _, err = pdf(capsys, "pdf", "receipt", settled, "--out", str(out))
    assert code == 0, err
    text = squeeze(poppler_text(out.read_bytes()))
    assert "精算領収書" in text and settled in text and "再発行" not in text
    log = tmp_path / "log.pdf"
    code, _, err = pdf(capsys, "pdf", "daily-log", "--date", today().isoformat(), "--out", str(log))
    assert code == 0, err
    text = squeeze(poppler_text(log.read_bytes()))
    assert settled in text and "精算1件（追加受領¥650返金¥0差引¥650、受領額計に含む）" in text
    assert "現金理論残高（受領額計）¥1,650" in text  # the first receipt + the settlement
