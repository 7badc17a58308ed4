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

__all__ = ["find_chromium", "check_offline"]

CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-extensions", "--proxy-server=127.0.0.1:9", "--host-resolver-rules=MAP * ~NOTFOUND",
                  "--window-size=1200,2000", "--remote-debugging-port=0", "--remote-allow-origins=*"]


def find_chromium() -> str | None:
    """Path of a Chromium or Chrome binary, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        p = shutil.which(name)
        if p:
            return p
    return None


def check_offline(html_path: Path, screenshot: Path | None = None, timeout: float = 60.0) -> dict:
    """Load ``html_path`` offline; return requests, failures, exceptions, broken images and counts."""
    import websocket  # websocket-client

    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("no Chromium found (Debian: apt-get install chromium)")
    html_path = Path(html_path).resolve()
    # Chromium helper processes may still be writing the profile when we stop: tolerate that on cleanup
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile:
        proc = subprocess.Popen([chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
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


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("html", type=Path)
    ap.add_argument("--screenshot", type=Path)
    a = ap.parse_args()
    print(json.dumps(check_offline(a.html, a.screenshot), indent=2, ensure_ascii=False))
