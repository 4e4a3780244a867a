"""Mappings the user gave once ("Cust #" -> external_id), remembered in the book.

A mapping given on the command line (``--map``) or in the import wizard is stored, per
entity, in the book's ``import_mappings`` setting once the import has written
something; the next file from the same CRM then finds its columns by itself. What the
user maps now always wins over what was remembered, and only choices that differ from
what the headers say on their own are kept."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from sqlalchemy.orm import Session

from cswork.importing.fields import IGNORE, KEEP, FieldSet, header_key
from cswork.settings import get_setting, set_setting

SETTING = "import_mappings"


def remembered_mapping(session: Session, entity: str) -> dict[str, str]:
    return dict(get_setting(session, SETTING).get(entity, {}))


def _target(field_set: FieldSet, target: str) -> str | None:
    """A mapping's field by its canonical name, or None when it names no field."""
    if header_key(target) == IGNORE:
        return IGNORE
    if header_key(target) == KEEP and field_set.keeps_custom:
        return KEEP
    field = field_set.get(target) or field_set.match(target)
    return field.name if field else None


def _automatic(field_set: FieldSet, header: str) -> str:
    field = field_set.match(header)
    return field.name if field else _unmatched(field_set)


def _unmatched(field_set: FieldSet) -> str:
    """What a column no field reads does: kept as a custom field, or left out."""
    return KEEP if field_set.keeps_custom else IGNORE


def mapping_for(
    headers: Sequence[str],
    field_set: FieldSet,
    remembered: Mapping[str, str],
    given: Mapping[str, str] | None,
) -> dict[str, str]:
    """The mapping an import uses: ``given`` as it is, plus the remembered choices for
    the file's other headers, unless they name a field the given mapping fills or one
    no longer there."""
    mapping = dict(given or {})
    given_headers = {header_key(source) for source in mapping}
    given_fields = {_target(field_set, target) for target in mapping.values()} - {IGNORE, KEEP}
    by_key = {header_key(header): header for header in headers}
    for source, target in remembered.items():
        header = by_key.get(header_key(source))
        field = _target(field_set, target)
        if header is None or header_key(source) in given_headers or field is None:
            continue
        if field in given_fields:
            continue
        mapping[header] = field
        if field not in (IGNORE, KEEP):
            given_fields.add(field)
    return mapping


def remember_mapping(
    session: Session, entity: str, field_set: FieldSet, given: Mapping[str, str]
) -> None:
    """Keep the user's choices for next time: each replaces what was remembered for
    its header (and for its field); a choice the headers make on their own is not kept."""
    stored = get_setting(session, SETTING)
    remembered = dict(stored.get(entity, {}))
    for source, target in given.items():
        field = _target(field_set, target)
        if field is None:
            continue
        remembered = {
            header: old
            for header, old in remembered.items()
            if header_key(header) != header_key(source)
            and (field in (IGNORE, KEEP) or _target(field_set, old) != field)
        }
        if field != _automatic(field_set, source):
            remembered[source] = field
    if remembered != stored.get(entity, {}):
        set_setting(session, SETTING, {**stored, entity: remembered})


class Suggestion(NamedTuple):
    """What the wizard first shows for a header: its field and why."""

    field: str  # a field name, IGNORE, or KEEP (a custom field)
    reason: str


def suggest_fields(
    headers: Sequence[str], field_set: FieldSet, remembered: Mapping[str, str]
) -> list[Suggestion]:
    """Each header's field as an import would find it: remembered choices first, then
    our own names and the CRM synonyms; a field goes to the first header that claims it."""
    chosen = mapping_for(headers, field_set, remembered, None)
    taken = {field: header for header, field in chosen.items() if field not in (IGNORE, KEEP)}
    suggestions = []
    for header in headers:
        if header in chosen:
            suggestions.append(Suggestion(chosen[header], "remembered from the last import"))
            continue
        field = field_set.match(header) if header else None
        if field is None and field_set.keeps_custom and header:
            suggestions.append(Suggestion(KEEP, "no field has this name"))
        elif field is None:
            suggestions.append(Suggestion(IGNORE, "no field has this name"))
        elif field.name in taken:
            suggestions.append(Suggestion(IGNORE, f"'{taken[field.name]}' fills {field.name}"))
        else:
            taken[field.name] = header
            ours = header_key(header) == header_key(field.name)
            suggestions.append(Suggestion(field.name, "our name" if ours else "a CRM name"))
    return suggestions
