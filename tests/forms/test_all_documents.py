"""What holds for every document: embedded fonts only, same bytes for the same data,
見本 exactly when the data is training data, and poppler can rasterise every page."""

from __future__ import annotations

import struct
import subprocess

import pytest

from counter_app.printables.blank_form import BlankFormKind
from forms import blank_forms, daily_log, notices, receipt, slip
from tests.forms import samples
from tests.forms.readback import font_names, page_count, page_sizes, poppler_text, squeeze

DOCUMENTS = {
    "receipt": lambda **kw: receipt.render(samples.receipt(**kw)),
    "slip": lambda **kw: slip.render(samples.slip(**kw)),
    "daily_log": lambda **kw: daily_log.render(samples.daily_log(40, **kw)),
    "notice": lambda **kw: notices.render(samples.refusal(**kw)),
    "request_form": lambda **kw: blank_forms.render(
        samples.blank(BlankFormKind.REQUEST_FORM, **kw)
    ),
    "power_of_attorney": lambda **kw: blank_forms.render(
        samples.blank(BlankFormKind.POWER_OF_ATTORNEY, **kw)
    ),
}
EMBEDDED = {"BIZUDGothic-Regular", "CounterAppGaiji-Regular"}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_only_embedded_fonts_and_deterministic(name):
    pdf = DOCUMENTS[name]()
    faces = {n.split("+", 1)[1] for n in font_names(pdf)}  # "/AAAAAB+X": subset B of X
    assert "BIZUDGothic-Regular" in faces and faces <= EMBEDDED
    out = subprocess.run(["pdffonts", "-"], input=pdf, capture_output=True, check=True)
    rows = [line.split() for line in out.stdout.decode().splitlines()[2:]]
    assert rows and all(row[-5] == "yes" for row in rows)  # the "emb" column
    assert DOCUMENTS[name]() == pdf


@pytest.mark.parametrize("name", DOCUMENTS)
def test_sample_mark_only_on_training_data(name):
    assert "見本" not in squeeze(poppler_text(DOCUMENTS[name]()))
    assert "見本" in squeeze(poppler_text(DOCUMENTS[name](training=True)))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_every_page_rasterises(name, tmp_path):
    pdf = DOCUMENTS[name]()
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == page_count(pdf)
    for png, (width, height) in zip(pngs, page_sizes(pdf), strict=True):
        assert png.stat().st_size > 2_000  # more than a blank page
        # the page drawn at its own size: 30 dpi of its points (PNG header: width, height)
        drawn = struct.unpack(">II", png.read_bytes()[16:24])
        assert drawn == pytest.approx((width * 30 / 72, height * 30 / 72), abs=1)


NO_PHONE = samples.ISSUER.__class__(
    **{**samples.ISSUER.__dict__, "phone": "", "contact_hours": None}
)


@pytest.mark.parametrize("name", ["receipt", "slip", "notice"])
def test_a_counter_without_phone_prints_no_empty_tel_line(name):
    text = squeeze(poppler_text(DOCUMENTS[name](issuer=NO_PHONE)))
    assert "TEL" not in text and "受付時間" not in text
    assert "いばらきコープ生活協同組合" in text


def test_documents_rendered_from_several_threads_are_the_same_as_one_by_one():
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(name, i) for i in range(3) for name in DOCUMENTS]
    expected = {(name, i): DOCUMENTS[name]() for name, i in jobs}
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = dict(zip(jobs, pool.map(lambda job: DOCUMENTS[job[0]](), jobs), strict=True))
    assert results == expected
