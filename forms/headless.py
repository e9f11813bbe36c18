"""``counter-app pdf DOCUMENT ... --out FILE``: every printed document, without the window.

The same data as the window (the services' ``printing`` / ``daily_log`` functions) drawn by
the same ``forms`` modules, so the file is the PDF the window prints, with the same marks
(再発行 n回目, 取消, 控 on the receipt's counterfoil, 見本 from a training database, 中間出力 on
an open day's log, 写し with ``--copy``):

    counter-app pdf receipt BR01-2025-000001 --out receipt.pdf
    counter-app pdf receipt S-BR01-2025-000001 --out settlement.pdf    # a 精算書
    counter-app pdf slip R-BR01-2025-000001 --out slip.pdf
    counter-app pdf request-form R-BR01-2025-000001 --out form.pdf    # filled; --blank: empty
    counter-app pdf notice R-BR01-2025-000001 [--type disclosure | --extension] --out n.pdf
    counter-app pdf daily-log --date 2025-06-02 [--copy] --out log.pdf

Reading needs a signed-in staff member (like ``show``); nothing is written to the database.
The command lives here, above the core (``counter_app`` never imports reportlab): the
``counter-app`` program (``ui.launch``) adds it to the core's commands. The file is written by
the core's one guarded writer (:func:`counter_app.services.output_files.save_output_file`):
atomically, never over an existing file without ``--force``, never into the data or backup
folder.
"""

from __future__ import annotations

import argparse
from typing import Any

from counter_app.errors import InputError

DOCUMENTS = ("receipt", "slip", "request-form", "notice", "daily-log")


def register(subparsers: Any) -> None:
    """Add ``pdf`` and its documents to the CLI's sub-commands."""
    from counter_app.commands._login import add_login_arguments
    from counter_app.commands.list import parse_day

    parser = subparsers.add_parser(
        "pdf",
        help="印刷する書類を PDF ファイルに書き出す (画面と同じ内容・同じ印)",
        description="領収書・受付票・開示等請求書・通知書・受付日報を、画面で印刷するものと"
        "同じ PDF としてファイルに書き出します。",
    )
    documents = parser.add_subparsers(
        dest="document", metavar="DOCUMENT", parser_class=type(parser), required=True
    )

    def document(name: str, help_text: str, ref: str | None) -> argparse.ArgumentParser:
        p = documents.add_parser(name, help=help_text)
        if ref:
            p.add_argument("ref", help=ref)
        p.add_argument("--out", required=True, help="書き出す PDF ファイル")
        p.add_argument("--force", action="store_true", help="同名のファイルがあれば置き換える")
        add_login_arguments(p)
        p.set_defaults(handler=run)
        return p

    document(
        "receipt",
        "領収書 (控え付き) または精算書",
        "領収書番号 (例: BR01-2025-000001)、精算書の番号 (例: S-BR01-2025-000001) または ID",
    )
    document("slip", "受付票", "受付番号 (例: R-BR01-2025-000001) または ID")
    form = document("request-form", "開示等請求書 (受付の内容を印字)", None)
    form.add_argument("ref", nargs="?", help="受付番号 (--blank のときは不要)")
    form.add_argument("--blank", action="store_true", help="白紙の開示等請求書")
    notice = document("notice", "回答の通知書 (または期限延長の通知)", "受付番号 または ID")
    notice.add_argument("--type", help="請求の種類 (既定: 最初の種類)。例: disclosure")
    notice.add_argument("--extension", action="store_true", help="期限延長の通知")
    log = document("daily-log", "受付日報", None)
    log.add_argument("--date", type=parse_day, required=True, help="日付 (例: 2025-06-02)")
    log.add_argument("--copy", action="store_true", help="写しの印を付ける (締め済みの日)")


def run(args: argparse.Namespace) -> int:
    from counter_app.commands._login import print_json, signed_in
    from counter_app.services.output_files import check_output_target, save_output_file

    data_dir = getattr(args, "data_dir", None)
    out = check_output_target(data_dir, args.out, force=args.force)  # before signing in
    with signed_in(args) as (uow, actor, _):
        module, data = document_data(uow, actor, args)
    pdf = render(module, data)
    out = save_output_file(data_dir, out, pdf, force=args.force)
    if getattr(args, "json", False):
        print_json({"document": args.document, "out": str(out), "bytes": len(pdf)})
    else:
        print(f"{out} に書き出しました ({len(pdf):,} バイト)。")
    return 0


def document_data(uow: Any, actor: Any, args: argparse.Namespace) -> tuple[str, Any]:
    """(forms module name, its data) for the document asked, as the window builds it."""
    from counter_app.services import printing
    from counter_app.services.daily_log import daily_log_data

    kind = args.document
    if kind == "receipt":
        if args.ref.strip().upper().startswith("S-"):  # a 精算書 (its own series)
            return "receipt", printing.settlement_receipt_data(uow, args.ref)
        return "receipt", printing.receipt_data(uow, args.ref)
    if kind == "slip":
        return "slip", printing.slip_data(uow, args.ref)
    if kind == "request-form":
        if args.blank:
            return "blank_forms", printing.blank_form_data(uow, "request_form")
        if not args.ref:
            raise InputError("受付番号を指定してください (白紙なら --blank)。")
        return "blank_forms", printing.request_form_data(uow, args.ref)
    if kind == "notice":
        if args.extension:
            return "notices", printing.extension_notice_data(uow, args.ref)
        return "notices", printing.notice_data(uow, args.ref, args.type)
    return "daily_log", daily_log_data(uow, actor, args.date, copy=args.copy)


def render(module: str, data: Any) -> bytes:
    import importlib

    return bytes(importlib.import_module(f"forms.{module}").render(data))
