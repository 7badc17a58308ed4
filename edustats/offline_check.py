"""Open a briefing in headless Chromium with the network disabled and report what failed to load.

Used by the tests (``tests/test_briefings_offline.py``) and by hand::

    python -m edustats.offline_check reports/10-document-001.html --screenshot shot.png

It speaks the Chrome DevTools Protocol over a loopback WebSocket: network emulation set to
offline, every request recorded; a request for anything but the file itself or inline data is
an external reference; failed loads, script exceptions and broken images are reported.
"""
from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

__all__ = ["find_chromium", "check_offline", "print_pdf", "FIRST_SCREEN_JS"]

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                  "--remote-debugging-port=0", "--remote-allow-origins=*"]

# Where page one sits on the first screen: the summary's box, its lines' urgency ranks and boxes
FIRST_SCREEN_JS = """JSON.stringify((() => {
  const s = document.querySelector('.es-summary');
  const rows = Array.from(document.querySelectorAll('.es-summary-table tbody tr'));
  const box = e => { const r = e.getBoundingClientRect(); return [r.top + window.scrollY, r.bottom + window.scrollY]; };
  return {summary: s ? box(s) : null, rows: rows.map(r => [Number(r.dataset.urgency), r.dataset.group].concat(box(r))),
          title: document.title, lang: document.documentElement.lang, viewport: [window.innerWidth, window.innerHeight],
          text: document.body.innerText,
          secondary: Array.from(document.querySelectorAll('.es-en, [lang=en]')).map(e => e.innerText)};
})())"""


def find_chromium() -> str | None:
    """Path of a Chromium or Chrome binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def check_offline(html_path: Path, screenshot: Path | None = None, timeout: float = 60.0,
                  window: tuple[int, int] = (1200, 2000), expression: str | None = None) -> dict:
    """Load ``html_path`` offline; return requests, failures, exceptions, broken images and counts.

    ``window`` is the browser's window size (the screenshot shows that much); ``expression``, a
    JavaScript expression returning a JSON string, is evaluated after loading (result in ``eval``).
    """
    import websocket  # websocket-client

    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("no Chromium found (Debian: apt-get install chromium)")
    html_path = Path(html_path).resolve()
    # Chromium helper processes may still be writing the profile when we stop: tolerate that on cleanup
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--window-size={window[0]},{window[1]}",
                                 f"--user-data-dir={profile}", "about:blank"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            port = None
            t0 = time.time()
            while port is None and time.time() - t0 < timeout:
                line = proc.stderr.readline()
                m = re.search(r"DevTools listening on ws://127\.0\.0\.1:(\d+)/", line or "")
                if m:
                    port = int(m.group(1))
            if port is None:
                raise RuntimeError("Chromium did not start its DevTools endpoint")
            pages = []
            while not pages and time.time() - t0 < timeout:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                    pages = [p for p in json.load(r) if p.get("type") == "page"]
                time.sleep(0.05)
            ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=timeout)
            ids = iter(range(1, 10_000))
            events: list[dict] = []

            def call(method, **params):
                i = next(ids)
                ws.send(json.dumps({"id": i, "method": method, "params": params}))
                while True:
                    msg = json.loads(ws.recv())
                    if msg.get("id") == i:
                        if "error" in msg:
                            raise RuntimeError(f"{method}: {msg['error']}")
                        return msg.get("result", {})
                    events.append(msg)

            for m in ("Network.enable", "Page.enable", "Runtime.enable", "Log.enable"):
                call(m)
            call("Network.emulateNetworkConditions", offline=True, latency=0, downloadThroughput=-1,
                 uploadThroughput=-1)
            # the page sees exactly window[0] × window[1] pixels (a 1366×768 laptop screen, say)
            call("Emulation.setDeviceMetricsOverride", width=window[0], height=window[1], deviceScaleFactor=1,
                 mobile=False)
            call("Page.navigate", url=html_path.as_uri())
            while not any(e.get("method") == "Page.loadEventFired" for e in events):
                if time.time() - t0 > timeout:
                    raise RuntimeError("page did not finish loading")
                events.append(json.loads(ws.recv()))
            time.sleep(0.3)
            counts = call("Runtime.evaluate", returnByValue=True, expression=(
                "JSON.stringify({images: document.images.length, svgs: document.querySelectorAll('svg').length,"
                " broken: Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).length,"
                " tables: document.querySelectorAll('table').length, text: document.body.innerText.length})"))
            info = json.loads(counts["result"]["value"])
            if expression is not None:
                info["eval"] = json.loads(call("Runtime.evaluate", returnByValue=True, expression=expression)
                                          ["result"]["value"])
            if screenshot is not None:
                shot = call("Page.captureScreenshot", format="png")
                Path(screenshot).parent.mkdir(parents=True, exist_ok=True)
                Path(screenshot).write_bytes(base64.b64decode(shot["data"]))
            ws.close()
        finally:
            proc.kill()
            proc.wait(timeout=10)
    urls = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    external = [u for u in urls if not u.startswith(("file:", "data:", "blob:", "about:"))]
    failed = [e["params"].get("errorText", "") for e in events if e.get("method") == "Network.loadingFailed"]
    exceptions = [e["params"]["exceptionDetails"].get("text", "") for e in events
                  if e.get("method") == "Runtime.exceptionThrown"]
    errors = [e["params"]["entry"].get("text", "") for e in events
              if e.get("method") == "Log.entryAdded" and e["params"]["entry"].get("level") == "error"]
    return dict(requests=[u for u in urls if not u.startswith("data:")], external=external, failed=failed, exceptions=exceptions, console_errors=errors, **info)


def print_pdf(html_path: Path, pdf_path: Path, timeout: float = 120.0) -> Path:
    """Print an HTML file to PDF (A4, the page's print stylesheet) with headless Chromium, offline.

    The same flags as :func:`check_offline` keep the network out: a proxy that refuses and a
    resolver that finds nothing, so the PDF shows only what the file holds.
    """
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("không tìm thấy Chromium (Debian: apt-get install chromium) / no Chromium found")
    html_path, pdf_path = Path(html_path).resolve(), Path(pdf_path).resolve()
    flags = [f for f in CHROMIUM_FLAGS if not f.startswith("--remote-")]
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        subprocess.run([chromium, *flags, f"--user-data-dir={profile}", "--no-pdf-header-footer",
                        f"--print-to-pdf={pdf_path}", html_path.as_uri()],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout, check=False)
    if not pdf_path.exists() or pdf_path.stat().st_size == 0:
        raise RuntimeError(f"Chromium did not write {pdf_path}")
    return pdf_path


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("--screenshot", type=Path)
    a = ap.parse_args()
    print(json.dumps(check_offline(a.html, a.screenshot), indent=2, ensure_ascii=False))
