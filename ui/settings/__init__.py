"""The Settings page: who I am, alert thresholds, scorecard categories and weights."""
