"""The review page's local web server: the standard library's ThreadingHTTPServer, a JSON API and the static
files of ``kg/review/static/``.

Endpoints (every answer is JSON but the static files; an error is ``{"error": "one line"}``)::

    GET  /                          the page (static/index.html); /static/review.js, /static/review.css
    GET  /api/info                  build and curations folders, fact kinds and their fields, saved queries,
                                    the regions the build names
    GET  /api/articles?q=WORDS      articles whose title, file name or outlet holds every word
    GET  /api/article/ID            an article: its text (read again from its source), sentences, facts
                                    (lowest confidence first) with evidence in context and their curations
    GET  /api/region?name=NAME      the facts that name a region, in every article (404: unknown region)
    GET  /api/query/NAME?k=v…       a saved query's rows and the facts behind each row
    POST /api/curations             one curation {article, action, kind, fact, to, by, why, evidence}:
                                    written at once (201, the entry as written) or 400 with the reason

Safety: an article is untrusted input, and the page puts every text in with DOM text nodes; the answers carry
a Content-Security-Policy that allows no inline script. A POST must be ``Content-Type: application/json``,
at most :data:`MAX_BODY` bytes, and same-origin (an ``Origin`` or ``Sec-Fetch-Site`` that says otherwise is
refused). When bound to a loopback address, a request whose ``Host`` is not a loopback name is refused
(DNS rebinding). Static files are looked up by name in a fixed table, never joined onto a path.
"""
from __future__ import annotations

import ipaddress
import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from kg.errors import KgError, one_line
from kg.review.data import NotFound, ReviewData

STATIC = Path(__file__).resolve().parent / "static"
FILES = {"/": ("index.html", "text/html; charset=utf-8"),
         "/static/review.js": ("review.js", "text/javascript; charset=utf-8"),
         "/static/review.css": ("review.css", "text/css; charset=utf-8")}
MAX_BODY = 64 * 1024
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
LOOPBACK_NAMES = {"localhost", "127.0.0.1", "::1"}


class ReviewServer(ThreadingHTTPServer):
    """Serves one :class:`ReviewData`; ``url`` is where the page is."""

    daemon_threads = True

    def __init__(self, review: ReviewData, host: str = "127.0.0.1", port: int = 0) -> None:
        self.review = review
        if ":" in host:
            import socket

            self.address_family = socket.AF_INET6
        super().__init__((host, port), ReviewHandler)
        self.loopback = _is_loopback(host)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"


def make_server(data: Path, curations: Path, host: str = "127.0.0.1", port: int = 0) -> ReviewServer:
    """A review server for the build ``data`` writing into ``curations`` (port 0: any free port); KgError
    when the build cannot be opened or the address cannot be bound."""
    review = ReviewData(data, curations)
    try:
        return ReviewServer(review, host, port)
    except OSError as err:
        raise KgError(f"cannot listen on {host}:{port} ({err.strerror or err})",
                      hint="choose another --port (0: any free port) or --host") from None


def serve_in_thread(server: ReviewServer) -> threading.Thread:
    """Run ``server`` in a daemon thread (tests; stop it with ``server.shutdown()``)."""
    thread = threading.Thread(target=server.serve_forever, name="kg-review", daemon=True)
    thread.start()
    return thread


