"""A local web server for a built site: text gzipped, as any real host serves it, and silent."""

from __future__ import annotations

import functools
import gzip
import os
import socket
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

TEXT = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves text files gzipped when the browser accepts it, and logs nothing."""

    def do_GET(self) -> None:
        file = Path(self.translate_path(self.path))
        if file.is_dir() and self.path.split("?")[0].endswith("/"):
            file = file / "index.html"
        kind = self.guess_type(str(file))
        if not (file.is_file() and "gzip" in self.headers.get("Accept-Encoding", "") and kind.startswith(TEXT)):
            super().do_GET()
            return
        body = gzip.compress(file.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path, port: int = 0) -> Iterator[str]:
    """Serve ``site`` on 127.0.0.1 (any free port by default) and yield its base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _serve_while(site: Path, port: int, owner: int) -> None:
    """Serve ``site`` until process ``owner`` has gone (the run that started this server ended)."""
    with serve(site, port):
        while True:
            try:
                os.kill(owner, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)


if __name__ == "__main__":
    _serve_while(Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]))
