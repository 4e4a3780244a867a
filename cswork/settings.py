"""Book-wide settings: defaults live here, the book stores only what a user changed.

Each setting has a check, so the Settings screen and the command line refuse a bad
value with the same words."""

import json
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from cswork.models import Setting

DEFAULTS: dict[str, Any] = {
    # Alerts
    "renewal_lead_days": [90],  # several allowed, e.g. [120, 90, 30]
    "silence_days_high_touch": 45,
    "silence_days_low_touch": 90,
    "ebr_interval_days": 180,
    "health_drop_points": 15,
    "health_drop_window_days": 30,
    "red_lookback_days": 30,  # a category that turned red this recently raises a CTA
    "lifecycle_days": 30,  # strategy session / success plan expected this long after start
    "new_customer_days": 90,
    "contact_left_days": 30,
    "renewals_per_business_day": 3,
    # The business calendar
    "working_days": [0, 1, 2, 3, 4],  # Monday = 0
    "holidays": [],  # ISO dates
    # Import
    # How to read 03/04/2026 (MDY, DMY; YMD for 2026/04/03): the order the user last
    # gave an import; None until then, and the file's own dates must say it.
    "import_date_order": None,
    # Column mappings the user gave once, per entity: {"accounts": {"Cust #": "external_id"}}
    "import_mappings": {},
    # Value mappings, per entity and field: {"accounts": {"segment": {"SMB": "low-touch"}}}
    "import_values": {},
    "grr_target": "0.9",
    # Money: the currency sums are reported in; None: the one with most of the book's ARR.
    "reporting_currency": None,
    # The day the last alert scan wrote for (ISO date): a look at an earlier day only
    # previews, so it never raises back-dated CTAs.
    "last_scan_on": None,
}


class SettingError(ValueError):
    pass


def _whole(low: int, high: int) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            raise SettingError(f"must be a whole number from {low} to {high}")

    return check


def _lead_days(value: Any) -> None:
    if not isinstance(value, list) or not value:
        raise SettingError("give at least one lead time in days, e.g. 120, 90, 30")
    for days in value:
        _whole(1, 730)(days)
    if len(set(value)) != len(value):
        raise SettingError("each lead time once")


def _working_days(value: Any) -> None:
    if not isinstance(value, list) or not value or any(d not in range(7) for d in value):
        raise SettingError("pick at least one working day")


def _holidays(value: Any) -> None:
    if not isinstance(value, list):
        raise SettingError("a list of dates")
    for day in value:
        try:
            date.fromisoformat(day)
        except (TypeError, ValueError):
            raise SettingError(f"'{day}' is not a date (YYYY-MM-DD)") from None


def _one_of(*choices: str) -> Callable[[Any], None]:
    def check(value: Any) -> None:
        if value not in choices:
            raise SettingError(f"must be one of {', '.join(choices)}")

    return check


def _day_or_none(value: Any) -> None:
    if value is not None:
        _holidays([value])


def _ratio(value: Any) -> None:
    from cswork.shares import ShareError, parse_share

    try:
        ok = 0 < parse_share(value) <= 1
    except ShareError:
        ok = False
    if not ok:
        raise SettingError("must be above 0 % and at most 100 %, e.g. 90% or 0.9")


def _currency_code(value: Any) -> None:
    if value is not None and not (
        isinstance(value, str)
        and len(value) == 3
        and value.isascii()
        and value.isupper()
        and value.isalpha()
    ):
        raise SettingError(f"'{value}' is not a currency code: three capital letters, e.g. EUR")


IMPORT_ENTITIES = ("accounts", "contacts", "opportunities", "scores")


def _import_mappings(value: Any) -> None:
    if not isinstance(value, dict) or not set(value) <= set(IMPORT_ENTITIES):
        raise SettingError(f"a mapping for each of {', '.join(IMPORT_ENTITIES)}")
    for mapping in value.values():
        if not isinstance(mapping, dict) or not all(
            isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
            for k, v in mapping.items()
        ):
            raise SettingError("each mapping takes a file's header to a field name")


def _date_order(value: Any) -> None:
    if value not in (None, "MDY", "DMY", "YMD"):
        raise SettingError("must be MDY, DMY or YMD (or not set)")


def _import_values(value: Any) -> None:
    if not isinstance(value, dict) or not set(value) <= set(IMPORT_ENTITIES):
        raise SettingError(f"value mappings for each of {', '.join(IMPORT_ENTITIES)}")
    for fields in value.values():
        if not isinstance(fields, dict) or not all(
            isinstance(name, str)
            and name.strip()
            and isinstance(values, dict)
            and all(
                isinstance(k, str) and isinstance(v, str) and k.strip() and v.strip()
                for k, v in values.items()
            )
            for name, values in fields.items()
        ):
            raise SettingError("each field's mapping takes a file's value to one of its choices")


CHECKS: dict[str, Callable[[Any], None]] = {
    "renewal_lead_days": _lead_days,
    "silence_days_high_touch": _whole(1, 365),
    "silence_days_low_touch": _whole(1, 365),
    "ebr_interval_days": _whole(1, 730),
    "health_drop_points": _whole(1, 100),
    "health_drop_window_days": _whole(1, 365),
    "red_lookback_days": _whole(1, 365),
    "lifecycle_days": _whole(1, 365),
    "new_customer_days": _whole(1, 365),
    "contact_left_days": _whole(1, 365),
    "renewals_per_business_day": _whole(1, 50),
    "working_days": _working_days,
    "holidays": _holidays,
    "import_date_order": _date_order,
    "import_mappings": _import_mappings,
    "import_values": _import_values,
    "grr_target": _ratio,
    "reporting_currency": _currency_code,
    "last_scan_on": _day_or_none,
}


def check_setting(key: str, value: Any) -> None:
    """Raise SettingError saying what is wrong with ``value`` for ``key``."""
    if key not in DEFAULTS:
        raise KeyError(f"unknown setting {key!r}")
    try:
        CHECKS[key](value)
    except SettingError as exc:
        raise SettingError(f"{key.replace('_', ' ')}: {exc}") from None


def get_setting(session: Session, key: str) -> Any:
    stored = session.scalar(select(Setting.value).where(Setting.key == key))
    if stored is None:
        return DEFAULTS[key]
    return json.loads(stored)


def all_settings(session: Session) -> dict[str, Any]:
    stored = {k: json.loads(v) for k, v in session.execute(select(Setting.key, Setting.value))}
    return {key: stored.get(key, default) for key, default in DEFAULTS.items()}


def set_setting(session: Session, key: str, value: Any) -> None:
    check_setting(key, value)
    if key == "renewal_lead_days":
        value = sorted(value, reverse=True)
    if CHECKS[key] is _ratio:  # '90%' and 0.9 alike, kept as the fraction's text
        from cswork.shares import parse_share

        value = str(parse_share(value))
    row = session.get(Setting, key)
    text = json.dumps(value)
    if row is None:
        session.add(Setting(key=key, value=text))
    else:
        row.value = text


def replace_settings(session: Session, values: dict[str, Any]) -> dict[str, Any]:
    """Set several settings at once; returns their values before (to set them back)."""
    before = {key: get_setting(session, key) for key in values}
    for key, value in values.items():
        set_setting(session, key, value)
    return before
