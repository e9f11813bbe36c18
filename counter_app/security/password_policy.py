"""What a new password must look like, in Japanese.

A primitive: no database, no sign-in, and no settings read here: the caller passes the policy
in force (:class:`~counter_app.config.security.PasswordPolicy`, ``[password]`` of
security.toml). Used wherever a password is set (a new account, a
管理者 resetting someone's password, one's own change, ``counter-app init``).

- :func:`password_problems` — every problem with a password under the policy (empty: fine);
- :func:`check_password` — :class:`WeakPassword` listing them;
- :func:`check_new_password` — the check every place that stores a password makes: a floor of
  :data:`MIN_LENGTH` characters first (its own short sentence), then the policy.
"""

from __future__ import annotations

import unicodedata

from counter_app.config.security import PasswordPolicy
from counter_app.errors import InputError

#: No password shorter than this is stored, whatever security.toml says.
MIN_LENGTH = 8


class WeakPassword(InputError):
    """A password that breaks the policy; the message lists every problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(
            "このパスワードは使えません: " + " ".join(problems),
            hint="長めで推測されにくい文字列 (英字・数字・記号の組み合わせ) にしてください。",
        )
        self.problems = problems


def _character_classes(password: str) -> int:
    letters = digits = symbols = False
    for ch in password:
        category = unicodedata.category(ch)
        if ch.isdigit():
            digits = True
        elif category.startswith("L"):
            letters = True
        elif not ch.isspace():
            symbols = True
    return letters + digits + symbols


def password_problems(
    password: str, *, policy: PasswordPolicy, username: str | None = None
) -> list[str]:
    """What is wrong with ``password`` under ``policy`` (Japanese sentences; empty: fine)."""
    if not isinstance(password, str):
        return ["パスワードは文字列で入力してください。"]
    problems: list[str] = []
    if len(password) < policy.min_length:
        problems.append(f"{policy.min_length}文字以上にしてください。")
    if len(password) > policy.max_length:
        problems.append(f"{policy.max_length}文字以内にしてください。")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in password):
        problems.append("制御文字などの見えない文字は使えません。")
    if not password.strip():
        problems.append("空白だけのパスワードは使えません。")
    elif password != password.strip():
        problems.append("前後に空白を入れないでください。")
    if _character_classes(password) < policy.min_character_classes:
        problems.append(
            f"英字・数字・記号のうち{policy.min_character_classes}種類以上を組み合わせてください。"
        )
    folded = password.casefold()
    if folded in policy.forbidden:
        problems.append("よく使われていて推測されやすいパスワードです。")
    name = username.casefold() if isinstance(username, str) else ""
    if policy.forbid_username and len(name) >= 3 and name in folded:
        problems.append("ユーザーIDを含めないでください。")
    return problems


def check_password(password: str, *, policy: PasswordPolicy, username: str | None = None) -> None:
    """Raise :class:`WeakPassword` (Japanese) unless ``password`` meets ``policy``."""
    problems = password_problems(password, policy=policy, username=username)
    if problems:
        raise WeakPassword(problems)


def check_new_password(
    password: str, *, policy: PasswordPolicy, username: str | None = None
) -> None:
    """Refuse a password that may not be stored (Japanese message): shorter than
    :data:`MIN_LENGTH` or blank (one short sentence), else anything :func:`check_password`
    refuses (at least two character classes, no control characters, not a common password,
    not containing the user name where configured)."""
    if not isinstance(password, str) or len(password) < MIN_LENGTH or not password.strip():
        raise InputError(
            f"パスワードは{MIN_LENGTH}文字以上にしてください。",
            hint="推測されにくい文字列を使ってください。",
        )
    check_password(password, policy=policy, username=username)


__all__ = [
    "MIN_LENGTH",
    "WeakPassword",
    "check_new_password",
    "check_password",
    "password_problems",
]
