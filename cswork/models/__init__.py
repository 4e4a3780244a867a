"""Every table of the book. Import models from here."""

from cswork.models.accounts import Account, Contact
from cswork.models.audit import AuditEntry
from cswork.models.base import Base
from cswork.models.comp import CompPlan
from cswork.models.ctas import Cta, CtaComment, CtaTask, Playbook, PlaybookTask
from cswork.models.money import ExchangeRate
from cswork.models.opportunities import Opportunity
from cswork.models.people import Person
from cswork.models.plans import Milestone, Objective, SuccessPlan
from cswork.models.raci import RaciActivity, RaciCell, RaciMatrix, RaciOverride, RaciRole
from cswork.models.scorecard import ScoreCategory, ScoreSnapshot
from cswork.models.settings import Setting
from cswork.models.timeline import TimelineEntry

__all__ = [
    "Account",
    "AuditEntry",
    "Base",
    "CompPlan",
    "Contact",
    "Cta",
    "CtaComment",
    "CtaTask",
    "ExchangeRate",
    "Milestone",
    "Objective",
    "Opportunity",
    "Person",
    "Playbook",
    "PlaybookTask",
    "RaciActivity",
    "RaciCell",
    "RaciMatrix",
    "RaciOverride",
    "RaciRole",
    "ScoreCategory",
    "ScoreSnapshot",
    "Setting",
    "SuccessPlan",
    "TimelineEntry",
]
