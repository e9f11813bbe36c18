"""Lists in an intake (and a verify-id request) are counted before they are read.

For every list the JSON carries — request items, the documents of the requester and of a
proxy, a disclosure's scopes, verify-id's documents — any count over the limit is refused
with a message naming the key and the limit; the limit itself is accepted.
"""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.commands.verify_id import evaluate
from counter_app.domain.list_limits import MAX_DOCUMENTS, MAX_ITEMS
from counter_app.domain.requests import DataScope
from counter_app.errors import InputError
from counter_app.services.intake_input import IntakeInput
from counter_app.services.samples import sample_proxy_intake

DOCUMENT = {"doc_type": "drivers_license", "original": True}
BASE = sample_proxy_intake().to_dict()


def _set(data: dict, key: str, value: list) -> None:
    if key == "items":
        data["items"] = [data["items"][i % len(data["items"])] for i in range(len(value))]
    elif key == "items[1].scopes":
        data["items"][1]["scopes"] = value
    elif key == "identity.documents":
        data["identity"]["documents"] = value
    elif key == "proxy.identity.documents":
        data["proxy"]["identity"]["documents"] = value


LISTS = {
    "items": (MAX_ITEMS, None),
    "items[1].scopes": (len(DataScope), "kyosai"),
    "identity.documents": (MAX_DOCUMENTS, DOCUMENT),
    "proxy.identity.documents": (MAX_DOCUMENTS, DOCUMENT),
}


@settings(deadline=None)
@given(st.sampled_from(sorted(LISTS)), st.integers(1, 100_000))
def test_an_intake_list_over_its_limit_is_refused_naming_key_and_limit(key, extra):
    limit, entry = LISTS[key]
    data = copy.deepcopy(BASE)
    _set(data, key, [entry] * (limit + extra))
    with pytest.raises(InputError) as refused:
        IntakeInput.from_dict(data)
    assert f"「{key}」は{limit}件まで" in refused.value.message
    assert f"{limit + extra:,}件" in refused.value.message


@given(
    st.sampled_from(["identity.documents", "proxy.identity.documents"]),
    st.integers(0, MAX_DOCUMENTS),
)
def test_documents_up_to_the_limit_are_read(key, count):
    data = copy.deepcopy(BASE)
    _set(data, key, [DOCUMENT] * count)
    intake = IntakeInput.from_dict(data)
    documents = (
        intake.identity.documents
        if key == "identity.documents"
        else intake.proxy.identity.documents
    )
    assert len(documents) == count


@given(st.sampled_from(["principal", "proxy"]), st.integers(1, 100_000))
def test_verify_id_documents_over_the_limit_are_refused(who, extra):
    docs = [DOCUMENT] * (MAX_DOCUMENTS + extra)
    data = {"request_date": "2025-06-02"}
    if who == "principal":
        data["principal"] = {"documents": docs}
    else:
        data["proxy"] = {"kind": "voluntary", "documents": docs}
    with pytest.raises(InputError) as refused:
        evaluate(data, None, dt.date(2025, 6, 2))
    assert f"「{who}.documents」は{MAX_DOCUMENTS}件まで" in refused.value.message
