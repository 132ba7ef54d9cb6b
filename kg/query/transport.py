"""HTTP requests to a SPARQL server (query protocol and Graph Store protocol) through urllib.

Three guards that urllib (and SPARQLWrapper, which uses it) do not give:

* **A deadline.** ``timeout`` bounds the whole request, not each socket read: a
  watchdog shuts the connection's socket down when the time is up, so a server
  that drips a byte a second, or streams an endless chunked answer, ends with
  :class:`~kg.errors.EndpointError` at the deadline. (Name resolution is not
  covered: ``getaddrinfo`` cannot be interrupted.)
* **A size limit.** The answer is read in blocks and refused past ``max_bytes``.
* **Credentials stay with their origin.** The ``Authorization`` header is an
  *unredirected* header: urllib does not copy it to a redirected request, and
  :class:`OriginRedirectHandler` puts it back only when the redirect stays on
  the same scheme, host and port.

Credentials come from the URL's user info (``http://user:pw@host/query``) or the
environment (``KG_ENDPOINT_USER``, ``KG_ENDPOINT_PASSWORD``). Every URL that
reaches a message goes through :func:`redact_url`, and the password is scrubbed
from any text the lower layers produce (:func:`scrub`).
"""
from __future__ import annotations

import base64
import http.client
import os
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit, urlunsplit

from kg.errors import EndpointError, redact_url

USER_VAR = "KG_ENDPOINT_USER"
PASSWORD_VAR = "KG_ENDPOINT_PASSWORD"
DEFAULT_MAX_BYTES = 100 * 2**20
BLOCK = 1 << 16
USER_AGENT = "pilkada-kg (+https://w3id.org/pilkada-kg)"


@dataclass(frozen=True, slots=True)
class Target:
    """A URL as it is requested (no user info), as it is shown (redacted), and its credentials."""

    url: str
    shown: str
    credentials: tuple[str, str] | None = field(default=None, repr=False)

    @property
    def secrets(self) -> tuple[str, ...]:
        return tuple(s for s in (self.credentials or ()) if len(s) >= 3)


def env_credentials() -> tuple[str, str] | None:
    user = os.environ.get(USER_VAR)
    return (user, os.environ.get(PASSWORD_VAR, "")) if user else None


def parse_target(url: str, hint: str = "give the endpoint's query URL, e.g. http://127.0.0.1:7878/query") -> Target:
    """Check that ``url`` is an http(s) URL with a host; EndpointError (URL redacted) when not."""
    shown = redact_url(url)
    try:
        parts = urlsplit(str(url))
        port = parts.port                       # ValueError for a port that is not a number or out of range
        host = parts.hostname
    except ValueError as err:
        raise EndpointError(f"not a valid URL ({err})", culprit=shown, hint=hint) from None
    if parts.scheme not in {"http", "https"} or not host:
        raise EndpointError("not an http(s) URL", culprit=shown, hint=hint)
    if any(c.isspace() or ord(c) < 32 for c in str(url)):
        raise EndpointError("not a valid URL (it contains spaces or control characters)", culprit=shown, hint=hint)
    creds = None
    if parts.username is not None:
        creds = (unquote(parts.username), unquote(parts.password or ""))
    netloc = (f"[{host}]" if ":" in host else host) + (f":{port}" if port is not None else "")
    clean = urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
    return Target(clean, shown, creds or env_credentials())


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme)
    return parts.scheme, (parts.hostname or "").lower(), port


def scrub(text: str, target: Target) -> str:
    """``text`` with the target's URLs redacted and its user name and password removed."""
    text = redact_url(text)
    for secret in target.secrets:
        text = text.replace(secret, "***")
    return text


class Deadline:
    """A point in time after which every socket registered with :meth:`watch` is shut down."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def remaining(self) -> float:
        return max(0.001, self.end - time.monotonic())

    def watch(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._socks.append(sock)
            late = self.expired
        if late:
            _shut(sock)
        return sock

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            socks = list(self._socks)
        for s in socks:
            _shut(s)

    def cancel(self) -> None:
        self._timer.cancel()

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.end


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)          # wakes a read blocked in another thread
    except OSError:
        pass


class _DeadlineHandlerMixin:
    deadline: Deadline

    def _connection(self, cls: type[http.client.HTTPConnection]):  # type: ignore[no-untyped-def]
        deadline = self.deadline

        def make(host: str, **kwargs):  # type: ignore[no-untyped-def]
            kwargs["timeout"] = min(kwargs.get("timeout") or deadline.seconds, deadline.remaining())
            conn = cls(host, **kwargs)
            create = conn._create_connection      # socket.create_connection: the raw socket, before TLS

            def create_watched(*a, **k):  # type: ignore[no-untyped-def]
                return deadline.watch(create(*a, **k))

            conn._create_connection = create_watched  # type: ignore[method-assign]
            return conn

        return make


class _HTTPHandler(_DeadlineHandlerMixin, urllib.request.HTTPHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def http_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(self._connection(http.client.HTTPConnection), req)


class _HTTPSHandler(_DeadlineHandlerMixin, urllib.request.HTTPSHandler):
    def __init__(self, deadline: Deadline) -> None:
        super().__init__()
        self.deadline = deadline

    def https_open(self, req):  # type: ignore[no-untyped-def]
        return self.do_open(self._connection(http.client.HTTPSConnection), req,
                            context=self._context)  # type: ignore[attr-defined]


class OriginRedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follow http(s) redirects; keep the ``Authorization`` header only on the same origin."""

    max_redirections = 5

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in {"http", "https"}:
            raise urllib.error.HTTPError(redact_url(newurl), code, f"redirect to a non-http(s) URL ({msg})",
                                         headers, fp)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None:
            return None
        auth = req.get_header("Authorization")
        new.remove_header("Authorization")
        if auth and origin(new.full_url) == origin(req.full_url):
            new.add_unredirected_header("Authorization", auth)
        return new


