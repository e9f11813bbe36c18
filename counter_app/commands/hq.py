"""``counter-app hq …``: head office's administration (PostgreSQL; docs/headoffice.md).

- ``hq migrate --dsn DSN``: create or upgrade head office's schema (PostgreSQL 15+);
- ``hq enrol-terminal --dsn DSN --branch BR01 --terminal 2 --host H --ca-cert F --ca-key F
  -o FILE``: the terminal's role and row, a client certificate signed by head office's CA, and
  the enrolment file with the key encrypted; the passphrase is printed once (or read from
  ``--passphrase-file``);
- ``hq terminals --dsn DSN [--stale-hours 24]``: every terminal's mark, last push, clock skew
  and open alarms; exit code 1 when one is stale or has an alarm (for monitoring).

DSN is libpq's (``host=hq.example dbname=hq user=hq_admin sslmode=verify-full
sslrootcert=ca.crt``); the password comes from ``PGPASSWORD`` or ``~/.pgpass``.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any

from counter_app.errors import InputError
from counter_app.headoffice.errors import connection_failed


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "hq",
        help="本部 (PostgreSQL) の管理: スキーマ更新・端末の登録・端末の状況",
        description="本部のデータベースを管理します (docs/headoffice.md)。",
    )
    sub = p.add_subparsers(dest="hq_command", metavar="ACTION")
    dsn_help = "本部データベースへの接続 (libpq 形式。パスワードは PGPASSWORD か ~/.pgpass)"

    migrate = sub.add_parser("migrate", help="本部のスキーマを作成・更新する")
    migrate.add_argument("--dsn", required=True, help=dsn_help)
    migrate.set_defaults(handler=run_migrate)

    enrol = sub.add_parser("enrol-terminal", help="端末を登録し、登録ファイルを作る")
    enrol.add_argument("--dsn", required=True, help=dsn_help)
    enrol.add_argument("--branch", required=True, help="支所コード (例 BR01)")
    enrol.add_argument("--terminal", required=True, type=int, help="端末番号 (1〜99)")
    enrol.add_argument("--host", required=True, help="端末が接続する本部のホスト名")
    enrol.add_argument("--port", type=int, default=5432, help="ポート番号 (既定 5432)")
    enrol.add_argument("--dbname", default="hq", help="データベース名 (既定 hq)")
    enrol.add_argument("--ca-cert", required=True, type=Path, help="本部の認証局の証明書 (PEM)")
    enrol.add_argument("--ca-key", required=True, type=Path, help="本部の認証局の秘密鍵 (PEM)")
    enrol.add_argument(
        "--ca-key-password-file", type=Path, help="認証局の秘密鍵のパスワードを書いたファイル"
    )
    enrol.add_argument(
        "--passphrase-file", type=Path, help="端末の鍵のパスフレーズを書いたファイル (省略時は生成)"
    )
    enrol.add_argument("--reissue", action="store_true", help="登録済みの端末の証明書を出し直す")
    enrol.add_argument("-o", "--output", required=True, type=Path, help="登録ファイルの保存先")
    enrol.set_defaults(handler=run_enrol)

    terminals = sub.add_parser("terminals", help="端末ごとの受領状況・時計のずれ・警告")
    terminals.add_argument("--dsn", required=True, help=dsn_help)
    terminals.add_argument(
        "--stale-hours", type=float, default=24.0, help="この時間送信のない端末を注意 (既定 24)"
    )
    terminals.set_defaults(handler=run_terminals)

    from counter_app.commands import hq_branch_day, hq_desk_account, hq_stats  # the desk

    hq_stats.register(sub)
    hq_desk_account.register(sub)
    hq_branch_day.register(sub)

    p.set_defaults(handler=lambda args: (p.print_help(), 2)[1])


def run_migrate(args: argparse.Namespace) -> int:
    import psycopg

    from counter_app.headoffice.migrate import migrate

    try:
        revision = migrate(args.dsn)
    except psycopg.Error as failure:
        raise connection_failed(failure) from None
    except Exception as failure:  # SQLAlchemy wraps psycopg's errors
        original = getattr(failure, "orig", None)
        if isinstance(original, psycopg.Error):
            raise connection_failed(original) from None
        raise
    print(f"本部のスキーマは最新です (リビジョン {revision})。")
    return 0


def _read_text(path: Path, what: str, limit: int = 64 * 1024) -> bytes:
    try:
        data = path.read_bytes()
    except OSError:
        raise InputError(f"{what}を読み込めません: {path}") from None
    if len(data) > limit:
        raise InputError(f"{what}が大きすぎます: {path}")
    return data


def run_enrol(args: argparse.Namespace) -> int:
    import psycopg

    from counter_app.headoffice.enrol import enrol_terminal
    from counter_app.sync.protocol import TerminalId

    try:
        terminal = TerminalId(args.branch, args.terminal)
    except ValueError:
        raise InputError(
            "支所コードまたは端末番号が正しくありません。",
            hint="支所コードは英大文字と数字 16 文字まで、端末番号は 1〜99 です。",
        ) from None
    if args.output.exists():
        raise InputError(
            f"登録ファイルの保存先がすでにあります: {args.output}",
            hint="別の名前を指定してください (上書きはしません)。",
        )
    passphrase = None
    if args.passphrase_file:
        passphrase = _read_text(args.passphrase_file, "パスフレーズのファイル").decode().strip()
        if len(passphrase) < 12:
            raise InputError("パスフレーズは 12 文字以上にしてください。")
    ca_key_password = (
        _read_text(args.ca_key_password_file, "認証局の鍵のパスワード").strip()
        if args.ca_key_password_file
        else None
    )
    try:
        enrolment = enrol_terminal(
            args.dsn,
            terminal,
            host=args.host,
            port=args.port,
            dbname=args.dbname,
            ca_cert_pem=_read_text(args.ca_cert, "認証局の証明書"),
            ca_key_pem=_read_text(args.ca_key, "認証局の秘密鍵"),
            ca_key_password=ca_key_password,
            passphrase=passphrase,
            reissue=args.reissue,
        )
    except psycopg.Error as failure:
        raise connection_failed(failure) from None
    except (ValueError, TypeError):
        raise InputError(
            "認証局の証明書と秘密鍵を読み取れないか、対になっていません。",
            hint="--ca-cert と --ca-key (パスワード付きなら --ca-key-password-file) を確認してください。",
        ) from None
    descriptor = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        out.write(enrolment.file.to_json())
    print(f"端末 {terminal.text} を登録しました (ロール {terminal.role})。")
    print(f"登録ファイル: {args.output}")
    print(f"証明書の有効期限: {enrolment.file.certificate_not_after:%Y-%m-%d}")
    if not args.passphrase_file:
        print("端末の鍵のパスフレーズ (この一度だけ表示します。登録ファイルとは別の経路で、")
        print("端末を設定する人に伝えてください):")
        print(f"  {enrolment.passphrase}")
    return 0


def run_terminals(args: argparse.Namespace) -> int:
    import psycopg

    query = """
        SELECT t.terminal, t.status, t.acked_seq,
               to_char(t.last_batch_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'),
               round(extract(epoch FROM t.clock_skew))::bigint,
               (t.last_batch_at IS NULL
                OR t.last_batch_at < now() - make_interval(secs => %s)) AS stale,
               (SELECT string_agg(a.kind || '×' || a.repeats, ', ' ORDER BY a.kind)
                  FROM hq.alarms a
                 WHERE a.resolved_at IS NULL
                   AND (a.terminal = t.terminal OR a.login_role = t.role)) AS alarms
          FROM hq.terminals t ORDER BY t.branch, t.terminal_no"""
    try:
        with psycopg.connect(args.dsn) as connection:
            rows = connection.execute(query, (args.stale_hours * 3600,)).fetchall()
    except psycopg.Error as failure:
        raise connection_failed(failure) from None
    attention = False
    print("端末\t状態\t受領済み\t最終受信\t時計のずれ(秒)\t注意")
    for terminal, status, acked, last, skew, stale, alarms in rows:
        notes = []
        if status == "active" and stale:
            notes.append("送信なし")
        if alarms:
            notes.append(f"警告 {alarms}")
        attention = attention or bool(notes)
        print(
            f"{terminal}\t{status}\t{acked}\t{last or '-'}\t{skew if skew is not None else '-'}"
            f"\t{' / '.join(notes) or '-'}"
        )
    return 1 if attention else 0
