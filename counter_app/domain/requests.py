"""What a member can ask for, about which data, how the answer is given, and the lifecycle.

The six request types of APPI Arts. 32-35, the scopes of data named by the co-op's privacy
policy, the disclosure methods of Art. 33(1), and the status of a request with its guarded
transitions (an illegal move raises :class:`IllegalTransition`). Outcomes and statutory
grounds used by decisions live here too, so that every layer speaks the same codes.
"""

from __future__ import annotations

from enum import StrEnum

from counter_app.errors import IllegalTransition


class RequestType(StrEnum):
    PURPOSE_NOTICE = "purpose_notice"
    DISCLOSURE = "disclosure"
    RECORD_DISCLOSURE = "record_disclosure"
    CORRECTION = "correction"
    SUSPENSION = "suspension"
    PROVISION_STOP = "provision_stop"

    @property
    def label(self) -> str:
        return _TYPE_LABELS[self][0]

    @property
    def article(self) -> str:
        return _TYPE_LABELS[self][1]

    @property
    def fee_allowed(self) -> bool:
        """APPI Art. 38: a fee only for purpose notice and the two disclosures."""
        return self in FEE_ELIGIBLE_TYPES

    @property
    def is_disclosure(self) -> bool:
        return self in (RequestType.DISCLOSURE, RequestType.RECORD_DISCLOSURE)


_TYPE_LABELS = {
    RequestType.PURPOSE_NOTICE: ("利用目的の通知", "第32条第2項"),
    RequestType.DISCLOSURE: ("保有個人データの開示", "第33条第1項"),
    RequestType.RECORD_DISCLOSURE: ("第三者提供記録の開示", "第33条第5項"),
    RequestType.CORRECTION: ("訂正・追加・削除", "第34条"),
    RequestType.SUSPENSION: ("利用停止・消去", "第35条第1項・第5項"),
    RequestType.PROVISION_STOP: ("第三者提供の停止", "第35条第3項・第5項"),
}

FEE_ELIGIBLE_TYPES = frozenset(
    {RequestType.PURPOSE_NOTICE, RequestType.DISCLOSURE, RequestType.RECORD_DISCLOSURE}
)


class DataScope(StrEnum):
    """The purposes of use in the privacy policy; staff tick the ones the request covers."""

    MEMBER_REGISTER = "member_register"
    ORDERS_DELIVERIES = "orders_deliveries"
    STATEMENTS_TRANSFERS = "statements_transfers"
    AFTER_SALES = "after_sales"
    ENQUIRIES = "enquiries"
    OPINIONS = "opinions"
    ACTIVITY_INFO = "activity_info"
    STATISTICS = "statistics"
    RECOMMENDATIONS = "recommendations"
    KYOSAI = "kyosai"
    LEGAL = "legal"

    @property
    def label(self) -> str:
        return _SCOPE_LABELS[self]


_SCOPE_LABELS = {
    DataScope.MEMBER_REGISTER: "出資金・組合員名簿",
    DataScope.ORDERS_DELIVERIES: "商品・サービスの案内・注文・お届け",
    DataScope.STATEMENTS_TRANSFERS: "ご利用明細・口座振替・振込",
    DataScope.AFTER_SALES: "アフターサービス・商品事故",
    DataScope.ENQUIRIES: "お問い合わせ・ご連絡",
    DataScope.OPINIONS: "ご意見",
    DataScope.ACTIVITY_INFO: "事業・運営・活動の情報提供",
    DataScope.STATISTICS: "統計・分析",
    DataScope.RECOMMENDATIONS: "おすすめ商品等の個人別表示",
    DataScope.KYOSAI: "共済契約",
    DataScope.LEGAL: "法令に基づく対応",
}


class DisclosureMethod(StrEnum):
    """How the person chose to receive a disclosure (Art. 33(1))."""

    PAPER = "paper"
    ELECTRONIC_MEDIUM = "electronic_medium"
    EMAIL = "email"
    VIEWING = "viewing"

    @property
    def label(self) -> str:
        return {
            "paper": "書面の交付",
            "electronic_medium": "電磁的記録 (媒体)",
            "email": "電磁的記録 (電子メール)",
            "viewing": "窓口での閲覧",
        }[self.value]


class Delivery(StrEnum):
    """How the answer reaches the person."""

    MAIL = "mail"  # to the principal's registered / verified address (default)
    COUNTER = "counter"  # collected at the counter (a proxy only if the 委任状 covers 受領)

    @property
    def label(self) -> str:
        return {"mail": "郵送 (登録住所あて)", "counter": "窓口でお渡し"}[self.value]


