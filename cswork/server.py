"""A team book on a PostgreSQL server: the password, the connection, and what a failed
connection means in words.

The password is never written into a settings file. It comes, in this order, from
the URL itself (typed on the command line), the operating system's keyring (saved
there by the app's Open team book dialog), or libpq's own ``PGPASSWORD`` and
``~/.pgpass``. ``sslmode`` and the other libpq options ride in the URL's query
(``?sslmode=verify-full``) and reach libpq unchanged."""

from __future__ import annotations

import contextlib
import getpass
import logging

from sqlalchemy import Connection, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "CSM Workbench"
CONNECT_TIMEOUT_SECONDS = 8


class NoKeyring(Exception):
    """The computer has no keyring to keep a password in."""


def where(url: URL) -> str:
    """'cs@db.example.com:5432/book': the book's address, never its password."""
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    user = f"{url.username}@" if url.username else ""
    return f"{user}{host}{port}/{url.database or ''}"


def keyring_name(url: URL) -> str:
    return where(url)


def saved_password(url: URL) -> str | None:
    """The password kept in the keyring for this server, user and database, if any."""
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, keyring_name(url))
        except KeyringError as exc:
            log.info("no keyring for the team book password: %s", exc)
            return None
    except ImportError:  # pragma: no cover - keyring is a dependency
        return None


def save_password(url: URL, password: str) -> None:
    """Keep the password in the operating system's keyring (not in any file we write)."""
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(KEYRING_SERVICE, keyring_name(url), password)
    except KeyringError as exc:
        raise NoKeyring(
            "This computer has no keyring to keep the password in; "
            "put it in ~/.pgpass or the PGPASSWORD environment variable instead."
        ) from exc


def forget_password(url: URL) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(KEYRING_SERVICE, keyring_name(url))


def with_password(url: URL) -> URL:
    """The URL to connect with: the keyring's password added when the URL has none
    (libpq still tries PGPASSWORD and ~/.pgpass when neither has one)."""
    if url.password is not None:
        return url
    password = saved_password(url)
    return url if password is None else url.set(password=password)


def connect_args(url: URL) -> dict:
    """libpq options for every connection: give up on a dead host in seconds, and say
    which app is connected (visible to the server's administrator)."""
    args: dict = {"application_name": "CSM Workbench"}
    if "connect_timeout" not in url.query:
        args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
    return args


def explain(exc: DBAPIError, url: URL) -> str:
    """One line saying what failed: the host, the password, or the database."""
    sqlstate = getattr(exc.orig, "sqlstate", None)
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    host = f"{url.host or 'localhost'}:{url.port or 5432}"
    user = url.username or getpass.getuser()
    lowered = detail.lower()
    if sqlstate == "28P01" or "password authentication failed" in lowered:
        message = f"The server at {host} refused the password for user {user}."
    elif "no password supplied" in lowered:
        message = (
            f"The server at {host} wants a password for user {user}: open the book from "
            "File ▸ Open team book… to give it, or set PGPASSWORD or ~/.pgpass."
        )
    elif sqlstate == "3D000" or ("database" in lowered and "does not exist" in lowered):
        message = f"There is no database {url.database!r} on the server at {host}."
    elif sqlstate == "28000" or ("role" in lowered and "does not exist" in lowered):
        message = f"The server at {host} has no user {user}."
    elif "ssl" in lowered:
        message = f"The secure connection to {host} failed: {detail}"
    elif any(
        words in lowered
        for words in (
            "connection refused",
            "could not translate host name",
            "name or service not known",
            "timeout expired",
            "no route to host",
            "network is unreachable",
            "could not connect",
            "connection to server",
        )
    ):
        message = (
            f"Cannot reach the book's server at {host}: is it running, and is the address right?"
        )
    else:
        message = f"Cannot open the team book at {where(url)}: {detail}"
    return message


def current_login(connection: Connection) -> str:
    """Who this connection is: the server's user name, or on SQLite the computer's."""
    if connection.dialect.name == "sqlite":
        return getpass.getuser()
    return connection.execute(text("SELECT current_user")).scalar_one()


SSL_MODES = ("prefer", "require", "verify-ca", "verify-full", "disable")


def team_url(host: str, port: int, database: str, user: str, sslmode: str = "prefer") -> URL:
    """The address of a team book, without its password."""
    if sslmode not in SSL_MODES:
        raise ValueError(f"sslmode must be one of {', '.join(SSL_MODES)}")
    query = {} if sslmode == "prefer" else {"sslmode": sslmode}
    return URL.create(
        "postgresql+psycopg",
        username=user.strip() or None,
        host=host.strip() or None,
        port=port or None,
        database=database.strip(),
        query=query,
    )


def without_password(url: URL) -> str:
    """The URL to remember (in preferences, on screen): never the password."""
    return url._replace(password=None).render_as_string(hide_password=False)  # set() keeps it


def try_connect(url: URL) -> None:
    """Connect once and say in words what failed, without touching the schema."""
    from sqlalchemy import create_engine

    engine = create_engine(with_password(url), connect_args=connect_args(url))
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        raise ConnectionFailed(explain(exc, url)) from exc
    finally:
        engine.dispose()


class ConnectionFailed(Exception):
    pass
