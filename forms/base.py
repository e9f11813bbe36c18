"""What every printed document shares: the canvas, text drawing across the two fonts,
text fitting (shrink-to-fit / wrap in a box, never overflowing it), boxes, seal boxes,
tick boxes, stamps and watermarks (再発行 / 取消 / 見本 / 控 / 写し), money and date formats.

Coordinates are reportlab points from the bottom-left corner of the page. A document is a
:class:`Document`; its :meth:`Document.finish` returns the PDF bytes. Output is
deterministic (``invariant=1``): the same data gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import TypeVar

from reportlab.lib.pagesizes import A4, A5, landscape
from reportlab.pdfgen import canvas

from counter_app.domain.wareki import wareki, wareki_with_seireki
from counter_app.printables.issuer import Issuer
from forms.fonts import MAIN_FONT, font_runs, printed_text, register_fonts, text_width

__all__ = [
    "A4",
    "A4_LANDSCAPE",
    "A5",
    "JST",
    "Document",
    "Fitted",
    "amount",
    "contact_lines",
    "local",
    "postal",
    "serialized",
    "time_ja",
    "wareki",
    "wareki_datetime",
    "wareki_with_seireki",
    "wrap_text",
    "yen",
]

A4_LANDSCAPE = landscape(A4)
MM = 72 / 25.4

#: Japan has no daylight saving time: a fixed zone needs no tz database (Windows).
JST = timezone(timedelta(hours=9), "JST")

#: Characters that must not start a line (行頭禁則) / end a line (行末禁則).
NO_LINE_START = frozenset(
    "、。，．,.・：；:;！？!?）」』】〕〉》｝］)]}ー‐ゃゅょっぁぃぅぇぉャュョッァィゥェォ々ゝゞヽヾ"
)
NO_LINE_END = frozenset("（「『【〔〈《｛［([{〒¥￥")

#: Smallest size text is ever shrunk to (points); below it, text is cut with "…".
FLOOR_SIZE = 4.0
RED = (0.75, 0.05, 0.05)


_render_lock = threading.RLock()
T = TypeVar("T")
R = TypeVar("R")


def serialized(render: Callable[[T], R]) -> Callable[[T], R]:
    """One document at a time per process: reportlab's TrueType fonts keep per-document
    state that is not safe to build from two threads at once (the UI renders off the UI
    thread). Rendering takes milliseconds, so waiting costs nothing noticeable."""

    @functools.wraps(render)
    def wrapper(data: T) -> R:
        with _render_lock:
            return render(data)

    return wrapper


def local(moment: datetime) -> datetime:
    """A tz-aware timestamp in Japan time (naive timestamps are refused)."""
    if moment.tzinfo is None:
        raise ValueError("timestamps must be timezone-aware")
    return moment.astimezone(JST)


def time_ja(moment: datetime) -> str:
    """14:05 (Japan time)."""
    return local(moment).strftime("%H:%M")


def wareki_datetime(moment: datetime) -> str:
    """令和7年11月26日 14:05 (Japan time)."""
    t = local(moment)
    return f"{wareki(t.date())} {t:%H:%M}"


def yen(value: int) -> str:
    """A receipt amount: ¥1,100- (Japanese office convention: ¥, commas, closing dash)."""
    if value < 0:
        raise ValueError("a receipt amount cannot be negative")
    return f"¥{value:,}-"


def amount(value: int) -> str:
    """A table amount: 1,100; a negative one with △ (△1,100), as Japanese ledgers do."""
    return f"△{-value:,}" if value < 0 else f"{value:,}"


def date_pair(d: date) -> str:
    """令和7年12月10日 (2025-12-10): the 和暦 date with its 西暦 for clarity."""
    return f"{wareki(d)} ({d.isoformat()})"


def postal(code: str) -> str:
    """A postal code as printed after 〒: 310-0000 (other spellings are kept as given)."""
    digits = code.replace("-", "").replace("〒", "").strip()
    return f"{digits[:3]}-{digits[3:]}" if len(digits) == 7 and digits.isdigit() else code


def contact_lines(issuer: Issuer) -> list[str]:
    """The counter's contact as printed in a お問い合わせ先 box (empty parts left out)."""
    lines = [f"{issuer.name}　{issuer.branch_name}"]
    if issuer.address:
        lines.append(f"〒{postal(issuer.postal_code)} {issuer.address}")
    phone = f"TEL {issuer.phone}" if issuer.phone else ""
    if issuer.contact_hours:
        phone += f"（受付時間 {issuer.contact_hours}）"
    if phone:
        lines.append(phone)
    return lines


