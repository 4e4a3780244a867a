"""Help for work over hundreds of thousands of rows (demo books, imports)."""

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a bulk job makes rows: it would
    rescan every live row again and again (a fifth of a demo build, a quarter of an
    import), and plain rows hold no cycles for it to find; reference counting frees
    them as usual."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
