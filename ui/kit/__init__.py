"""Shared pieces every page may use: tiles, form and table set-up, date, money and
label display, colours, the background workers, the one edit path (undo), paper."""
