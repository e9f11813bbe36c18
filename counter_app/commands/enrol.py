"""``counter-app enrol --file F --user ADMIN``: import head office's enrolment file.

The file (from ``counter-app hq enrol-terminal``) makes this installation terminal N of its
branch (:mod:`counter_app.sync.enrolment`). The key's passphrase, given once by head office,
is read from ``COUNTER_APP_ENROL_PASSPHRASE`` or asked on the terminal, checked against the
key, and kept in the OS keyring only. A 管理者 signs in (the enrolment is audited).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from typing import Any

from counter_app.commands._login import PASSWORD_ENV, add_login_arguments, print_json, read_secret
from counter_app.errors import InputError

PASSPHRASE_ENV = "COUNTER_APP_ENROL_PASSPHRASE"
#: an enrolment file is a few kB (enrolment_file.MAX_FILE_BYTES refuses more than 64 KiB)
MAX_ENROLMENT_BYTES = 64 * 1024


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "enrol",
        help="本部の登録ファイルを読み込み、この端末を支店の端末として登録する (管理者)",
        description="本部から受け取った登録ファイルを読み込みます。パスフレーズは環境変数 "
        f"{PASSPHRASE_ENV} か、画面での入力で渡します (OSのキーリングにだけ保存されます)。",
    )
    p.add_argument("--file", required=True, help="本部から受け取った登録ファイル")
    add_login_arguments(p)
    p.set_defaults(handler=run)


def _passphrase() -> str:
    if os.environ.get(PASSPHRASE_ENV):
        return os.environ[PASSPHRASE_ENV]
    if sys.stdin.isatty():
        return getpass.getpass("登録ファイルのパスフレーズ: ")
    raise InputError(
        "登録ファイルのパスフレーズが指定されていません。",
        hint=f"画面で入力するか、環境変数 {PASSPHRASE_ENV} で渡してください。",
    )


def run(args: argparse.Namespace) -> int:
    from counter_app.files.input import read_input_file
    from counter_app.services.database import data_folder, open_counter_database
    from counter_app.services.sign_in import sign_in
    from counter_app.sync.enrolment import enrol
    from counter_app.sync.enrolment_file import check_passphrase, parse_enrolment

    if not args.user:
        raise InputError("ログインする管理者のユーザーIDを --user で指定してください。")
    raw = read_input_file(args.file, limit=MAX_ENROLMENT_BYTES, what="登録ファイル")
    enrolment = parse_enrolment(raw)
    password = read_secret(args, PASSWORD_ENV, "パスワード: ")
    passphrase = _passphrase()
    check_passphrase(enrolment, passphrase)
    folder = data_folder(getattr(args, "data_dir", None))
    db = open_counter_database(folder)
    try:
        actor = sign_in(db, args.user, password)
        result = enrol(db, folder, enrolment, passphrase, actor)
    finally:
        db.close()
    if args.json:
        print_json(
            {"terminal": result.terminal, "hq": result.hq_address, "pending": result.pending}
        )
    else:
        print(f"端末 {result.terminal} として登録しました (本部: {result.hq_address})。")
        print(f"最初の送信で {result.pending} 件を送ります: counter-app sync push")
    return 0
