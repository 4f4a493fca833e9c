#!/usr/bin/env python3
"""Fault runs against the release binary (see scripts/faults.sh, which builds it first).

Each run starts the real server, sets up a process with voters and an open decision through
its HTTP API, then injects one fault while people vote. It prints, per run, how many ballots
the server acknowledged (answered 200) and how many are stored afterwards. A run fails if an
acknowledged ballot is missing or the record check fails.

Runs: kill -9 in a vote storm (SQLite, PostgreSQL); a full disk on a small tmpfs (SQLite, needs
root to mount); PostgreSQL stopped and started while screens follow a workshop (needs root
and pg_ctlcluster, and stops the machine's PostgreSQL for a few seconds); SIGTERM with live
streams open; slow headers. Standard library only.
"""

import http.cookiejar
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BINARY = os.path.join(ROOT, "target", "release", "recovery-commons")
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/test")
results = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, database_url, port=None, env=None):
        self.database_url = database_url
        self.port = port or free_port()
        self.env = env or {}
        self.proc = None
        self.link = None

    def start(self):
        env = dict(os.environ, DATABASE_URL=self.database_url,
                   LISTEN_ADDR=f"127.0.0.1:{self.port}",
                   LEPTOS_SITE_ROOT=os.path.join(ROOT, "target", "site"),
                   RUST_LOG="warn", **self.env)
        self.proc = subprocess.Popen([BINARY], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        deadline = time.time() + 30
        out = []

        def read():
            for line in self.proc.stdout:
                out.append(line)
        threading.Thread(target=read, daemon=True).start()
        while time.time() < deadline:
            try:
                urllib.request.urlopen(self.url("/healthz"), timeout=1)
                break
            except urllib.error.HTTPError:
                break  # answering, if not healthy (a nearly full disk says 503)
            except Exception:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start")
        time.sleep(0.2)
        for line in out:
            m = re.search(r"(http://\S+token=\S+)", line)
            if m:
                self.link = m.group(1)
        return self

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def kill9(self):
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def term(self):
        self.proc.send_signal(signal.SIGTERM)
        started = time.time()
        code = self.proc.wait(timeout=60)
        return code, time.time() - started


class Browser:
    def __init__(self, server):
        self.server = server
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def cookie(self):
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def call(self, endpoint, form, timeout=15):
        data = urllib.parse.urlencode(form).encode()
        request = urllib.request.Request(self.server.url(f"/api/{endpoint}"), data=data)
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(request, timeout=timeout) as r:
                return r.status, r.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()
        except Exception:
            return 0, ""


def setup(server, voters):
    """An administrator, a process, `voters` people with lived experience, an open decision."""
    admin = Browser(server)
    token = server.link.split("token=")[1]
    assert admin.call("session/redeem-link", {"token": token})[0] == 200
    status, body = admin.call("processes/create", {"title": "Faults", "description": "Faults."})
    p = body.strip()
    status, body = admin.call("codes/create", {"process_id": p, "count": str(voters), "valid_days": "1"})
    batch = body.strip()
    status, body = admin.call("codes/batch", {"process_id": p, "batch_id": batch})
    codes = json.loads(body)["unused"]
    people = []
    for code in codes:
        b = Browser(server)
        assert b.call("session/redeem-code", {"code": code})[0] == 200
        assert b.call("me/constituencies", {"process_id": p, "lived_experience": "yes"})[0] == 200
        people.append(b)
    status, body = admin.call("decisions/open", {
        "process_id": p, "question": "Adopt it?", "method": "consent",
        "threshold": "majority", "lived_experience": "yes"})
    assert status == 200, body
    return admin, p, body.strip(), people


def storm(people, decision, stop_after=None):
    """Every person votes once, all at once; returns the set of those acknowledged."""
    acknowledged = set()
    lock = threading.Lock()

    def one(i, b):
        status, _ = b.call("decisions/vote", {"decision_id": decision, "answer": "agree"})
        if status == 200:
            with lock:
                acknowledged.add(i)
    threads = [threading.Thread(target=one, args=(i, b)) for i, b in enumerate(people)]
    for t in threads:
        t.start()
    if stop_after:
        stop_after()
    for t in threads:
        t.join()
    return acknowledged


def verify(database_url):
    out = subprocess.run([BINARY, "verify-record"], env=dict(os.environ, DATABASE_URL=database_url, RUST_LOG="error"),
                         capture_output=True, text=True)
    return out.returncode == 0, (out.stdout + out.stderr).strip()


def stored_sqlite(path, decision):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT COUNT(*) FROM ballots WHERE decision_id = ?", (decision,)).fetchone()[0]


def stored_postgres(url, decision):
    out = subprocess.run(["psql", url, "-tAc", f"SELECT COUNT(*) FROM ballots WHERE decision_id = {int(decision)}"],
                         capture_output=True, text=True)
    return int(out.stdout.strip() or -1)


def report(name, acknowledged, stored, intact, note=""):
    ok = stored >= acknowledged and intact
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  {name:<44} acknowledged {acknowledged:>4}  stored {stored:>4}  "
          f"record {'intact' if intact else 'BROKEN'}  {note}")


def fresh_postgres():
    name = f"rc_faults_{os.getpid()}_{int(time.time() * 1000) % 100000}"
    subprocess.run(["psql", PG_URL, "-qc", f'CREATE DATABASE "{name}"'], check=True, capture_output=True)
    return PG_URL.rsplit("/", 1)[0] + "/" + name


