"""A document's status and validity on the build date: 征求意见稿 (尚未施行, 拟施行), 有效期至…（剩余N天）,
已失效. The wording is in templates/site/_status.md.j2."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from generator.model import CONSULTATION_STATUS, DRAFT_STATUSES, LAPSED_STATUS
from generator.policy import parse_date


@dataclass(frozen=True)
class Validity:
    status: str                 # 效力状态 as declared in meta.yaml (征求意见稿, 现行有效, ...)
    effective: dt.date | None
    expires: dt.date | None
    state: str                  # no_term | not_yet | in_force | expired
    days_left: int | None       # days from the build date to the expiry date, inclusive of neither
    today: dt.date | None = None

    @property
    def draft(self) -> bool:
        """Declared 征求意见稿 / 尚未生效: not in force whatever its dates say."""
        return self.status in DRAFT_STATUSES

    @property
    def consultation(self) -> bool:
        """A draft for consultation: its dates are only proposed (拟), and it repeals nothing."""
        return self.status == CONSULTATION_STATUS

    @property
    def effective_passed(self) -> bool:
        """A draft whose proposed commencement date is already behind the build date."""
        return self.effective is not None and self.today is not None and self.today >= self.effective

    @property
    def css_class(self) -> str:
        """expired, draft (征求意见稿 / 尚未生效, or not yet in force) or in_force."""
        if self.expired or self.status == LAPSED_STATUS:
            return "expired"
        return "draft" if self.draft or self.state == "not_yet" else "in_force"

    @property
    def expired(self) -> bool:
        return self.state == "expired"

    def term_text(self) -> str:
        """One line: 尚未施行；原文拟自…起施行 / 有效期至2026年12月31日（剩余N天） / 已失效（有效期至…）."""
        from generator.site.templates import macro
        return str(macro("_status.md.j2", "term")(self))


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
    return Validity(meta["status"], effective, expires, state, days_left, today)
