"""Calls to action: the task pane, the actions on a CTA (snooze, close, reassign...),
their dialogs and the details window."""
