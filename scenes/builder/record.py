"""The recording page: record the narration beat by beat in the browser, in the teacher's own voice.

    ./render.sh --record                          # every section; opens the page in the browser
    python -m scenes.builder.record --sections s3   # the same, one section
    python -m scenes.builder.record --no-browser    # only print the page's address (no screen)
    python -m scenes.builder.record --screenshot page.png --beat s1/score_one_day.1  # a picture

A small web server on this computer only (127.0.0.1) serves one page (``record.html``) that walks
through the film beat by beat: the text as a prompter, the phrases the animations wait for
marked, a still of the screen, the beat's length in the synthetic voice; record with the
browser's microphone, play back, redo, save, go on; every beat's state (recorded, missing, or
stale: its text changed since). A saved take lands where the builder finds recordings
(:mod:`scenes.builder.takes`); the page then says where its phrases were found
(:mod:`scenes.speech.align`) and what the recogniser heard, and renders the section at 480p on
request, saying how long it took.

Safety: the server listens on 127.0.0.1 only and answers only requests addressed to it by that
name (the ``Host`` header, and ``Origin`` when a browser sends one: a web page elsewhere cannot
reach it, even through a DNS name pointed at this computer). Every request carries the
session's random key -- the page in its address, the page's own requests in a header --, so
another program or user on the computer cannot use it either. Sections and beats are looked up
among the film's own, an upload is at most :data:`~scenes.builder.takes.MAX_TAKE_BYTES`, and a take
that is not good audio gets a clear error and never replaces a good one.
"""

from __future__ import annotations

import argparse
import hmac
import json
import secrets
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from ..paths import FILM_TITLE, OUT
from ..sections import SECTIONS, Section, parse_section_list
from .takes import MAX_TAKE_BYTES, Refused, Studio

__all__ = ["TOKEN_HEADER", "RecordServer", "serve", "screenshot", "main"]

TOKEN_HEADER = "X-Record-Token"
PAGE = Path(__file__).with_name("record.html")
#: what the page may load and where it may connect: itself only, nothing from elsewhere
POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src blob: "
    "data:; media-src blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)


class RecordServer(ThreadingHTTPServer):
    """The recording page's server: bound to 127.0.0.1, with a random key for this session."""

    daemon_threads = True

    def __init__(self, studio: Studio, port: int = 0, title: str = ""):
        super().__init__(("127.0.0.1", port), _Handler)
        self.studio = studio
        self.title = title
        self.token = secrets.token_urlsafe(24)
        port = self.server_address[1]
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/?key={self.token}"


class _Handler(BaseHTTPRequestHandler):
    server: RecordServer
    protocol_version = "HTTP/1.1"
    timeout = 120  # seconds a connection may wait for the rest of a request

    def log_message(self, format, *args):  # quiet: the page says what happened
        pass

    def _send(self, status: int, body: bytes, kind: str, extra: dict | None = None) -> None:
        self.send_response(status)
        for name, value in {
            "Content-Type": kind,
            "Content-Length": str(len(body)),
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Referrer-Policy": "no-referrer",
            "Content-Security-Policy": POLICY,
            **(extra or {}),
        }.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _json(self, status: int, payload) -> None:
        self._send(
            status,
            json.dumps(payload, ensure_ascii=False).encode("utf-8"),
            "application/json; charset=utf-8",
        )

    def _refuse(self, status: int, message: str) -> None:
        # an unread body is not read: the connection ends with the answer
        self.close_connection = True
        self._json(status, {"error": message})

    def _checked(self) -> tuple[str, dict[str, str]] | None:
        """The request's path and query when it may be answered; else refuse it, return ``None``."""
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        if host not in self.server.hosts or self.client_address[0] != "127.0.0.1":
            self._refuse(
                403,
                f"this server answers only requests to {' or '.join(sorted(self.server.hosts))}",
            )
            return None
        if origin is not None and origin.removeprefix("http://") not in self.server.hosts:
            self._refuse(403, "requests from other web pages are refused")
            return None
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        key = query.get("key", "") if parts.path == "/" else self.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(key.encode(), self.server.token.encode()):
            self._refuse(
                403,
                "this session's key is missing or wrong: open the address the record command "
                "printed",
            )
            return None
        return parts.path, query

    def _answer(self, answer) -> None:
        """Answer a checked request with ``answer(path, query)``; refusals and bugs said as JSON."""
        checked = self._checked()
        if checked is None:
            return
        try:
            answer(*checked)
        except Refused as exc:
            self._refuse(exc.status, str(exc))
        except Exception as exc:  # a bug, not the page's fault: say it, and keep serving
            traceback.print_exc()
            self._refuse(500, f"the server failed: {type(exc).__name__}: {exc}")

    def do_GET(self):
        self._answer(self._get)

    def do_POST(self):
        self._answer(self._post)

    def _get(self, path: str, query: dict[str, str]) -> None:
        studio = self.server.studio
        if path == "/":
            data = {
                "token": self.server.token,
                "title": self.server.title,
                "header": TOKEN_HEADER,
                "sections": [{"id": s.id, "title": s.title} for s in studio.sections.values()],
            }
            html = PAGE.read_text(encoding="utf-8").replace(
                "/*DATA*/null", json.dumps(data, ensure_ascii=False).replace("</", "<\\/")
            )
            return self._send(200, html.encode("utf-8"), "text/html; charset=utf-8")
        if path == "/api/beats":
            return self._json(
                200,
                {
                    "section": query.get("section"),
                    "beats": studio.beats(query.get("section", "")),
                },
            )
        sid, bid = query.get("section", ""), query.get("beat", "")
        if path == "/api/still":
            return self._send(200, studio.still(sid, bid), "image/png")
        if path == "/api/report":
            return self._json(200, studio.report(sid, bid))
        if path == "/api/take":
            take = studio.take(sid, bid)
            if take is None:
                raise Refused(404, f"beat {sid}/{bid} has no take yet")
            return self._send(200, take.read_bytes(), f"audio/{take.suffix[1:]}")
        if path == "/api/synthetic":
            clip = studio.synthetic_path(studio.beat(sid, bid))
            if not clip.is_file():
                raise Refused(
                    404,
                    "the synthetic voice of this beat has not been made yet (./render.sh makes it)",
                )
            return self._send(200, clip.read_bytes(), "audio/wav")
        if path == "/api/video":
            return self._send(200, studio.video(sid).read_bytes(), "video/mp4")
        raise Refused(404, f"no such address: {path}")

    def _post(self, path: str, query: dict[str, str]) -> None:
        studio = self.server.studio
        length = self.headers.get("Content-Length")
        if length is None or not length.isdigit():
            raise Refused(411, "send the take with its length (Content-Length)")
        if int(length) > MAX_TAKE_BYTES:
            raise Refused(
                413,
                f"the take has {int(length):,} bytes; at most {MAX_TAKE_BYTES:,} are accepted. "
                "Nothing was saved, the previous take is kept.",
            )
        if path == "/api/take":
            # the beat is checked (and a wrong one refused) before the body is read
            studio.beat(query.get("section", ""), query.get("beat", ""))
            data = self.rfile.read(int(length))
            return self._json(200, studio.save(query["section"], query["beat"], data))
        if path == "/api/render":
            return self._json(200, studio.render(query.get("section", "")))
        raise Refused(404, f"no such address: {path}")


