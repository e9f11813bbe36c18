"""Reading a JSON input file (or ``-``: standard input) for a command, with Japanese errors."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from counter_app.errors import InputError


def read_json_file(path: str, *, hint: str = "括弧・引用符・カンマを確認してください。") -> Any:
    """Parse ``path`` as UTF-8 JSON (a BOM is allowed); every failure is an InputError."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(f"ファイル「{path}」が見つかりません。") from None
    except UnicodeDecodeError:
        raise InputError(f"ファイル「{path}」は UTF-8 のテキストではありません。") from None
    except IsADirectoryError:
        raise InputError(f"「{path}」はフォルダです。JSON ファイルを指定してください。") from None
    except OSError as exc:
        raise InputError(f"ファイル「{path}」を読み込めません ({exc.strerror})。") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"JSON の書式が正しくありません ({exc.lineno}行目 {exc.colno}文字目: {exc.msg})。",
            hint=hint,
        ) from None
    except RecursionError:
        raise InputError("JSON の入れ子が深すぎます。") from None
    except ValueError:  # e.g. a number beyond Python's digit limit (hostile input)
        raise InputError("JSON に扱えない値 (桁数の多すぎる数など) があります。") from None
