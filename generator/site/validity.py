"""A document's status and validity on the build date: 征求意见稿, 有效期至…（剩余N天）, 已失效."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.policy import parse_date
from generator.site.markup import cn_date


DRAFT_STATUSES = ("征求意见稿", "尚未生效")  # meta.schema.json's status values that are not law yet


@dataclass(frozen=True)
class Validity:
    status: str                 # 效力状态 as declared in meta.yaml (征求意见稿, 现行有效, ...)
    effective: dt.date | None
    expires: dt.date | None
    state: str                  # no_term | not_yet | in_force | expired
    days_left: int | None       # days from the build date to the expiry date, inclusive of neither

    @property
    def css_class(self) -> str:
        """expired, draft (征求意见稿 / 尚未生效, or not yet in force) or in_force."""
        if self.expired or self.status == "已失效":
            return "expired"
        return "draft" if self.status in DRAFT_STATUSES or self.state == "not_yet" else "in_force"

    @property
    def expired(self) -> bool:
        return self.state == "expired"

    def term_text(self) -> str:
        """One line: 有效期至2026年12月31日（剩余N天） / 已失效（有效期至…） / 未规定有效期."""
        if self.state == "expired":
            return f"已失效（有效期至{cn_date(self.expires)}）"
        if self.expires is None:
            return "未规定有效期"
        text = f"有效期至{cn_date(self.expires)}（剩余{self.days_left}天）"
        if self.state == "not_yet":
            text = f"尚未施行，自{cn_date(self.effective)}起施行；" + text
        return text


def validity(meta: dict, today: dt.date) -> Validity:
    dates = meta.get("dates") or {}
    effective, expires = parse_date(dates.get("effective")), parse_date(dates.get("expires"))
    if expires is not None and today > expires:
        state = "expired"
    elif effective is not None and today < effective:
        state = "not_yet"
    elif expires is None:
        state = "no_term"
    else:
        state = "in_force"
    days_left = (expires - today).days if expires is not None and state != "expired" else None
    return Validity(meta["status"], effective, expires, state, days_left)