def kill9_in_a_storm(backend, rounds=3):
    for n in range(rounds):
        folder = tempfile.mkdtemp()
        url = f"sqlite://{folder}/rc.db" if backend == "sqlite" else fresh_postgres()
        server = Server(url).start()
        _, _, decision, people = setup(server, 60)
        acknowledged = len(storm(people, decision, stop_after=lambda: (time.sleep(0.03 * (n + 1)), server.kill9())))
        server = Server(url).start()  # restart: recovery must keep everything acknowledged
        stored = stored_sqlite(f"{folder}/rc.db", decision) if backend == "sqlite" else stored_postgres(url, decision)
        intact, said = verify(url)
        server.term()
        report(f"kill -9 in a vote storm ({backend}, run {n + 1})", acknowledged, stored, intact)


def disk_full():
    if os.geteuid() != 0:
        print("SKIP  a full disk (needs root to mount a small tmpfs)")
        return
    folder = tempfile.mkdtemp()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", folder]).returncode != 0:
        print("SKIP  a full disk (mounting a tmpfs failed)")
        return
    try:
        url = f"sqlite://{folder}/rc.db"
        server = Server(url).start()
        admin, p, decision, people = setup(server, 40)
        # Fill the disk, leaving a few pages.
        with open(f"{folder}/filler", "wb") as f:
            try:
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
            except OSError:
                pass
        during = storm(people, decision)
        health_full = urllib_status(server.url("/healthz"))
        os.remove(f"{folder}/filler")
        # Without a restart, writing works again.
        again = storm(people, decision)
        health_after = urllib_status(server.url("/healthz"))
        server.term()
        stored = stored_sqlite(f"{folder}/rc.db", decision)
        intact, _ = verify(url)
        report("a full disk, then freed (SQLite)", len(during | again), stored, intact,
               f"healthz full={health_full} after={health_after}; acknowledged while full: {len(during)}, "
               f"after freeing: {len(again)} of {len(people)}")
    finally:
        subprocess.run(["umount", "-l", folder])


def urllib_status(url):
    try:
        return urllib.request.urlopen(url, timeout=6).status
    except urllib.error.HTTPError as e:
        return e.code
    except Exception:
        return 0


def sigterm_with_streams():
    folder = tempfile.mkdtemp()
    url = f"sqlite://{folder}/rc.db"
    server = Server(url).start()
    admin, p, decision, people = setup(server, 5)
    status, body = admin.call("workshops/create", {"process_id": p, "title": "Evening"})
    w = body.strip()
    streams = []
    for _ in range(20):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(f"GET /workshops/{w}/live HTTP/1.1\r\nHost: x\r\nCookie: {admin.cookie()}\r\n\r\n".encode())
        streams.append(s)
    time.sleep(0.5)
    open_streams = sum(1 for s in streams if b"200" in s.recv(64))
    code, took = server.term()
    ok = code == 0 and took < 25
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  SIGTERM with {open_streams} live streams open            exit {code} after {took:.1f} s")


def slow_headers():
    folder = tempfile.mkdtemp()
    server = Server(f"sqlite://{folder}/rc.db").start()
    slow = []
    for _ in range(300):
        s = socket.create_connection(("127.0.0.1", server.port))
        s.sendall(b"GET /healthz HTTP/1.1\r\n")
        slow.append(s)
    started = time.time()
    served = urllib_status(server.url("/healthz"))
    time.sleep(12)
    closed = 0
    for s in slow:
        try:
            s.sendall(b"X-Slow: 1\r\n")
            s.settimeout(0.2)
            if s.recv(1) == b"":
                closed += 1
        except Exception:
            closed += 1
    server.term()
    ok = served == 200 and closed == len(slow)
    results.append(ok)
    print(f"{'PASS' if ok else 'FAIL'}  300 slow-header clients                      others served: {served}; "
          f"closed after {time.time() - started:.0f} s: {closed} of {len(slow)}")


def postgres_restart():
    if os.geteuid() != 0 or subprocess.run(["which", "pg_ctlcluster"], capture_output=True).returncode != 0:
        print("SKIP  PostgreSQL stopped and started (needs root and pg_ctlcluster)")
        return
    url = fresh_postgres()
    server = Server(url).start()
    _, _, decision, people = setup(server, 40)
    half = len(people) // 2
    acknowledged = storm(people[:half], decision)
    clusters = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout.split()
    version, cluster = clusters[0], clusters[1]
    subprocess.run(["pg_ctlcluster", version, cluster, "stop", "-m", "fast"])
    during = urllib_status(server.url("/healthz"))
    down = storm(people[half:], decision)
    subprocess.run(["pg_ctlcluster", version, cluster, "start"])
    time.sleep(2)
    after = urllib_status(server.url("/healthz"))
    back = storm(people[half:], decision)
    server.term()
    stored = stored_postgres(url, decision)
    intact, _ = verify(url)
    report("PostgreSQL stopped, then started", len(acknowledged) + len(down | back), stored, intact,
           f"healthz during={during} after={after}")


if __name__ == "__main__":
    which = sys.argv[1:] or ["kill9", "disk", "sigterm", "slow", "pgrestart"]
    if "kill9" in which:
        kill9_in_a_storm("sqlite")
        kill9_in_a_storm("postgres")
    if "disk" in which:
        disk_full()
    if "sigterm" in which:
        sigterm_with_streams()
    if "slow" in which:
        slow_headers()
    if "pgrestart" in which:
        postgres_restart()
    print(f"{sum(results)} of {len(results)} runs kept every acknowledged ballot and passed")
    sys.exit(0 if all(results) else 1)
