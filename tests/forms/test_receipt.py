"""領収書: rendered from synthetic data, read back with pypdf and pdftotext."""

from __future__ import annotations

import struct
import subprocess
from dataclasses import replace
from datetime import datetime

import pytest

from counter_app.printables.receipt import ReceiptLine
from forms import receipt
from tests.forms import samples
from tests.forms.readback import page_count, page_sizes, poppler_text, pypdf_text, squeeze

WATERMARK_WORDS = ("再発行", "取消", "見本")


def texts(pdf: bytes) -> list[str]:
    return [squeeze(pypdf_text(pdf)), squeeze(poppler_text(pdf))]


def test_receipt_and_counterfoil_carry_the_same_number_and_figures():
    pdf = receipt.render(samples.receipt())
    assert page_count(pdf) == 1
    assert page_sizes(pdf) == [pytest.approx((595.2756, 841.8898), abs=0.01)]
    for text in texts(pdf):
        assert text.count("R-MT-2025-000123") == 2  # receipt and counterfoil
        assert text.count("髙橋一郎") == 2
        assert text.count("¥1,560-") == 2
        assert "領収書（控）" in text and "切り取り線" in text
        assert "令和7年11月26日" in text
        assert "個人情報開示請求手数料として" in text
        assert "開示請求手数料1,100" in text and "郵送料(簡易書留)460" in text
        assert "10%対象¥1,100(内消費税等¥100)" in text
        assert "登録番号T1234567890123" in text
        assert "山田花子" in text and "担当印" in text
        for word in WATERMARK_WORDS:
            assert word not in text
        assert "収入印紙" not in text


def test_astral_and_extension_names_read_back_exactly():
    for name in ("𠮷田 太郎", "﨑山 次郎", "髙橋 一郎"):
        pdf = receipt.render(samples.receipt(payer_name=name))
        assert squeeze(name) in squeeze(pypdf_text(pdf))
        assert squeeze(name) in squeeze(poppler_text(pdf))


def test_a_reprint_is_marked_with_its_count():
    text = squeeze(poppler_text(receipt.render(samples.receipt(reprint_count=2))))
    assert text.count("再発行(2回目)") == 2
    assert "取消" not in text and "見本" not in text


def test_a_voided_receipt_reprint_is_marked_void():
    pdf = receipt.render(samples.receipt(reprint_count=1, voided=True))
    for text in texts(pdf):
        assert "取消" in text and "再発行(1回目)" in text
        assert "見本" not in text


def test_training_data_is_marked_sample():
    pdf = receipt.render(samples.receipt(training=True))
    for text in texts(pdf):
        assert "見本" in text
        assert "再発行" not in text and "取消" not in text


def test_zero_yen_receipt_for_a_waived_fee():
    data = samples.receipt(
        lines=(ReceiptLine("開示請求手数料", 1_100), ReceiptLine("手数料減免", -1_100)),
        total=0,
        taxable_10=0,
        tax_10=0,
        note="手数料免除 (理由: 生活保護受給)",
    )
    for text in texts(receipt.render(data)):
        assert "¥0-" in text
        assert "△1,100" in text
        assert "手数料免除" in text


def test_many_digits_and_stamp_duty_box():
    big = 12_345_678_901
    data = samples.receipt(
        lines=(ReceiptLine("開示請求手数料", big),), total=big, taxable_10=big, tax_10=1_122_334_445
    )
    for text in texts(receipt.render(data)):
        assert "¥12,345,678,901-" in text
        assert "収入印紙" in text


def test_missing_optional_data_and_very_long_names():
    long_name = "髙橋" * 30 + " 一郎右衛門"
    data = samples.receipt(
        payer_name=long_name,
        member_number=None,
        request_number=None,
        issuer=samples.ISSUER.__class__(
            **{
                **samples.ISSUER.__dict__,
                "address": "茨城県" + "見本町一丁目" * 20,
                "contact_hours": None,
            }
        ),
    )
    pdf = receipt.render(data)
    for text in texts(pdf):
        assert "組合員番号" not in text and "受付番号" not in text
        assert text.count(squeeze(long_name)) == 2  # receipt and counterfoil, never cut
        assert data.issuer.address in text  # the issuer's long address too


