"""The Snooze dialog's quick picks are days a CSM would name the same way."""

from datetime import date

from cswork.ctas import snooze_choices


def test_quick_picks_from_a_monday():
    picks = dict(snooze_choices(date(2026, 11, 23)))  # a Monday
    assert picks == {
        "Tomorrow": date(2026, 11, 24),
        "Next week": date(2026, 11, 30),  # next Monday
        "In 2 weeks": date(2026, 12, 7),
        "Next month": date(2026, 12, 23),
    }


def test_next_week_from_a_sunday_is_the_day_after():
    assert dict(snooze_choices(date(2026, 11, 29)))["Next week"] == date(2026, 11, 30)


def test_next_month_keeps_to_the_end_of_a_short_month_and_crosses_the_year():
    assert dict(snooze_choices(date(2027, 1, 31)))["Next month"] == date(2027, 2, 28)
    assert dict(snooze_choices(date(2026, 12, 15)))["Next month"] == date(2027, 1, 15)


def test_every_pick_is_after_today():
    today = date(2026, 2, 28)
    assert all(day > today for _, day in snooze_choices(today))
