"""Loopback load test of `handout serve`: prints p50/p95 time to a personalised English PDF.

    python benchmarks/load.py [--clients 30] [--seconds 60]

Every request is a different patient, and the server's memory is printed at the start and
the end: personal text is never kept, so it must not grow with the number of patients.

Starts the server itself on 127.0.0.1 (a free port, a rate limit high enough not to
interfere), runs N client threads that each post the form and read the PDF, for a
bounded time, then stops everything. Traffic never leaves this machine.
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss(pid: int) -> float:
    """Resident memory of a process, MB (Linux /proc)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=30)
    ap.add_argument("--seconds", type=float, default=60)
    args = ap.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c",
                               "from handout.cli import main_entry; main_entry()", "serve", "--port", str(port),
                               "--data", str(ROOT / "data"), "--rate", "1000000 per minute"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        page = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        page.request("GET", "/")
        html = page.getresponse().read().decode()
        token = html.split('name="csrf" value="', 1)[1].split('"', 1)[0]  # the page's CSRF token
        start = (date.today() + timedelta(days=7)).isoformat()
        counter = iter(range(10**9))

        def body() -> str:  # a different patient every time: personal text must not pile up in memory
            return urllib.parse.urlencode({"csrf": token, "handout": "ldn", "lang": "en", "edition": "standard",
                                           "patient": f"Test Patient {next(counter)}", "start": start,
                                           "prescriber_phone": "555 123 4567"})

        rss_start = rss(server.pid)
        times: list[float] = []
        errors: list[str] = []
        lock = threading.Lock()
        stop = time.time() + args.seconds

        def client() -> None:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            while time.time() < stop:
                t = time.perf_counter()
                try:
                    conn.request("POST", "/pdf", body(), {"Content-Type": "application/x-www-form-urlencoded"})
                    resp = conn.getresponse()
                    data = resp.read()
                    ok = resp.status == 200 and data.startswith(b"%PDF")
                except (OSError, http.client.HTTPException) as exc:
                    ok, data = False, str(exc).encode()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    (times.append(time.perf_counter() - t) if ok else errors.append(data[:80].decode(errors="replace")))

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss_end = rss(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    q = statistics.quantiles(times, n=100) if len(times) > 1 else [0] * 99
    print(f"{args.clients} clients for {args.seconds:g} s on loopback: {len(times)} PDFs, {len(errors)} errors, "
          f"{len(times) / args.seconds:.1f} PDF/s")
    print(f"time to a personalised English PDF: p50 {q[49] * 1000:.0f} ms, p95 {q[94] * 1000:.0f} ms")
    print(f"server memory (RSS): {rss_start:.0f} MB after the first page, {rss_end:.0f} MB at the end")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
