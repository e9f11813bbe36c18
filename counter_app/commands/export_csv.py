"""``counter-app export-csv --date D``: a day's requests as CSV (責任者; audited).

UTF-8 with a BOM by default (Excel in Japan), ``--encoding cp932`` for Shift_JIS. Names,
furigana, phone and member numbers are masked unless ``--unmasked`` (管理者 only).
Written to ``--output FILE`` (never over an existing file without ``--force``, never into the
data or backup folder; see :mod:`counter_app.files.output`), or to standard output.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from counter_app.commands._login import add_login_arguments, print_json, signed_in
from counter_app.commands.list import parse_day
from counter_app.errors import InputError

#: Kept equal to counter_app.services.export.ENCODINGS (not imported at parser build time).
ENCODINGS = ("utf-8-sig", "cp932")


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export-csv",
        help="1日分の受付を CSV に出力 (責任者、既定は伏せ字)",
        description="指定した日に受け付けた請求を CSV で出力します (責任者以上、記録されます)。",
    )
    parser.add_argument("--date", type=parse_day, required=True, help="出力する日 (例: 2025-06-02)")
    parser.add_argument("--output", "-o", help="出力するファイル (既定: 標準出力)")
    parser.add_argument(
        "--force", action="store_true", help="出力するファイルがすでにあるとき上書きする"
    )
    parser.add_argument(
        "--encoding",
        choices=ENCODINGS,
        default="utf-8-sig",
        help="文字コード (既定 utf-8-sig: BOM 付き UTF-8、Excel 向け)",
    )
    parser.add_argument(
        "--unmasked",
        action="store_true",
        help="個人情報を伏せ字にしない (管理者のみ、記録されます)",
    )
    add_login_arguments(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from counter_app.services.export import export_csv
    from counter_app.services.output_files import check_output_target, save_output_file

    target = None
    if args.output is not None:  # refused before signing in: nothing is exported or audited
        target = check_output_target(args.data_dir, args.output, force=args.force)
    if target is None and args.json:
        raise InputError("--json を使うときは --output で出力ファイルを指定してください。")
    with signed_in(args, write=True) as (uow, actor, _):
        result = export_csv(uow, actor, args.date, unmasked=args.unmasked, encoding=args.encoding)
        if target is not None:  # inside the transaction: a failed write records no export
            save_output_file(args.data_dir, target, result.data, force=args.force)
    if target is None:
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
        return 0
    summary = result.summary() | {"output": str(target)}
    if args.json:
        print_json(summary)
    else:
        masked = "伏せ字なし" if result.unmasked else "伏せ字"
        print(f"{target} に {result.rows}件を出力しました ({result.encoding}, {masked})。")
        if result.replaced_characters:
            print(
                f"注意: {result.encoding} で表せない文字 {result.replaced_characters}個を 〓 に"
                "置き換えました。"
            )
    return 0
