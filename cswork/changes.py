"""What an edit, an import or a scan changed in the book, said once so that every screen
can decide for itself what to show again (after Anki's ``OpChanges``).

A screen never asks another screen to refresh: whoever changed the book hands a
``Changes`` to the window, and the window hands it to every page."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date


@dataclass(frozen=True)
class Changes:
    accounts: frozenset[int] = field(default_factory=frozenset)  # these accounts' rows
    every_account: bool = False  # an import, new score weights: read the whole book
    ctas: bool = False  # raised, closed, snoozed, reassigned, edited
    raci: bool = False  # who is accountable for what
    comp: bool = False  # comp plans
    settings: bool = False  # alert thresholds, scorecard categories and weights
    people: bool = False  # someone added, edited, deactivated or reactivated
    today: date | None = None  # the day turned over with the window open
    me_changed: bool = False  # the user said who they are
    me_id: int | None = None  # who "me" is now, when me_changed

    @classmethod
    def of_account(cls, account_id: int, **more: object) -> Changes:
        return cls(accounts=frozenset({account_id}), **more)  # type: ignore[arg-type]

    def touches_account(self, account_id: int | None) -> bool:
        return account_id is not None and (self.every_account or account_id in self.accounts)

    @property
    def book_rows(self) -> bool:
        """Whether any account's row in the book may differ."""
        return self.every_account or bool(self.accounts)

    def __or__(self, other: Changes) -> Changes:
        """Both changes at once (the later one's day and "me" win)."""
        merged = {f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)}
        merged["accounts"] = self.accounts | other.accounts
        merged["today"] = other.today or self.today
        if other.me_changed:
            merged["me_id"] = other.me_id
        return Changes(**merged)