def _units(text: str) -> list[str]:
    """Break opportunities: each CJK character alone, runs of ASCII letters/digits together."""
    units: list[str] = []
    word = ""
    for ch in text:
        if ch.isascii() and (ch.isalnum() or ch in "-_@.'/,:()#"):
            word += ch
            continue
        if word:
            units.append(word)
            word = ""
        units.append(ch)
    if word:
        units.append(word)
    return units


def wrap_text(text: str, width: float, size: float) -> list[str]:
    """Greedy line breaking with simple 禁則: lines no wider than ``width`` (a single
    unbreakable unit wider than the box is split by character)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        line_w = 0.0
        for unit in _units(paragraph):
            w = text_width(unit, size)
            if w > width:  # an over-long word: break it anywhere
                for ch in unit:
                    cw = text_width(ch, size)
                    if line and line_w + cw > width:
                        lines.append("".join(line))
                        line, line_w = [], 0.0
                    line.append(ch)
                    line_w += cw
                continue
            if line and line_w + w > width:
                carry: list[str] = []
                if unit[0] in NO_LINE_START and len(line) > 1:
                    carry = [line.pop()]
                while len(line) > 1 and line[-1][-1] in NO_LINE_END:
                    carry.insert(0, line.pop())
                if carry and sum(text_width(u, size) for u in carry) + w > width:
                    line += carry  # 禁則 would overflow the next line: break anyway
                    carry = []
                lines.append("".join(line).rstrip(" "))
                line = [*carry]
                line_w = sum(text_width(u, size) for u in line)
                if unit == " " and not line:
                    continue
            line.append(unit)
            line_w += w
        lines.append("".join(line).rstrip(" "))
    return lines


@dataclass(frozen=True)
class Fitted:
    """Text laid out for a box: its lines and the size they fit at."""

    lines: tuple[str, ...]
    size: float
    truncated: bool = False


def _block_height(n: int, size: float, leading: float) -> float:
    return size + (n - 1) * size * leading


def fit_text(
    text: str,
    width: float,
    height: float,
    size: float,
    *,
    min_size: float | None = None,
    wrap: bool = True,
    prefer_shrink: bool = True,
    leading: float = 1.25,
) -> Fitted:
    """Lay ``text`` out to fit ``width`` x ``height``: shrink and/or wrap, never overflow.

    With ``prefer_shrink`` (names, amounts) one line is shrunk down to ``min_size`` before
    wrapping; otherwise (addresses, explanations) text wraps at ``size`` first and shrinks
    only when the lines do not fit. Below :data:`FLOOR_SIZE` the text is cut with "…".
    """
    text = text.strip()
    if size <= height and "\n" not in text and text_width(text, size) <= width:
        return Fitted((text,), size)  # the common case: it fits as it is
    min_size = min_size if min_size is not None else max(FLOOR_SIZE, size * 0.6)
    steps: list[float] = [size]
    s = float(int(size * 4)) / 4  # quarter points below the requested size
    while s >= FLOOR_SIZE - 1e-9:
        if s < size:
            steps.append(s)
        s -= 0.5 if s > 8 else 0.25
    one_line = "\n" not in text
    if one_line and (prefer_shrink or not wrap):
        for s in steps:
            if s < min_size:
                break
            if s <= height and text_width(text, s) <= width:
                return Fitted((text,), s)
    if wrap:
        for s in steps:
            lines = wrap_text(text, width, s)
            if _block_height(len(lines), s, leading) <= height:
                return Fitted(tuple(lines), s)
    elif one_line:
        for s in steps:
            if s <= height and text_width(text, s) <= width:
                return Fitted((text,), s)
    s = min(FLOOR_SIZE, height)
    lines = wrap_text(text, width, s) if wrap else [text.replace("\n", " ")]
    keep = max(1, int((height - s) // (s * leading)) + 1)
    lines = lines[:keep]
    last = lines[-1]
    while last and text_width(last + "…", s) > width:
        last = last[:-1]
    lines[-1] = last + "…"
    return Fitted(tuple(lines), s, truncated=True)


class Document:
    """One PDF being drawn: a reportlab canvas with the fonts and the shared helpers."""

    def __init__(
        self, pagesize: tuple[float, float], *, title: str, author: str, subject: str = ""
    ) -> None:
        register_fonts()
        self.buffer = io.BytesIO()
        self.width, self.height = pagesize
        self.c = canvas.Canvas(
            self.buffer,
            pagesize=pagesize,
            invariant=1,
            initialFontName=MAIN_FONT,
            initialFontSize=10,
        )
        self.c.setTitle(title)
        self.c.setAuthor(author)
        self.c.setSubject(subject or title)
        self.c.setCreator("counter_app")
        self.c.setLineWidth(0.6)

    # --- text -----------------------------------------------------------------------
    def text(
        self,
        x: float,
        y: float,
        text: str,
        size: float = 10,
        *,
        align: str = "left",
        bold: bool = False,
        color: tuple[float, float, float] | None = None,
        char_space: float = 0.0,
    ) -> float:
        """Draw one line with its baseline at ``y``; returns its width."""
        runs = font_runs(text)
        width = text_width(text, size)
        if char_space:
            width += char_space * max(0, len(printed_text(text)) - 1)
        if align == "right":
            x -= width
        elif align == "center":
            x -= width / 2
        c = self.c
        styled = bold or color is not None
        if styled:
            c.saveState()
        t = c.beginText(x, y)
        if char_space:
            t.setCharSpace(char_space)
        if bold:
            t.setTextRenderMode(2)
            c.setLineWidth(size * 0.035)
        if color:
            t.setFillColorRGB(*color)
            c.setStrokeColorRGB(*color)
        for font, s in runs:
            t.setFont(font, size)
            t.textOut(s)
        c.drawText(t)
        if styled:
            c.restoreState()
        return width

    def fit(
        self,
        text: str,
        x: float,
        y: float,
        w: float,
        h: float,
        size: float = 10,
        *,
        align: str = "left",
        valign: str = "middle",
        pad: float = 2.0,
        bold: bool = False,
        wrap: bool = True,
        prefer_shrink: bool = True,
        min_size: float | None = None,
        leading: float = 1.25,
        batch: list[tuple[float, float, str, float, str]] | None = None,
    ) -> Fitted:
        """Draw ``text`` inside the box (x, y = bottom-left) shrunk/wrapped to fit.

        With ``batch``, plain lines are appended to it instead, for :meth:`draw_batch`.
        """
        inner_w, inner_h = w - 2 * pad, h - 2 * pad
        fitted = fit_text(
            text,
            inner_w,
            inner_h,
            size,
            min_size=min_size,
            wrap=wrap,
            prefer_shrink=prefer_shrink,
            leading=leading,
        )
        s = fitted.size
        block = _block_height(len(fitted.lines), s, leading)
        if valign == "top":
            top = y + h - pad
        elif valign == "bottom":
            top = y + pad + block
        else:
            top = y + h / 2 + block / 2
        baseline = top - s * 0.86
        if align == "right":
            tx = x + w - pad
        elif align == "center":
            tx = x + w / 2
        else:
            tx = x + pad
        for line in fitted.lines:
            if batch is not None and not bold:
                batch.append((tx, baseline, line, s, align))
            else:
                self.text(tx, baseline, line, s, align=align, bold=bold)
            baseline -= s * leading
        return fitted

    def draw_batch(self, items: list[tuple[float, float, str, float, str]]) -> None:
        """Draw many plain lines (x, baseline, text, size, align) in one text object."""
        if not items:
            return
        t = self.c.beginText()
        for x, y, text, size, align in items:
            if align == "right":
                x -= text_width(text, size)
            elif align == "center":
                x -= text_width(text, size) / 2
            t.setTextOrigin(x, y)
            for font, run in font_runs(text):
                t.setFont(font, size)
                t.textOut(run)
        self.c.drawText(t)

    # --- lines and boxes --------------------------------------------------------------
    def box(self, x: float, y: float, w: float, h: float, *, width: float = 0.6) -> None:
        self.c.setLineWidth(width)
        self.c.rect(x, y, w, h, stroke=1, fill=0)

    def shaded_box(self, x: float, y: float, w: float, h: float, gray: float = 0.92) -> None:
        c = self.c
        c.saveState()
        c.setFillGray(gray)
        c.setLineWidth(0.6)
        c.rect(x, y, w, h, stroke=1, fill=1)
        c.restoreState()

    def hline(self, x1: float, x2: float, y: float, *, width: float = 0.6, dash=None) -> None:
        c = self.c
        c.saveState()
        c.setLineWidth(width)
        if dash:
            c.setDash(*dash)
        c.line(x1, y, x2, y)
        c.restoreState()

    def vline(self, x: float, y1: float, y2: float, *, width: float = 0.6) -> None:
        self.c.setLineWidth(width)
        self.c.line(x, y1, x, y2)

    def labelled_box(
        self, x: float, y: float, w: float, h: float, label: str, value: str = "", size=10
    ) -> None:
        """A box with a small caption at its top-left and an optional value fitted inside."""
        self.box(x, y, w, h)
        self.text(x + 2, y + h - 8, label, 6.5)
        if value:
            self.fit(value, x, y, w, h - 8, size, pad=3)

    def seal_boxes(self, x: float, y: float, captions: Iterable[str], size: float = 48) -> float:
        """Square seal boxes side by side, caption row on top (担当 / 責任者); x is the right
        edge; returns the left edge."""
        captions = list(captions)
        head = 12
        left = x - size * len(captions)
        for i, caption in enumerate(captions):
            bx = left + i * size
            self.box(bx, y, size, size + head)
            self.hline(bx, bx + size, y + size)
            self.fit(caption, bx, y + size, size, head, 7, align="center", pad=1)
        return left

    def seal_circle(self, cx: float, cy: float, r: float = 14, label: str = "印") -> None:
        c = self.c
        c.saveState()
        c.setDash(2, 2)
        c.setLineWidth(0.6)
        c.circle(cx, cy, r, stroke=1, fill=0)
        c.restoreState()
        self.text(cx, cy - 3.5, label, 9, align="center", color=(0.45, 0.45, 0.45))

    def checkbox(self, x: float, y: float, label: str, size: float = 9) -> float:
        """□ label; returns the width used."""
        self.box(x, y - 1, size, size, width=0.6)
        return size + 3 + self.text(x + size + 3, y + 0.5, label, size)

    # --- marks --------------------------------------------------------------------------
    def stamp(self, x: float, y: float, word: str, size: float = 12, *, align="left") -> float:
        """A red framed word (再発行 / 取消 / 見本 / 控 / 写し) with its baseline near y."""
        w = text_width(word, size) + size
        if align == "right":
            x -= w
        elif align == "center":
            x -= w / 2
        c = self.c
        c.saveState()
        c.setStrokeColorRGB(*RED)
        c.setLineWidth(1.2)
        c.rect(x, y - size * 0.35, w, size * 1.45, stroke=1, fill=0)
        c.restoreState()
        self.text(x + size / 2, y, word, size, color=RED, bold=True)
        return w

    def watermark(
        self,
        word: str,
        *,
        cx: float | None = None,
        cy: float | None = None,
        size: float = 110,
        angle: float = 30,
    ) -> None:
        """A large, light, diagonal word over the area around (cx, cy) (page centre)."""
        c = self.c
        c.saveState()
        c.setFillAlpha(0.18)
        c.setStrokeAlpha(0.18)
        c.translate(self.width / 2 if cx is None else cx, self.height / 2 if cy is None else cy)
        c.rotate(angle)
        self.text(0, -size * 0.35, word, size, align="center", color=RED)
        c.restoreState()

    # --- pages ----------------------------------------------------------------------------
    def page_number(self, n: int, m: int, *, y: float = 14 * MM / 2) -> None:
        self.text(self.width / 2, y, f"{n} / {m}", 9, align="center")

    def new_page(self) -> None:
        self.c.showPage()

    def finish(self) -> bytes:
        self.c.showPage()
        self.c.save()
        return self.buffer.getvalue()
