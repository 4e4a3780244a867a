"""Value mappings: a CRM's own words for a field's values ("Enterprise" -> strategic).

A field that takes a fixed set of values (fields.Field.mappable: segment, status,
opportunity kind, stage, forecast category, contact role and sentiment, currency)
reads a cell through the user's mapping first, then as its own values and built-in
aliases. Mappings are given per field on the command line (``--values
"segment:Enterprise=strategic;SMB=low-touch"``, the field named as the field, by any
of its names) or in the wizard, and remembered per book and entity in the
``import_values`` setting once an import has written something; what is given now
wins over what was remembered, value by value."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

from cswork.importing.fields import Columns, Field, FieldSet
from cswork.importing.tables import ImportFileError, Table
from cswork.importing.values import Formats, ValueProblem, choice_key
from cswork.settings import get_setting, set_setting

SETTING = "import_values"
# {field name: {the file's value, as typed: the field's value}}
ValueMapping = dict[str, dict[str, str]]


def _listed(words: Iterable[str]) -> str:
    """'a, b or c'."""
    words = list(words)
    return ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else "".join(words)


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def mappable_fields(field_set: FieldSet) -> list[Field]:
    return [field for field in field_set.fields if field.mappable]


def mapped_target(field: Field, target: str) -> str | None:
    """The field's value ``target`` names ('High Touch' -> 'high-touch'), or None when
    it is not one the field takes."""
    try:
        value = field.parse(target, Formats())
    except ValueProblem:
        return None
    return str(value)


def parse_value_options(texts: Iterable[str], field_set: FieldSet) -> ValueMapping:
    """``--values`` options, each 'field:Value=choice;Value=choice', as a mapping.
    ImportFileError, one line, for any text that cannot be used."""
    mapping: ValueMapping = {}
    names = _listed(field.name for field in mappable_fields(field_set))
    for text in texts:
        name, colon, pairs = text.partition(":")
        if not colon or not name.strip() or not pairs.strip():
            raise ImportFileError(
                f'--values takes "field:Value=choice;Value=choice", as in '
                f'"segment:Enterprise=strategic", not {text!r}.'
            )
        field = field_set.get(name) or field_set.match(name)
        if field is None:
            raise ImportFileError(
                f"--values names '{name.strip()}', which is not {_a(field_set.noun)} field; "
                f"values can be mapped for {names}."
            )
        if not field.mappable:
            raise ImportFileError(
                f"--values names {field.name}, which takes any value rather than a fixed "
                f"set; values can be mapped for {names}."
            )
        for pair in filter(str.strip, pairs.split(";")):
            value, equals, target = (part.strip() for part in pair.rpartition("="))
            if not equals or not value or not target:
                raise ImportFileError(
                    f"--values for {field.name} takes Value=choice pairs split by ';', "
                    f"not {pair.strip()!r}."
                )
            chosen = mapped_target(field, target)
            if chosen is None:
                raise ImportFileError(
                    f"--values maps '{value}' to '{target}', which is not one of "
                    f"{_listed(field.choices)} (the values of {field.name})."
                )
            mapping.setdefault(field.name, {})[value] = chosen
    return mapping


def remembered_values(session: Session, entity: str) -> ValueMapping:
    stored = get_setting(session, SETTING).get(entity, {})
    return {field: dict(values) for field, values in stored.items()}


def values_for(
    field_set: FieldSet, remembered: Mapping[str, Mapping[str, str]], given: Mapping | None
) -> ValueMapping:
    """The mapping an import uses: the remembered one, each value overridden by the
    given one. A remembered value that no longer names a choice is dropped; a given one
    is refused (ImportFileError)."""
    merged: ValueMapping = {}
    for source, given_now in ((remembered, False), (given or {}, True)):
        for name, values in source.items():
            field = field_set.get(name)
            if field is None or not field.mappable:
                continue
            into = merged.setdefault(field.name, {})
            for value, target in values.items():
                chosen = mapped_target(field, target)
                if chosen is None and given_now:
                    raise ImportFileError(
                        f"The value mapping sends '{value}' to '{target}', which is not one "
                        f"of {_listed(field.choices)} (the values of {field.name})."
                    )
                if chosen is None:
                    continue
                for old in [old for old in into if choice_key(old) == choice_key(value)]:
                    del into[old]
                into[value] = chosen
    return {name: values for name, values in merged.items() if values}


def lookup(mapping: Mapping[str, Mapping[str, str]]) -> dict[str, dict[str, str]]:
    """The mapping as the parsers look it up (Formats.values): by choice_key."""
    return {
        name: {choice_key(value): target for value, target in values.items()}
        for name, values in mapping.items()
    }


def remember_values(session: Session, entity: str, given: Mapping[str, Mapping[str, str]]) -> None:
    """Keep the user's value mappings for the next file of this entity."""
    stored = get_setting(session, SETTING)
    remembered = {field: dict(values) for field, values in stored.get(entity, {}).items()}
    for name, values in given.items():
        into = remembered.setdefault(name, {})
        for value, target in values.items():
            for old in [old for old in into if choice_key(old) == choice_key(value)]:
                del into[old]
            into[value] = target
    if remembered != stored.get(entity, {}):
        set_setting(session, SETTING, {**stored, entity: remembered})


@dataclass(frozen=True)
class FoundValue:
    text: str  # as the file has it (the first spelling found)
    rows: int  # how many rows hold it
    reads_as: str | None  # the field's value it reads as now, or None: it needs a mapping
    mapped: bool  # read through the mapping (rather than as a choice or alias)


@dataclass(frozen=True)
class ChoiceColumn:
    """A column whose field takes a fixed set of values, and the values found in it."""

    field: str
    header: str
    choices: tuple[str, ...]
    values: list[FoundValue]


def found_values(
    table: Table,
    columns: Columns,
    field_set: FieldSet,
    mapping: Mapping[str, Mapping[str, str]] | None = None,
) -> list[ChoiceColumn]:
    """For each mappable field the file has a column for: its distinct values (with how
    many rows hold each, most first) and what each reads as with ``mapping`` (the
    user's, already merged with the remembered one)."""
    with_mapping = Formats(values=lookup(mapping or {}))
    found = []
    for field in mappable_fields(field_set):
        index = columns.indexes.get(field.name)
        if index is None:
            continue
        counts: Counter[str] = Counter()
        spelling: dict[str, str] = {}
        for _, cells in table.rows:
            if text := cells[index]:
                key = choice_key(text)
                counts[key] += 1
                spelling.setdefault(key, text)
        values = []
        for key, rows in counts.most_common():
            text = spelling[key]
            reads_as = _reads_as(field, text, with_mapping)
            mapped = key in with_mapping.values.get(field.name, {})
            values.append(FoundValue(text, rows, reads_as, mapped))
        found.append(ChoiceColumn(field.name, columns.headers[index], field.choices, values))
    return found


def _reads_as(field: Field, text: str, formats: Formats) -> str | None:
    try:
        return str(field.parse(text, formats))
    except ValueProblem:
        return None