@dataclass(frozen=True, slots=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def request(target: Target, *, method: str = "GET", body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 60.0,
            max_bytes: int = DEFAULT_MAX_BYTES, timeout_hint: str = "raise --timeout",
            subject: str | None = None, limit: float | None = None) -> Answer:
    """Send one request to ``target`` and read the whole answer within ``timeout`` seconds.

    Every failure (refused, timed out, too large, an HTTP error status, an answer
    that is not HTTP) is one :class:`EndpointError` line, the URL redacted. A timeout
    names ``subject`` (what was asked, e.g. the query) and ``limit`` (the time limit
    the user gave, when ``timeout`` is what is left of it).
    """
    req = urllib.request.Request(target.url, data=body, method=method,
                                 headers={"User-Agent": USER_AGENT, **(headers or {})})
    if target.credentials is not None:
        user, password = target.credentials
        token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        req.add_unredirected_header("Authorization", f"Basic {token}")
    deadline = Deadline(timeout)
    opener = urllib.request.build_opener(_HTTPHandler(deadline), _HTTPSHandler(deadline), OriginRedirectHandler())
    try:
        try:
            with opener.open(req, timeout=deadline.remaining()) as resp:
                size = resp.headers.get("Content-Length")
                if size and size.strip().isdigit() and int(size) > max_bytes:
                    raise _TooLarge(int(size))
                data = read_limited(resp, max_bytes, deadline)
                return Answer(resp.status, resp.headers.get("Content-Type", ""), data)
        except _TooLarge as big:
            raise EndpointError(f"the answer is larger than the limit of {_size(max_bytes)}"
                                + (f" ({_size(big.size)} announced)" if big.size else ""),
                                culprit=target.shown, hint="narrow the query, or raise --max-response") from None
        except BaseException as err:
            if isinstance(err, (KeyboardInterrupt, SystemExit, GeneratorExit)):
                raise
            if deadline.passed() or _is_timeout(err):
                to = f" to {subject}" if subject else ""
                raise EndpointError(f"no complete answer{to} within {limit or timeout:g} s (timed out)",
                                    culprit=target.shown, hint=timeout_hint) from None
            raise EndpointError(scrub(describe_failure(err), target), culprit=target.shown,
                                hint=hint_for(err)) from None
    finally:
        deadline.cancel()


class _TooLarge(Exception):
    def __init__(self, size: int = 0) -> None:
        super().__init__(size)
        self.size = size


def read_limited(resp: http.client.HTTPResponse, max_bytes: int, deadline: Deadline) -> bytes:
    """The body, read in blocks; _TooLarge past ``max_bytes``; TimeoutError once the deadline passed."""
    chunks: list[bytes] = []
    total = 0
    while True:
        block = resp.read(BLOCK)
        if deadline.passed():
            raise TimeoutError("deadline")
        if not block:
            break
        total += len(block)
        if total > max_bytes:
            raise _TooLarge()
        chunks.append(block)
    return b"".join(chunks)


def _size(n: int) -> str:
    return f"{n / 2**20:.3g} MB" if n >= 2**20 else f"{n:,} bytes"


def _is_timeout(err: BaseException) -> bool:
    if isinstance(err, (TimeoutError, socket.timeout)):
        return True
    reason = getattr(err, "reason", None)
    return isinstance(reason, (TimeoutError, socket.timeout))


def describe_failure(err: BaseException) -> str:
    """One line saying what went wrong with a request."""
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}" + _body_excerpt(err)
    if isinstance(err, urllib.error.URLError):
        reason = err.reason
        if isinstance(reason, ConnectionRefusedError):
            return "connection refused (is the server running?)"
        if isinstance(reason, BaseException):
            return describe_failure(reason)
        return f"unreachable ({reason})"
    if isinstance(err, http.client.BadStatusLine):
        return "the server's answer is not HTTP (bad status line)"
    if isinstance(err, http.client.IncompleteRead):
        return f"the answer broke off after {len(err.partial):,} bytes"
    if isinstance(err, http.client.HTTPException):
        return f"bad HTTP answer ({type(err).__name__}: {_one_line(err)})"
    if isinstance(err, ConnectionRefusedError):
        return "connection refused (is the server running?)"
    if isinstance(err, ConnectionError):
        return f"connection failed ({type(err).__name__})"
    if isinstance(err, socket.gaierror):
        return f"unknown host ({err.strerror or err})"
    if isinstance(err, OSError):
        return f"unreachable ({err.strerror or _one_line(err)})"
    return f"request failed ({type(err).__name__}: {_one_line(err)})"


def hint_for(err: BaseException) -> str | None:
    if isinstance(err, urllib.error.HTTPError):
        return f"set {USER_VAR} and {PASSWORD_VAR}" if err.code in (401, 403) else None
    if isinstance(err, (urllib.error.URLError, ConnectionError, socket.gaierror)):
        return "check the URL, or start a server with `kg serve DIR`"
    if isinstance(err, http.client.HTTPException):
        return "is this URL a SPARQL server?"
    return None


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200]


def _body_excerpt(err: urllib.error.HTTPError) -> str:
    try:
        text = err.read(300).decode("utf-8", "replace")
    except Exception:  # noqa: BLE001 — an excerpt is a courtesy
        return ""
    text = " ".join(text.split())
    return f": {text[:200]}" if text else ""
