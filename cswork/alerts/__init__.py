"""Alert rules and the scan that raises their CTAs.

One module per kind of rule: ``renewal`` (renewal CTAs and R&E capacity), ``risk``,
``lifecycle``; ``scan`` runs them all and writes what is new."""

from cswork.alerts.common import Candidate
from cswork.alerts.scan import ScanResult, all_candidates, last_scan_on, preview, scan

__all__ = ["Candidate", "ScanResult", "all_candidates", "last_scan_on", "preview", "scan"]