def serve(
    sections: tuple[Section, ...],
    out: Path,
    port: int = 0,
    browser: bool = True,
    registry: Path | None = None,
    title: str = "",
    say=print,
) -> int:
    """Serve the recording page until Ctrl-C."""
    from .render import terminate_children

    server = RecordServer(Studio(sections, out, registry), port, title)
    say(
        f"[record] the recording page: {server.url}\n[record] (this computer only; Ctrl-C stops "
        "it)",
        flush=True,
    )
    if browser:
        import webbrowser

        threading.Timer(0.3, webbrowser.open, (server.url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        terminate_children()
        say("\n[record] stopped", flush=True)
    finally:
        server.server_close()
    return 0


def screenshot(
    studio: Studio,
    png: Path,
    beat: str | None = None,
    width: int = 1280,
    height: int = 900,
    title: str = "",
) -> Path:
    """A picture of the recording page on ``beat`` (``s1/score_one_day.1``).

    Taken once the beat's still and report show, in headless Chromium
    (:mod:`scenes.builder.browser`), as the README's picture is.
    """
    import time

    from .browser import chrome

    server = RecordServer(studio, 0, title)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    driver = chrome(width, height)
    try:
        driver.get(server.url)
        sid, _, bid = (beat or "").partition("/")
        deadline = time.monotonic() + 180

        def wait_until(script: str, what: str, *args) -> None:
            while not driver.execute_script(script, *args):
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the recording page did not show {what} in 180 s")
                time.sleep(0.2)

        wait_until(
            "return window.recorder.state().beat !== null && window.recorder.shown()",
            "its first beat",
        )
        if sid:
            driver.execute_script("window.recorder.open(arguments[0], arguments[1])", sid, bid)
            wait_until(
                "const s = window.recorder.state(); return s.section === arguments[0] && s.beat "
                "=== arguments[1] && window.recorder.shown()",
                beat,
                sid,
                bid,
            )
        png.parent.mkdir(parents=True, exist_ok=True)
        driver.save_screenshot(str(png))
    finally:
        driver.quit()
        server.shutdown()
        server.server_close()
    return png


def main(argv=None) -> int:
    from ..sections import load_registry

    p = argparse.ArgumentParser(
        prog="python -m scenes.builder.record", description=__doc__.split("\n")[0]
    )
    p.add_argument(
        "--sections", default=None, help="comma-separated ids, e.g. s1,s3 (default: all that exist)"
    )
    p.add_argument(
        "--port", type=int, default=0, help="the port to listen on (default: any free one)"
    )
    p.add_argument(
        "--no-browser", action="store_true", help="do not open the page: only print its address"
    )
    p.add_argument("--out", type=Path, default=OUT / "record", help="where quick renders go")
    p.add_argument(
        "--screenshot",
        type=Path,
        default=None,
        metavar="PNG",
        help="take a picture of the page (headless Chromium) instead of serving it",
    )
    p.add_argument(
        "--beat", default=None, metavar="SECTION/BEAT", help="with --screenshot: the beat shown"
    )
    # the tests' sections
    p.add_argument("--registry", type=Path, default=None, help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    registry = load_registry(args.registry) if args.registry else SECTIONS
    try:
        ids = (
            parse_section_list(args.sections, registry)
            if args.sections
            else [s.id for s in registry if s.path.is_file()]
        )
    except ValueError as exc:
        p.error(str(exc))
    chosen = tuple(s for s in registry if s.id in ids)
    if args.screenshot is not None:
        print(
            screenshot(
                Studio(chosen, args.out, args.registry),
                args.screenshot,
                args.beat,
                title=FILM_TITLE,
            )
        )
        return 0
    return serve(chosen, args.out, args.port, not args.no_browser, args.registry, FILM_TITLE)


if __name__ == "__main__":
    from ..common.errors import run_tool

    sys.exit(run_tool("python -m scenes.builder.record", main))
