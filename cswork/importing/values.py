"""Reading one cell: money, dates, yes/no, counts, codes and choices as CRMs export them.

Every parser takes the cell's text (already stripped, never empty) and returns the
value, or raises ValueProblem with a message that quotes what the user typed. Nothing
here guesses: a date that does not exist is refused, never rolled over, and 03/04/2026
is read the one way the file's day/month order says (cswork.importing.dates decides
it), or refused as ambiguous when no order is known."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from cswork.money import CURRENCY_SYMBOLS, MoneyError, parse_money

# MDY and DMY say how to read 03/04/2026; YMD is for files like 2026/04/03, which read
# year-month-day in any case: with YMD, a date with the year last is refused.
DATE_ORDERS = ("MDY", "DMY", "YMD")
MAX_CENTS = 2**63 - 1  # a BIGINT column
MAX_COUNT = 2**31 - 1  # an INTEGER column


@dataclass(frozen=True)
class Formats:
    """How one import reads its cells: the day/month order of its dates (None when
    nothing says it: an ambiguous date is then refused), the user's value mappings
    ({field name: {choice_key(value in the file): the field's value}}), and where a
    refusal tells the user to fix a value: the command line's options, or the wizard."""

    date_order: str | None = None
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    in_wizard: bool = False
    # A value typed by hand (an account edit), not a file's cell: nothing to map, and
    # a date is best written unambiguously.
    by_hand: bool = False
    # The file's dates disagree (31/03/2027 and 12/25/2027) and no order was given:
    # none of its year-last dates is read.
    mixed_dates: bool = False

    def how_to_map(self, field_name: str, text: str) -> str | None:
        if self.by_hand:
            return None
        if self.in_wizard:
            return 'choose what it reads as on the page "Values and dates"'
        return f'map it with --values "{field_name}:{text}=..."'

    def how_to_order(self) -> str:
        if self.by_hand:
            return "write it as year-month-day, like 2027-03-04"
        if self.in_wizard:
            return 'choose the day/month order on the page "Values and dates"'
        return "say which with --date-order mdy or --date-order dmy"


class ValueProblem(ValueError):
    """A cell that cannot be read; ``message`` is what the user sees."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# What our CSV export puts an apostrophe before, so a spreadsheet shows it as text
# (cswork.exporting.FORMULA_STARTS); reading a text cell back takes the apostrophe off.
NEUTRALISED_STARTS = ("=", "+", "-", "@", "\t", "\r")


def restore_text(text: str) -> str:
    """'\'=SUM(A1)' -> '=SUM(A1)': undo the export's CSV-injection apostrophe."""
    if text[0] == "'" and text[1:2] in NEUTRALISED_STARTS:
        return text[1:]
    return text


def parse_text(text: str, max_length: int) -> str:
    if text[0] == "'" and text[1:2] in NEUTRALISED_STARTS:  # restore_text, inlined: hot
        text = text[1:]
    if len(text) > max_length:
        raise ValueProblem(f"'{text[:30]}...' is longer than {max_length} characters")
    return text


# The shape nearly every CRM exports ('$1,200.50', '1200.5'): read without Decimal, as
# parse_money would read it, because a 100,000-row import reads 100,000 of them.
_PLAIN_MONEY = re.compile(r"^\$?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$")


def parse_arr(text: str) -> int:
    """Cents, from '$1,200.50', '1200.5' or 'USD 1,200'. ARR is never negative."""
    _not_too_long_for_money(text)
    if plain := _PLAIN_MONEY.match(text):
        cents = int(plain[1].replace(",", "")) * 100 + int((plain[2] or "0").ljust(2, "0"))
    else:
        try:
            cents = parse_money(text)
        except MoneyError:
            raise ValueProblem(f"'{_shown(text)}' is not an amount of money") from None
        if cents < 0:
            raise ValueProblem(f"'{text}' is negative: ARR cannot be less than 0")
    if cents > MAX_CENTS:
        raise ValueProblem(f"'{_shown(text)}' is too large an amount")
    return cents


_COUNT = re.compile(r"^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$")


def parse_count(text: str) -> int:
    """A whole number of 0 or more ('1,200' and the '12.0' a spreadsheet writes too)."""
    match = _COUNT.match(text) if len(text) <= 40 else None
    if not match:
        raise ValueProblem(f"'{_shown(text)}' is not a whole number")
    value = int(match[2].replace(",", ""))
    if match[1] == "-" and value:
        raise ValueProblem(f"'{text}' is negative: it must be 0 or more")
    if value > MAX_COUNT:
        raise ValueProblem(f"'{text}' is too large a number")
    return value


def parse_months(text: str) -> int:
    months = parse_count(text)
    if months == 0:
        raise ValueProblem(f"'{text}' is not a term: it must be 1 month or more")
    return months


_YES = {"yes", "y", "true", "t", "1"}
_NO = {"no", "n", "false", "f", "0"}


def parse_yes_no(text: str) -> bool:
    word = text.lower()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValueProblem(f"'{_shown(text)}' is not yes or no")


_CURRENCY_BY_SYMBOL = {symbol: code for code, symbol in CURRENCY_SYMBOLS.items()}


def parse_currency(text: str) -> str:
    """A 3-letter code ('usd' -> 'USD'); the plain symbols '$', '€', '£', '¥' too."""
    code = _CURRENCY_BY_SYMBOL.get(text, text.upper())
    if len(code) != 3 or not code.isascii() or not code.isalpha():
        raise ValueProblem(f"'{_shown(text)}' is not a currency code (use 3 letters, like USD)")
    return code


def choice_key(text: str) -> str:
    """'High Touch', 'high_touch' and 'high-touch' all read as 'hightouch'."""
    return re.sub(r"[\s_\-]+", "", text.lower())


def parse_choice(
    text: str, choices: type[StrEnum], aliases: dict[str, str] | None = None
) -> StrEnum:
    """A member of ``choices``, by its value in any case and spacing, or by an alias."""
    key = choice_key(text)
    for member in choices:
        if choice_key(member.value) == key:
            return member
    if aliases and key in aliases:
        return choices(aliases[key])
    allowed = [member.value for member in choices]
    listed = ", ".join(allowed[:-1]) + " or " + allowed[-1] if len(allowed) > 1 else allowed[0]
    raise ValueProblem(f"'{_shown(text)}' is not one of {listed}")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def parse_person(text: str) -> str:
    """An owner as the file names them: an email address or a name (resolved later)."""
    text = restore_text(text)
    if "@" in text and not _EMAIL.match(text):
        raise ValueProblem(f"'{_shown(text)}' is not an email address")
    return parse_text(text, 320 if "@" in text else 200)


def parse_email(text: str) -> str:
    if not _EMAIL.match(text) or len(text) > 320:
        raise ValueProblem(f"'{_shown(text)}' is not an email address")
    return text


def _shown(text: str) -> str:
    """A cell quoted in a message: a huge cell is cut short."""
    return text if len(text) <= 60 else text[:30] + "..."


def parse_amount(text: str) -> int:
    """Cents, exactly, of an amount that may be negative (a renewal that shrank):
    '-1,200.50', '(300)', '$5'."""
    _not_too_long_for_money(text)
    if plain := _PLAIN_MONEY.match(text):
        cents = int(plain[1].replace(",", "")) * 100 + int((plain[2] or "0").ljust(2, "0"))
        if cents > MAX_CENTS:
            raise ValueProblem(f"'{_shown(text)}' is too large an amount")
        return cents
    try:
        cents = parse_money(text)
    except MoneyError:
        raise ValueProblem(f"'{_shown(text)}' is not an amount of money") from None
    if abs(cents) > MAX_CENTS:
        raise ValueProblem(f"'{_shown(text)}' is too large an amount")
    return cents


def _not_too_long_for_money(text: str) -> None:
    # No amount is this long. Refusing it first keeps a huge cell from the money
    # pattern's backtracking and from int()'s limit on digits.
    if len(text) > 40:
        raise ValueProblem(f"'{_shown(text)}' is not an amount of money")


def parse_not_negative_amount(text: str) -> int:
    cents = parse_amount(text)
    if cents < 0:
        raise ValueProblem(f"'{_shown(text)}' is negative: it cannot be less than 0")
    return cents


_SCORE = re.compile(r"^(\d{1,3})(?:\.0*)?\s*%?$")


def parse_score(text: str) -> int:
    """A category score, 0 to 100: '85', '85.0' (a spreadsheet's number) or '85%'."""
    match = _SCORE.match(text)
    if not match:
        raise ValueProblem(f"'{_shown(text)}' is not a score (a whole number from 0 to 100)")
    score = int(match[1])
    if score > 100:
        raise ValueProblem(f"'{text}' is not a score: it must be 0 to 100")
    return score


def name_from_email(email: str) -> str:
    """'jane.doe@x.com' -> 'Jane Doe': a readable name for a person we must create."""
    local = email.split("@", 1)[0].split("+", 1)[0]
    words = [word for word in re.split(r"[._\-]+", local) if word]
    return " ".join(word.capitalize() for word in words) or email


# Dates --------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
# CRMs and spreadsheets often add a time of day (midnight) to a date; the date is what counts.
_TIME = r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?"
_YEAR_FIRST = re.compile(r"^(\d{4})([-/])(\d{1,2})\2(\d{1,2})" + _TIME + "$")
_YEAR_LAST = re.compile(r"^(\d{1,2})([/-])(\d{1,2})\2(\d{4})" + _TIME + "$")
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?" + _TIME + "$")
_MONTH_FIRST = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([A-Za-z]{3,9})\.?,?[\s-]+(\d{4})$")


class AmbiguousDate(ValueProblem):
    """03/04/2026 with no day/month order to read it by."""


def year_last_date(text: str) -> bool:
    return bool(_YEAR_LAST.match(text))


def parse_date(text: str, order: str | None = None) -> date:
    """2026-11-22, 11/22/2026 (or 22/11/2026 when ``order`` is DMY), 22.11.2026,
    Nov 22, 2026 or 22 November 2026. With no ``order``, a date with the year last is
    read the one way it can be (31/03/2026), and AmbiguousDate when it reads two ways."""
    if match := _YEAR_FIRST.match(text):
        year, month, day = match[1], match[3], match[4]
    elif match := _YEAR_LAST.match(text):
        first, second, year = match[1], match[3], match[4]
        if order is None:
            order = year_last_order(int(first), int(second))
            if order is None:
                raise AmbiguousDate(f"'{text}' is {both_ways(text)}")
        elif order == "YMD":
            raise ValueProblem(f"'{text}' is not a date in year-month-day order")
        month, day = (first, second) if order == "MDY" else (second, first)
    elif match := _DOTTED.match(text):
        day, month, year = match[1], match[2], match[3]
    elif match := _MONTH_FIRST.match(text):
        month, day, year = MONTHS.get(match[1].lower()), match[2], match[3]
    elif match := _DAY_FIRST.match(text):
        day, month, year = match[1], MONTHS.get(match[2].lower()), match[3]
    else:
        raise ValueProblem(f"'{_shown(text)}' is not a date")
    if month is None:
        raise ValueProblem(f"'{text}' is not a date")
    try:
        return date(int(year), int(month), int(day))
    except ValueError:  # 31/02, month 13: refused, never rolled over
        raise ValueProblem(f"'{text}' is not a date") from None


def year_last_order(first: int, second: int) -> str | None:
    """The order a date like 03/04/2026 must be in: DMY when its first number cannot be
    a month, MDY when its second cannot; None when it reads two ways (both are 12 or
    less and they differ). 05/05/2026 reads the same either way: MDY."""
    if first > 12:
        return "DMY"
    if second > 12 or first == second or not first or not second:
        return "MDY"  # (a 0 is no date either way: refused as such)
    return None


MONTH_NAMES = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def both_ways(text: str) -> str:
    """'03/04/2026' -> 'March 4 or 3 April': the two readings of an ambiguous date."""
    match = _YEAR_LAST.match(text)
    if not match:
        return text
    first, second = int(match[1]), int(match[3])
    return f"{MONTH_NAMES[first - 1]} {second} or {first} {MONTH_NAMES[second - 1]}"
