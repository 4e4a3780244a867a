"""Book-wide settings: defaults live here, the book stores only what a user changed."""

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.models import Setting

DEFAULTS: dict[str, Any] = {
    "renewal_lead_days": [90],
    "silence_days_high_touch": 45,
    "silence_days_low_touch": 90,
    "ebr_interval_days": 180,
    "health_drop_points": 15,
    "health_drop_window_days": 30,
    "renewals_per_business_day": 3,
    "working_days": [0, 1, 2, 3, 4],  # Monday = 0
    "holidays": [],  # ISO dates
    "import_date_order": "MDY",  # how to read 03/04/2026: MDY or DMY, never a guess
    "grr_target": "0.9",
}


def get_setting(session: Session, key: str) -> Any:
    stored = session.scalar(select(Setting.value).where(Setting.key == key))
    if stored is None:
        return DEFAULTS[key]
    return json.loads(stored)


def set_setting(session: Session, key: str, value: Any) -> None:
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    row = session.get(Setting, key)
    text = json.dumps(value)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text
