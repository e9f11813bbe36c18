"""Reading a JSON input file (or ``-``: standard input) for a command, with Japanese errors."""

from __future__ import annotations

import json
from typing import Any

from counter_app.errors import InputError
from counter_app.files.input import MAX_JSON_BYTES, read_input_file
from counter_app.files.paths import path_label


def read_json_file(path: str, *, hint: str = "括弧・引用符・カンマを確認してください。") -> Any:
    """Parse ``path`` as UTF-8 JSON (a BOM is allowed); every failure is an InputError.

    The file is read through :func:`counter_app.files.input.read_input_file`: a regular file
    (or standard input) of at most :data:`MAX_JSON_BYTES`, checked before it is read.
    """
    data = read_input_file(path, limit=MAX_JSON_BYTES, what="JSON ファイル")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        where = "標準入力" if path == "-" else f"ファイル{path_label(path)}"
        raise InputError(f"{where}は UTF-8 のテキストではありません。") from None
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
