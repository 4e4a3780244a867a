"""One account on one screen: the header of facts, then a tab per subpackage or
module (plan, scorecard, timeline, contacts, opportunities, RACI, CTAs)."""