def test_figures_that_do_not_add_up_are_refused():
    with pytest.raises(ValueError, match="add up"):
        receipt.render(samples.receipt(total=9_999))
    with pytest.raises(ValueError, match="inconsistent total / taxable / tax"):
        receipt.render(samples.receipt(tax_10=1_101))  # more tax than the taxable amount
    with pytest.raises(ValueError, match="timezone-aware"):
        receipt.render(samples.receipt(issued_at=datetime(2025, 11, 26, 14, 5)))


def test_renders_to_png(tmp_path):
    path = tmp_path / "receipt.pdf"
    path.write_bytes(receipt.render(samples.receipt(reprint_count=1, voided=True, training=True)))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(path), str(tmp_path / "r")], check=True)
    png = (tmp_path / "r-1.png").read_bytes()
    assert len(png) > 5_000  # more than a blank page
    assert struct.unpack(">II", png[16:24]) == (331, 468)  # A4 at 40 dpi (PNG header)
    assert not list(tmp_path.glob("r-2.png"))  # one page


@pytest.mark.parametrize(("total", "box"), [(49_999, False), (50_000, True)])
def test_the_stamp_duty_box_appears_from_50_000_yen(total, box):
    """§6: receipts under 50,000 yen need no 収入印紙; from 50,000 the box is printed."""
    tax = total * 10 // 110
    data = samples.receipt(
        lines=(ReceiptLine("開示請求手数料", total),), total=total, taxable_10=total, tax_10=tax
    )
    for text in texts(receipt.render(data)):
        assert f"¥{total:,}-" in text
        assert ("収入印紙" in text) is box


def _halves(pdf: bytes) -> tuple[str, str]:
    """The text of the member's half (top) and of the 控え (bottom), as pdftotext reads them."""
    from tests.forms.readback import words

    found = words(pdf)
    middle = page_sizes(pdf)[0][1] / 2
    top = "".join(w[5] for w in found if w[2] < middle)
    bottom = "".join(w[5] for w in found if w[2] > middle)
    return top, bottom


def test_the_envelope_behind_the_postage_is_on_the_counterfoil_only():
    postage = ReceiptLine(
        "郵送料 (簡易書留)", 530, "郵送料 (角形2号・定形外 (規格内)・約69.6 g・簡易書留)"
    )
    data = samples.receipt(
        lines=(ReceiptLine("開示請求手数料", 1_100), postage),
        total=1_630,
        taxable_10=1_630,
        tax_10=148,
        proviso="個人情報開示等請求手数料及び郵送料として",
    )
    member, counterfoil = _halves(receipt.render(data))
    assert "郵送料(簡易書留)530" in member
    assert "角形2号" not in member and "69.6" not in member
    assert "角形2号" in counterfoil and "約69.6g" in counterfoil
    for half in (member, counterfoil):
        assert "但し個人情報開示等請求手数料及び郵送料として" in half
        assert "いばらきコープ生活協同組合" in half and "印" in half  # the 角印's square


def test_the_issuer_lines_stop_short_of_the_seal_square():
    """A long co-op name and address shrink or wrap left of the 角印 square, never under it."""
    from tests.forms.readback import words

    long = replace(samples.ISSUER, name="いばらきコープ生活協同組合" * 2, address="茨城県" * 12)
    pdf = receipt.render(samples.receipt(issuer=long))
    width = page_sizes(pdf)[0][0]
    seal_left = width - receipt.MARGIN - receipt.KAKUIN_SIZE
    issuer_words = [w for w in words(pdf) if "茨城県" in w[5] or "生活協同組合" in w[5]]
    assert issuer_words and all(w[3] <= seal_left + 0.5 for w in issuer_words)
