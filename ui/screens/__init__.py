"""Every main screen rendered to PNG offscreen (the `screens` verb): for the README and
for looking at what we build."""
