#!/usr/bin/env python3
"""Layout check of rendered pages in headless Chromium, through the DevTools protocol (Python
standard library only): every table fits its container (no horizontal overflow) and every SVG
text element lies inside its chart's view box. Prints one line per page and each offender.

    scripts/layout-check.py [--shots DIR] CHROMIUM URL [URL ...]   exit 1 when any page has an offender

With --shots, every top-level <section id=…> of each page is also saved as DIR/<page>--<id>.png
(the report's sections, one screenshot each, at 1280 px).

Used by scripts/browser-test.sh (issue #20)."""
import base64, json, os, socket, struct, subprocess, sys, tempfile, time, urllib.request

CHECK = r"""
(() => {
  const out = [];
  if (!document.body || document.body.innerText.length < 200) out.push('the page did not load (no content)');
  for (const t of document.querySelectorAll('div.table')) {
    if (t.scrollWidth > t.clientWidth + 1) {
      const cap = t.querySelector('caption');
      out.push('table overflows by ' + (t.scrollWidth - t.clientWidth) + ' px: ' + (cap ? cap.textContent : '?').slice(0, 80));
    }
  }
  for (const svg of document.querySelectorAll('svg')) {
    // Screen rectangles, so rotated labels (axis titles) are judged where they are drawn.
    const s = svg.getBoundingClientRect();
    if (!s.width) continue;
    for (const t of svg.querySelectorAll('text')) {
      const b = t.getBoundingClientRect();
      if (!b.width) continue;
      if (b.left < s.left - 1 || b.top < s.top - 1 || b.right > s.right + 1 || b.bottom > s.bottom + 1) {
        out.push('svg text outside the view box (' + Math.round(b.left - s.left) + ',' + Math.round(b.top - s.top) + ' w' + Math.round(b.width) + ' in ' + Math.round(s.width) + 'x' + Math.round(s.height) + '): "' + t.textContent.slice(0, 40) + '" in "' + (svg.getAttribute('aria-label') || '').slice(0, 60) + '"');
      }
    }
  }
  return JSON.stringify(out);
})()
"""

class WebSocket:
    def __init__(self, url):
        assert url.startswith("ws://")
        hostport, path = url[5:].split("/", 1)
        host, port = hostport.split(":")
        self.s = socket.create_connection((host, int(port)), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.s.sendall((f"GET /{path} HTTP/1.1\r\nHost: {hostport}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self.s.recv(1)
        assert b" 101 " in head.split(b"\r\n")[0], head
        self.n = 0

    def send(self, obj):
        data = json.dumps(obj).encode()
        mask = os.urandom(4)
        hdr = bytes([0x81])
        if len(data) < 126: hdr += bytes([0x80 | len(data)])
        elif len(data) < 65536: hdr += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else: hdr += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        self.s.sendall(hdr + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def _exact(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk: raise EOFError
            buf += chunk
        return buf

    def recv(self):
        payload = b""
        while True:
            b0, b1 = self._exact(2)
            n = b1 & 0x7F
            if n == 126: n = struct.unpack(">H", self._exact(2))[0]
            elif n == 127: n = struct.unpack(">Q", self._exact(8))[0]
            payload += self._exact(n)
            if b0 & 0x80: return json.loads(payload)

    def call(self, method, **params):
        self.n += 1
        self.send({"id": self.n, "method": method, "params": params})
        while True:
            m = self.recv()
            if m.get("id") == self.n: return m.get("result", {})

SECTIONS = r"""
JSON.stringify(Array.from(document.querySelectorAll('section[id]')).filter(s => !s.parentElement.closest('section[id]')).map(s => {
  const r = s.getBoundingClientRect();
  return {id: s.id, x: r.left + window.scrollX, y: r.top + window.scrollY, w: r.width, h: r.height};
}))
"""

def slug(url):
    tail = url.rstrip("/").split("/")[-1] or "overview"
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in tail).removesuffix(".html") or "page"

def main():
    args = sys.argv[1:]
    shots = None
    if args[:1] == ["--shots"]:
        shots, args = args[1], args[2:]
        os.makedirs(shots, exist_ok=True)
    chromium, urls = args[0], args[1:]
    profile = tempfile.mkdtemp()
    port = 9300 + os.getpid() % 500
    proc = subprocess.Popen([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
                             f"--remote-debugging-port={port}", "--window-size=1280,2400", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                page = next(t for t in targets if t.get("type") == "page")
                break
            except Exception:
                time.sleep(0.1)
        ws = WebSocket(page["webSocketDebuggerUrl"])
        ws.call("Page.enable")
        bad = 0
        for url in urls:
            ws.call("Page.navigate", url=url)
            # Loaded, and not the dashboard's "computing…" page (it reloads itself until the page
            # is ready): at most 180 s.
            # The document must be the one asked for (not the previous page still on screen).
            want = json.dumps(url.rstrip("/"))
            ready = (f"location.href.replace(/\\/$/, '') === {want} && document.readyState === 'complete'"
                     " && !document.querySelector('meta[name=decouple-computing]')")
            for _ in range(1800):
                r = ws.call("Runtime.evaluate", expression=ready, returnByValue=True)
                if r.get("result", {}).get("value") is True: break
                time.sleep(0.1)
            else:
                print(f"layout-check: {url:60s} did not load in 180 s")
                bad += 1
                continue
            r = ws.call("Runtime.evaluate", expression=CHECK, returnByValue=True)
            found = json.loads(r.get("result", {}).get("value", "[]"))
            print(f"layout-check: {url:60s} {'ok' if not found else str(len(found)) + ' problem(s)'}")
            for f in found: print("    " + f)
            bad += len(found)
            if shots:
                r = ws.call("Runtime.evaluate", expression=SECTIONS, returnByValue=True)
                for sec in json.loads(r.get("result", {}).get("value", "[]")):
                    if sec["w"] < 1 or sec["h"] < 1: continue
                    clip = {"x": max(0, sec["x"] - 8), "y": max(0, sec["y"] - 8), "width": sec["w"] + 16, "height": min(sec["h"], 12000) + 16, "scale": 1}
                    shot = ws.call("Page.captureScreenshot", format="png", clip=clip, captureBeyondViewport=True)
                    with open(os.path.join(shots, f"{slug(url)}--{sec['id']}.png"), "wb") as f:
                        f.write(base64.b64decode(shot.get("data", "")))
        return 1 if bad else 0
    finally:
        proc.terminate()
        try: proc.wait(5)
        except Exception: proc.kill()

if __name__ == "__main__":
    sys.exit(main())
