"""The window: every Qt import of the app lives under this package."""
