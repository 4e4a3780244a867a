"""The call-prep brief as one page of HTML, from the core's ``Brief``: renewal facts,
health with its categories and trend, risks and open CTAs, the success plan and ROI,
recent timeline, contacts, who does what. Every piece of book text goes through
``esc``; lists are capped so that a typical account fits one page."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from cswork.brief import Brief
from cswork.enums import ObjectiveStatus
from cswork.money import format_money
from ui.kit.labels import renewal_status
from ui.kit.look import BAND_COLOURS, BAND_LABELS, MUTED_COLOUR, PRIORITY_COLOURS, day_text
from ui.kit.paper import dot, esc

TREND_IMAGE = "cswork-brief:trend"  # added to the document by whoever draws it
MAX_CTAS, MAX_OBJECTIVES, MAX_ENTRIES, MAX_CONTACTS = 5, 4, 5, 6
SENTIMENT_COLOURS = {"positive": BAND_COLOURS["green"], "neutral": "#8a94a6", "negative": "#d64545"}


@dataclass(frozen=True)
class BriefPage:
    """What the window needs to show, print or save a brief (built off the GUI thread)."""

    account_id: int
    name: str
    external_id: str
    today: date
    html: str
    trend: list[tuple[date, int]]


def first_upper(word: str) -> str:
    """'status update' -> 'Status update'; 'EBR' stays 'EBR'."""
    return word[:1].upper() + word[1:]


def clip(text: str | None, length: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def brief_page(brief: Brief, role_names: dict[str, str]) -> BriefPage:
    o = brief.view.overview
    left = _renewal(brief, role_names) + _health(brief) + _risks(brief)
    right = _plan(brief) + _timeline(brief) + _contacts(brief) + _duties(brief, role_names)
    parts = [o.external_id, o.segment.capitalize()]
    parts += [o.industry] if o.industry else []
    parts += [f"division of {o.parent_name}"] if o.parent_name else []
    parts += [o.status.upper()] if o.status != "active" else []
    page = (
        f"<h1>{esc(o.name)}</h1>"
        f'<p class="sub">{esc(" · ".join(parts))} · Call-prep brief, '
        f"{esc(day_text(brief.today))}</p>"
        '<table width="100%" cellspacing="0" cellpadding="0"><tr>'
        f'<td width="49%" valign="top">{left}</td><td width="2%"></td>'
        f'<td width="49%" valign="top">{right}</td></tr></table>'
    )
    return BriefPage(o.id, o.name, o.external_id, brief.today, page, brief.view.scorecard.trend)


def _facts(rows: list[tuple[str, str]]) -> str:
    cells = "".join(
        f'<tr><td class="muted" width="30%">{esc(label)}</td><td>{value}</td></tr>'
        for label, value in rows
    )
    return f'<table class="grid" width="100%" cellspacing="0">{cells}</table>'


def _renewal(brief: Brief, role_names: dict[str, str]) -> str:
    o, renewal = brief.view.overview, brief.renewal
    money = lambda cents: esc(format_money(cents, o.currency, whole=True))  # noqa: E731
    if o.renewal_date is None:
        when = '<span class="muted">no renewal date</span>'
    else:
        days = o.days_to_renewal or 0
        to_go = f"overdue by {-days} days" if days < 0 else f"in {days} days"
        style = ' class="warn"' if days < 0 else ""
        when = f"<b>{esc(day_text(o.renewal_date))}</b> <span{style}>({to_go})</span>"
    term = f"{o.term_months}-month term" if o.term_months else "no term on file"
    rows = [
        ("Renewal date", when),
        ("ARR", f"<b>{money(o.arr_cents)}</b> · {esc(term)}"),
        ("Auto-renews", "yes" if o.auto_renew else "no"),
    ]
    if renewal is not None:
        status = renewal_status(renewal.stage, renewal.forecast_category)
        rows.append(
            (
                "Forecast",
                f"{money(renewal.forecast_cents)} of {money(renewal.target_cents)} "
                f"renewable · {esc(status)}",
            )
        )
        if renewal.strategy:
            rows.append(("Strategy", esc(clip(renewal.strategy, 160))))
    else:
        rows.append(("Forecast", '<span class="warn">no renewal opportunity yet</span>'))
    accountable = o.accountable("renewal")
    if accountable is not None:
        rows.append(("Renewal owner", esc(_person(brief, "renewal", role_names))))
    return "<h2>Renewal</h2>" + _facts(rows)


def _person(brief: Brief, activity: str, role_names: dict[str, str]) -> str:
    for duty in brief.view.overview.duties:
        if duty.activity_key == activity and duty.accountable is not None:
            person = duty.accountable
            # The A, or whoever the fallback chain routed it to (the CS leader last).
            roles = [
                r for r, p in duty.people_by_role.items() if p is not None and p.id == person.id
            ]
            role = role_names.get(roles[0], roles[0]) if roles else "CS leader"
            return f"{person.name} ({role})"
    return "—"


def _health(brief: Brief) -> str:
    card = brief.view.scorecard
    if card.health is None:
        return '<h2>Health</h2><p class="muted">Not scored yet.</p>'
    change = card.change_points
    moved = f"no change {card.change_span}" if not change else f"{change:+d} {card.change_span}"
    new = card.first_scored_since if card.compared else []
    if new:  # left out of the change: say so beside it
        names = ", ".join(new) if len(new) <= 2 else f"{len(new)} categories"
        moved += f" ({esc(names)} first scored since)"
    head = (
        f'<p>{dot(BAND_COLOURS[card.band])} <b style="font-size:12pt">{card.health}</b> '
        f"{BAND_LABELS[card.band]} · {moved}</p>"
    )
    trend = card.trend
    if trend:
        first_day, first = trend[0]
        trend_text = f"90 days: {first} on {day_text(first_day)}, {card.health} now"
    else:
        trend_text = "no scores in the last 90 days"
    picture = f'<img src="{TREND_IMAGE}" width="200" height="36">' if trend else ""
    rows = "".join(
        f'<tr><td width="44%">{esc(c.name)}</td>'
        f'<td width="14%">{dot(BAND_COLOURS[c.band]) if c.band else ""} '
        f"{'—' if c.score is None else c.score}</td>"
        f'<td class="muted">{esc(clip(c.comment, 60))}</td></tr>'
        for c in card.categories
    )
    return (
        "<h2>Health</h2>"
        + head
        + f'<p>{picture}<br><span class="muted">{esc(trend_text)}</span></p>'
        + f'<p class="muted">{esc(clip(card.explanation, 220))}</p>'
        + '<table class="grid" width="100%" cellspacing="0">'
        + "<tr><th>Category</th><th>Score</th><th>Comment</th></tr>"
        + rows
        + "</table>"
    )


def _risks(brief: Brief) -> str:
    categories = brief.view.scorecard.categories
    red = [c for c in categories if c.band == "red"]
    lines = []
    if red:
        names = ", ".join(f"<b>{esc(c.name)}</b> ({c.score})" for c in red)
        lines.append(
            f"<p>{dot(BAND_COLOURS['red'])} {len(red)} of {len(categories)} categories "
            f"red: {names}</p>"
        )
    lines += [
        f"<p>{dot(BAND_COLOURS['red'])} {esc(c.name)} ({esc(c.role.value)}) left on "
        f"{esc(day_text(c.left_on))}</p>"
        for c in brief.contacts
        if c.left_on is not None and c.role.value in ("champion", "executive sponsor")
    ]
    lines += [
        f"<p>{dot(BAND_COLOURS['yellow'])} Objective at risk: {esc(clip(ob.title, 90))}</p>"
        for ob in brief.objectives
        if ob.status == ObjectiveStatus.AT_RISK
    ]
    ctas = brief.view.open_ctas
    for item in ctas[:MAX_CTAS]:
        lines.append(
            f"<p>{dot(PRIORITY_COLOURS.get(item.priority, MUTED_COLOUR))} "
            f"<b>{esc(item.type.capitalize())}</b> CTA, due {esc(day_text(item.due_on))}: "
            f"{esc(clip(item.reason, 110))}"
            f'<span class="muted"> · {esc(item.owner_name or "nobody")}</span></p>'
        )
    if len(ctas) > MAX_CTAS:
        lines.append(f'<p class="muted">and {len(ctas) - MAX_CTAS} more open CTAs</p>')
    body = "".join(lines) or '<p class="muted">No red categories and no open CTAs.</p>'
    return "<h2>Risks and open CTAs</h2>" + body


def _plan(brief: Brief) -> str:
    plan = brief.view.plan
    if plan is None:
        return '<h2>Success plan</h2><p class="warn">No success plan yet.</p>'
    parts = ["<h2>Success plan</h2>"]
    if brief.desired_outcome:
        parts.append(f"<p><i>{esc(clip(brief.desired_outcome, 200))}</i></p>")
    parts.append(f'<p class="muted">{esc(plan.summary)}</p>')
    objectives = [o for o in brief.objectives if o.status != ObjectiveStatus.DROPPED]
    if objectives:
        rows = "".join(
            f"<tr><td>{esc(clip(o.title, 70))}</td><td>{esc(o.status.value)}</td>"
            f'<td class="num">{o.progress}%</td><td>{esc(day_text(o.target_date))}</td></tr>'
            for o in objectives[:MAX_OBJECTIVES]
        )
        parts.append(
            '<table class="grid" width="100%" cellspacing="0"><tr><th>Objective</th>'
            f'<th>Status</th><th class="num">Progress</th><th>Target</th></tr>{rows}</table>'
        )
    roi = brief.roi_statement.strip()
    parts.append("<h3>ROI statement</h3>")
    parts.append(f"<p>{esc(clip(roi, 320))}</p>" if roi else '<p class="warn">No ROI yet.</p>')
    return "".join(parts)


def _timeline(brief: Brief) -> str:
    rows = "".join(
        f'<tr><td width="25%">{esc(day_text(entry.occurred_on))}</td>'
        f"<td><b>{esc(first_upper(entry.kind.value))}</b>"
        f'<span class="muted"> · {esc(author or "—")}</span><br>'
        f"{esc(clip(entry.text, 150))}</td></tr>"
        for entry, author in brief.recent[:MAX_ENTRIES]
    )
    if not rows:
        return '<h2>Recent timeline</h2><p class="muted">Nothing logged yet.</p>'
    return (
        f'<h2>Recent timeline</h2><table class="grid" width="100%" cellspacing="0">{rows}</table>'
    )


def _contacts(brief: Brief) -> str:
    people = sorted(brief.contacts, key=lambda c: c.left_on is not None)[:MAX_CONTACTS]
    rows = "".join(
        f"<tr><td><b>{esc(c.name)}</b>"
        + (f'<span class="muted"> · {esc(clip(c.title, 40))}</span>' if c.title else "")
        + f"</td><td>{esc(c.role.value.capitalize())}</td>"
        + f"<td>{dot(SENTIMENT_COLOURS[c.sentiment.value])} {esc(c.sentiment.value)}"
        + (f' <span class="warn">left {esc(day_text(c.left_on))}</span>' if c.left_on else "")
        + "</td></tr>"
        for c in people
    )
    if not rows:
        return '<h2>Contacts</h2><p class="warn">No contacts: find the champion first.</p>'
    more = len(brief.contacts) - len(people)
    tail = f'<p class="muted">and {more} more</p>' if more > 0 else ""
    return f'<h2>Contacts</h2><table class="grid" width="100%" cellspacing="0">{rows}</table>{tail}'


def short_activity(name: str) -> str:
    """'Upsell (more licenses)' -> 'Upsell': the brief has no room for the gloss."""
    return re.sub(r"\s*\(.*\)$", "", name)


def _duties(brief: Brief, role_names: dict[str, str]) -> str:
    o = brief.view.overview
    owners = [
        f'{esc(person.name)} <span class="muted">({esc(role_names.get(role, role))})</span>'
        for role, person in (("csm", o.csm), ("re_manager", o.re_manager), ("ae", o.ae))
        if person is not None
    ]

    def names(duty, letter: str) -> str:
        return ", ".join(p.name for _, p in duty.holders(letter) if p is not None) or "—"

    rows = "".join(
        f'<tr><td width="38%">{esc(short_activity(duty.activity))}</td>'
        f'<td width="31%">{esc(names(duty, "A"))}</td><td>{esc(names(duty, "R"))}</td></tr>'
        for duty in o.duties
    )
    return (
        "<h2>Who does what</h2>"
        + (f"<p>{' · '.join(owners)}</p>" if owners else "")
        + '<table class="grid" width="100%" cellspacing="0">'
        + "<tr><th>Activity</th><th>Accountable</th><th>Responsible</th></tr>"
        + f"{rows}</table>"
    )
