"""The CSM workbench core: the book of business, its rules and its store.

Nothing in this package imports Qt or the ``ui`` package; ``tests/test_architecture.py``
keeps it that way.
"""

__version__ = "0.1.0"