class RequestStatus(StrEnum):
    RECEIVED = "received"
    IN_PROGRESS = "in_progress"
    EXTENDED = "extended"
    DECIDED = "decided"
    WITHDRAWN = "withdrawn"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {
            "received": "受付済",
            "in_progress": "対応中",
            "extended": "期限延長中",
            "decided": "回答済",
            "withdrawn": "取下げ",
            "cancelled": "受付取消",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset(
    {RequestStatus.RECEIVED, RequestStatus.IN_PROGRESS, RequestStatus.EXTENDED}
)

#: Allowed moves. An extension is possible once: EXTENDED cannot be extended again.
TRANSITIONS: dict[RequestStatus, frozenset[RequestStatus]] = {
    RequestStatus.RECEIVED: frozenset(
        {
            RequestStatus.IN_PROGRESS,
            RequestStatus.EXTENDED,
            RequestStatus.DECIDED,
            RequestStatus.WITHDRAWN,
            RequestStatus.CANCELLED,
        }
    ),
    RequestStatus.IN_PROGRESS: frozenset(
        {RequestStatus.EXTENDED, RequestStatus.DECIDED, RequestStatus.WITHDRAWN}
    ),
    RequestStatus.EXTENDED: frozenset({RequestStatus.DECIDED, RequestStatus.WITHDRAWN}),
    RequestStatus.DECIDED: frozenset(),
    RequestStatus.WITHDRAWN: frozenset(),
    RequestStatus.CANCELLED: frozenset(),
}


def transition(current: RequestStatus, target: RequestStatus) -> RequestStatus:
    """Return ``target`` if the move is allowed, else raise IllegalTransition (Japanese)."""
    if target not in TRANSITIONS[current]:
        if current == RequestStatus.EXTENDED and target == RequestStatus.EXTENDED:
            raise IllegalTransition("回答期限の延長は1回までです。")
        raise IllegalTransition(
            f"「{current.label}」の請求を「{target.label}」にすることはできません。"
        )
    return target


class Outcome(StrEnum):
    """The decision on one request type."""

    # disclosure, record disclosure, purpose notice
    DISCLOSED_FULL = "disclosed_full"
    DISCLOSED_PARTIAL = "disclosed_partial"
    REFUSED = "refused"
    NOT_HELD = "not_held"
    METHOD_CHANGED_TO_PAPER = "method_changed_to_paper"
    NOTIFIED = "notified"  # purpose notice given
    # correction
    CORRECTED = "corrected"
    NOT_CORRECTED = "not_corrected"
    # suspension / provision stop
    SUSPENDED = "suspended"
    ALTERNATIVE_MEASURE = "alternative_measure"
    NOT_SUSPENDED = "not_suspended"

    @property
    def label(self) -> str:
        return _OUTCOME_LABELS[self]

    @property
    def needs_ground(self) -> bool:
        """A refusal (whole or part) needs a statutory ground and an explanation (Art. 36)."""
        return self in (
            Outcome.REFUSED,
            Outcome.DISCLOSED_PARTIAL,
            Outcome.NOT_CORRECTED,
            Outcome.NOT_SUSPENDED,
            Outcome.ALTERNATIVE_MEASURE,
        )


_OUTCOME_LABELS = {
    Outcome.DISCLOSED_FULL: "全部開示",
    Outcome.DISCLOSED_PARTIAL: "一部開示",
    Outcome.REFUSED: "不開示",
    Outcome.NOT_HELD: "保有個人データなし",
    Outcome.METHOD_CHANGED_TO_PAPER: "書面による開示 (方法変更)",
    Outcome.NOTIFIED: "利用目的を通知",
    Outcome.CORRECTED: "訂正等を実施",
    Outcome.NOT_CORRECTED: "訂正等を行わない",
    Outcome.SUSPENDED: "利用停止等を実施",
    Outcome.ALTERNATIVE_MEASURE: "代替措置を実施",
    Outcome.NOT_SUSPENDED: "利用停止等を行わない",
}

#: Which outcomes fit which request type.
OUTCOMES_BY_TYPE: dict[RequestType, frozenset[Outcome]] = {
    RequestType.PURPOSE_NOTICE: frozenset({Outcome.NOTIFIED, Outcome.REFUSED}),
    RequestType.DISCLOSURE: frozenset(
        {
            Outcome.DISCLOSED_FULL,
            Outcome.DISCLOSED_PARTIAL,
            Outcome.REFUSED,
            Outcome.NOT_HELD,
            Outcome.METHOD_CHANGED_TO_PAPER,
        }
    ),
    RequestType.CORRECTION: frozenset({Outcome.CORRECTED, Outcome.NOT_CORRECTED, Outcome.NOT_HELD}),
    RequestType.SUSPENSION: frozenset(
        {Outcome.SUSPENDED, Outcome.ALTERNATIVE_MEASURE, Outcome.NOT_SUSPENDED, Outcome.NOT_HELD}
    ),
}
OUTCOMES_BY_TYPE[RequestType.RECORD_DISCLOSURE] = OUTCOMES_BY_TYPE[RequestType.DISCLOSURE]
OUTCOMES_BY_TYPE[RequestType.PROVISION_STOP] = OUTCOMES_BY_TYPE[RequestType.SUSPENSION]


class RefusalGround(StrEnum):
    """APPI Art. 33(2): the grounds for not disclosing (wholly or in part)."""

    HARM = "harm"
    BUSINESS_INTERFERENCE = "business_interference"
    OTHER_LAW = "other_law"

    @property
    def label(self) -> str:
        return {
            "harm": "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ (第33条第2項第1号)",
            "business_interference": "業務の適正な実施に著しい支障を及ぼすおそれ (第33条第2項第2号)",
            "other_law": "他の法令に違反することとなる場合 (第33条第2項第3号)",
        }[self.value]


class PurposeNoticeGround(StrEnum):
    """APPI Art. 32(2): the grounds for not notifying the purposes of use. Item 2 refers to
    Art. 21(4)(i)-(iii); the co-op then tells the person of the decision (Art. 32(3))."""

    PURPOSE_EVIDENT = "purpose_evident"
    HARM = "harm"
    COOP_RIGHTS = "coop_rights"
    STATE_COOPERATION = "state_cooperation"

    @property
    def label(self) -> str:
        return {
            "purpose_evident": "利用目的が公表等により明らかな場合 (第32条第2項第1号)",
            "harm": (
                "本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ"
                " (第32条第2項第2号・第21条第4項第1号)"
            ),
            "coop_rights": (
                "当組合の権利又は正当な利益を害するおそれ (第32条第2項第2号・第21条第4項第2号)"
            ),
            "state_cooperation": (
                "国の機関等が法令の定める事務を遂行することに協力する必要があり、通知によりその"
                "遂行に支障を及ぼすおそれ (第32条第2項第2号・第21条第4項第3号)"
            ),
        }[self.value]


class SuspensionGround(StrEnum):
    """The ground the person claims for suspension / erasure / provision stop (Art. 35)."""

    IMPROPER_PURPOSE = "improper_purpose"  # Art. 18 breach (beyond purpose)
    IMPROPER_USE = "improper_use"  # Art. 19
    UNLAWFUL_ACQUISITION = "unlawful_acquisition"  # Art. 20
    UNLAWFUL_PROVISION = "unlawful_provision"  # Arts. 27(1), 28
    NO_LONGER_NEEDED = "no_longer_needed"  # Art. 35(5)
    LEAK = "leak"  # Art. 35(5): a reportable incident
    HARM_TO_RIGHTS = "harm_to_rights"  # Art. 35(5)

    @property
    def label(self) -> str:
        return {
            "improper_purpose": "目的外利用 (第18条違反)",
            "improper_use": "不適正な利用 (第19条違反)",
            "unlawful_acquisition": "不正な取得 (第20条違反)",
            "unlawful_provision": "本人の同意のない第三者提供 (第27条第1項・第28条違反)",
            "no_longer_needed": "利用する必要がなくなった (第35条第5項)",
            "leak": "漏えい等の事態が生じた (第35条第5項)",
            "harm_to_rights": "本人の権利又は正当な利益が害されるおそれ (第35条第5項)",
        }[self.value]

    @classmethod
    def for_type(cls, request_type: RequestType) -> tuple[SuspensionGround, ...]:
        """The grounds the law gives for ``request_type``: Art. 35(1) (18/19/20) for
        suspension / erasure, Art. 35(3) (27(1)/28) for a provision stop, and Art. 35(5)'s
        three for both. Empty for any other type."""
        common = (cls.NO_LONGER_NEEDED, cls.LEAK, cls.HARM_TO_RIGHTS)
        if request_type is RequestType.SUSPENSION:
            return (cls.IMPROPER_PURPOSE, cls.IMPROPER_USE, cls.UNLAWFUL_ACQUISITION, *common)
        if request_type is RequestType.PROVISION_STOP:
            return (cls.UNLAWFUL_PROVISION, *common)
        return ()