class ReviewHandler(BaseHTTPRequestHandler):
    server: ReviewServer
    server_version = "kg-review"
    sys_version = ""

    # ------------------------------------------------------------------ dispatch

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._host_ok():
            return
        url = urlsplit(self.path)
        if url.path in FILES:
            self._static(*FILES[url.path])
            return
        if url.path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
            return
        try:
            query = dict(parse_qsl(url.query, keep_blank_values=True, max_num_fields=50))
        except ValueError:
            self._json(HTTPStatus.BAD_REQUEST, {"error": "too many parameters in the URL"})
            return
        review = self.server.review
        route = url.path.rstrip("/")
        if route == "/api/info":
            self._call(review.info)
        elif route == "/api/articles":
            self._call(review.search_articles, query.get("q", ""))
        elif route.startswith("/api/article/"):
            self._call(review.article_view, unquote(route[len("/api/article/"):]))
        elif route == "/api/region":
            self._call(review.region_view, query.get("name", ""))
        elif route.startswith("/api/query/"):
            self._call(review.query_view, unquote(route[len("/api/query/"):]), query)
        else:
            self._json(HTTPStatus.NOT_FOUND, {"error": f"no such page or API: {one_line(url.path, 200)}"})

    def do_POST(self) -> None:  # noqa: N802
        if not self._host_ok():
            return
        if urlsplit(self.path).path != "/api/curations":
            self._json(HTTPStatus.NOT_FOUND, {"error": "POST goes to /api/curations only"})
            return
        refused = self._post_refusal()
        if refused:
            self._json(refused[0], {"error": refused[1]})
            return
        length = int(self.headers["Content-Length"])
        try:
            payload = json.loads(self.rfile.read(length).decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as err:
            self._json(HTTPStatus.BAD_REQUEST, {"error": f"the body is not JSON ({one_line(str(err), 200)})"})
            return
        self._call(self.server.review.curate, payload, created=True)

    def do_PUT(self) -> None:  # noqa: N802
        self._json(HTTPStatus.METHOD_NOT_ALLOWED, {"error": "only GET and POST"})

    do_DELETE = do_PATCH = do_OPTIONS = do_PUT

    # ------------------------------------------------------------------ checks

    def _host_ok(self) -> bool:
        """A server bound to loopback answers only requests addressed to a loopback name (DNS rebinding)."""
        if not self.server.loopback:
            return True
        host = _host_name(self.headers.get("Host", ""))
        if host in LOOPBACK_NAMES or _is_loopback(host):
            return True
        self._json(HTTPStatus.FORBIDDEN, {"error": f"Host {one_line(host, 100)!r} is not this server's "
                                                   "address; open the page at the address `kg review` printed"})
        return False

    def _post_refusal(self) -> tuple[HTTPStatus, str] | None:
        ctype = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            return HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send the curation as Content-Type: application/json"
        origin = self.headers.get("Origin")
        host = self.headers.get("Host", "")
        if origin is not None and origin != f"http://{host}":
            return HTTPStatus.FORBIDDEN, f"cross-site request refused (Origin {one_line(origin, 100)})"
        site = self.headers.get("Sec-Fetch-Site")
        if site is not None and site not in {"same-origin", "none"}:
            return HTTPStatus.FORBIDDEN, f"cross-site request refused (Sec-Fetch-Site: {one_line(site, 40)})"
        raw = self.headers.get("Content-Length")
        if raw is None or not raw.strip().isdigit():
            return HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length"
        if int(raw) > MAX_BODY:
            return HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"the body is larger than {MAX_BODY // 1024} KB"
        return None

    # ------------------------------------------------------------------ answers

    def _call(self, fn: Any, *args: Any, created: bool = False) -> None:
        try:
            body = fn(*args)
        except NotFound as err:
            self._json(HTTPStatus.NOT_FOUND, {"error": str(err)})
            return
        except KgError as err:
            self._json(HTTPStatus.BAD_REQUEST, {"error": str(err)})
            return
        except Exception as err:  # noqa: BLE001 - one line to the page, never a traceback
            self._json(HTTPStatus.INTERNAL_SERVER_ERROR,
                       {"error": f"internal error: {type(err).__name__}: {one_line(str(err), 300)}"})
            return
        self._json(HTTPStatus.CREATED if created else HTTPStatus.OK, body)

    def _json(self, status: HTTPStatus, body: Any) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self._send(status, data, "application/json; charset=utf-8")

    def _static(self, name: str, ctype: str) -> None:
        self._send(HTTPStatus.OK, (STATIC / name).read_bytes(), ctype)

    def _send(self, status: HTTPStatus, data: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        for k, v in SECURITY_HEADERS.items():
            self.send_header(k, v)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the library never prints
        pass


def _host_name(host: str) -> str:
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
