"""Benchmark of answer submissions: `.venv/bin/python bench/answer_submissions.py`.

Measures completed submissions per second on PostgreSQL, served by gunicorn with the production
settings (config.settings.base), from a load generator on this machine. A « completed
submission » is the final « Envoyer » POST of a respondent whose sections are all answered: the
script prepares BENCH_SUBMISSIONS responses (one invitation each) through the service layer
(`response_start`, then `response_save_section` for every visible section), then posts every
review form concurrently, exactly as a browser does (csrftoken cookie, masked
csrfmiddlewaretoken field, Origin and Referer headers). Afterwards it counts in the database:
submitted responses must equal successful requests (302 to the thank-you page), none lost,
none twice.

It also measures the full flow of BENCH_FLOWS other respondents, each with its own cookie jar:
landing, « Commencer », every section (GET then POST), review, « Envoyer », thank-you page.

Database: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sirius_bench_answers),
created if missing, migrated, answering tables emptied. Options: --workers 2,3,4 (gunicorn
processes, each tried in turn with fresh data; the best is reported), --threads, --connections.
"""

import argparse
import http.client
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from common import (
    ROOT,
    SECRET_KEY,
    django_environment,
    ensure_postgres_database,
    free_port,
    gunicorn_start,
)

DATA_DIR = ROOT / "bench" / "data"
VAR_DIR = ROOT / "var" / "bench-answers"
POSTGRES_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sirius_bench_answers"
)
SUBMISSIONS = int(os.environ.get("BENCH_SUBMISSIONS", "6000"))
FLOWS = int(os.environ.get("BENCH_FLOWS", "500"))
HOST = "127.0.0.1"
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def django_env():
    return django_environment(
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DATABASE_URL=POSTGRES_URL,
        SIRIUS_VAR_DIR=str(VAR_DIR),
        SIRIUS_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )


# --- Django side (child process) -----------------------------------------------------------------
def prepare(submissions, flows, output):
    """Empty the answering tables; create `submissions` answered responses and `flows` fresh
    invitations; write their tokens and a CSRF pair to `output`."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.middleware.csrf import _get_new_csrf_string, _mask_cipher_secret
    from django.utils import timezone

    from sirius.audit.models import Event
    from sirius.campaigns.models import Campaign, Invitation
    from sirius.campaigns.services import invitation_create
    from sirius.referentiel.models import Establishment, Formation
    from sirius.responses.models import Response, Verbatim
    from sirius.responses.services import response_save_section, response_start
    from sirius.www.answer.forms import SectionForm
    from tests.factories import CampaignFactory
    from tests.responses.data import SECTION_POSTS, VISIBLE_SECTIONS

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    from django_tasks_db.models import DBTaskResult

    models = (Verbatim, Response, Invitation, Campaign, Event, Formation, Establishment)
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(f"TRUNCATE {', '.join(tables)}, {DBTaskResult._meta.db_table} CASCADE")
    campaign = CampaignFactory(invitations_enabled=True, open_link_enabled=False)
    definition = campaign.questionnaire_version.parsed

    start = time.perf_counter()
    ready = []
    for _ in range(submissions):
        invitation, token = invitation_create(campaign=campaign)
        response = response_start(campaign=campaign, invitation=invitation)
        for section_id in VISIBLE_SECTIONS:
            section = definition.section(section_id)
            form = SectionForm(SECTION_POSTS[section_id], section=section, answers=response.answers)
            assert form.is_valid(), form.errors
            response_save_section(
                response=response, section=section, submitted=form.submitted_answers()
            )
        ready.append(token)
    # These respondents went through every page, so their link was opened long ago: the final
    # POST must not pay for the first-visit write that a real respondent paid on the landing page.
    Invitation.objects.filter(campaign=campaign).update(opened_at=timezone.now())
    fresh = [invitation_create(campaign=campaign)[1] for _ in range(flows)]
    secret = _get_new_csrf_string()
    Path(output).write_text(
        json.dumps(
            {
                "ready": ready,
                "fresh": fresh,
                "csrf_cookie": secret,
                "csrf_field": _mask_cipher_secret(secret),
                "posts": {section: SECTION_POSTS[section] for section in VISIBLE_SECTIONS},
                "seconds": time.perf_counter() - start,
            }
        )
    )


def count(output):
    """What the database holds after a run."""
    import django

    django.setup()
    from django.db.models import Count

    from sirius.campaigns.enums import InvitationState
    from sirius.campaigns.models import Invitation
    from sirius.responses.models import Response, Verbatim

    twice = Response.objects.values("invitation_id").annotate(n=Count("pk")).filter(n__gt=1).count()
    Path(output).write_text(
        json.dumps(
            {
                "submitted": Response.objects.submitted().count(),
                "in_progress": Response.objects.in_progress().count(),
                "answered_invitations": Invitation.objects.filter(
                    state=InvitationState.ANSWERED
                ).count(),
                "verbatims": Verbatim.objects.count(),
                "responses_per_invitation_over_1": twice,
            }
        )
    )


def run_child(function, *args):
    subprocess.run(
        [sys.executable, __file__, function, *map(str, args)],
        env=django_env(),
        cwd=ROOT,
        check=True,
    )


# --- The load generator (this process) -----------------------------------------------------------
class Client:
    """One keep-alive HTTP connection with its own cookie jar, as one browser tab."""

    def __init__(self, port, cookies=None):
        self.port = port
        self.origin = f"http://{HOST}:{port}"
        self.cookies = dict(cookies or {})
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(self, method, path, fields=None, referer=""):
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "sirius-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = self.origin
            headers["Referer"] = self.origin + (referer or path)
        for attempt in (1, 2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection; a browser retries the same.
                self.connection.close()
                if attempt == 2:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, response.getheader("Location", ""), content.decode()

    def close(self):
        self.connection.close()


def submit_all(port, tokens, cookie, field, connections):
    """POST the review form of every token; returns (results, wall seconds)."""
    results = [None] * len(tokens)
    next_index = iter(range(len(tokens)))
    lock = threading.Lock()

    def worker():
        client = Client(port, {"csrftoken": cookie})
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                break
            path = f"/r/{tokens[index]}/relecture/"
            started = time.perf_counter()
            try:
                status, location, _ = client.request("POST", path, {"csrfmiddlewaretoken": field})
            except OSError as error:
                status, location = f"error {error.__class__.__name__}", ""
            elapsed = time.perf_counter() - started
            ok = status == 302 and location == f"/r/{tokens[index]}/merci/"
            results[index] = (ok, status, elapsed)
        client.close()

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


def full_flow(port, token, posts):
    """One respondent from the landing page to the thank-you page; True when all went well."""
    client = Client(port)
    base = f"/r/{token}/"
    try:
        status, _, page = client.request("GET", base)
        csrf = CSRF_INPUT.search(page).group(1)
        status, url, _ = client.request("POST", base, {"csrfmiddlewaretoken": csrf, "site_web": ""})
        for section_id, fields in posts.items():
            if status != 302 or not url.endswith(f"/etape/{section_id}/"):
                return False
            _, _, page = client.request("GET", url)
            csrf = CSRF_INPUT.search(page).group(1)
            status, url, _ = client.request(
                "POST",
                url,
                {**fields, "action": "next", "site_web": "", "csrfmiddlewaretoken": csrf},
            )
        if status != 302 or url != f"{base}relecture/":
            return False
        _, _, page = client.request("GET", url)
        csrf = CSRF_INPUT.search(page).group(1)
        status, url, _ = client.request("POST", url, {"csrfmiddlewaretoken": csrf})
        if status != 302 or url != f"{base}merci/":
            return False
        status, _, page = client.request("GET", url)
        return status == 200 and "Merci, ta réponse est bien envoyée" in page
    except (OSError, AttributeError):
        return False
    finally:
        client.close()


def flow_all(port, tokens, posts, connections):
    results = []
    next_index = iter(range(len(tokens)))
    lock = threading.Lock()

    def worker():
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                break
            started = time.perf_counter()
            ok = full_flow(port, tokens[index], posts)
            results.append((ok, time.perf_counter() - started))

    threads = [threading.Thread(target=worker) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, time.perf_counter() - started


# --- Orchestration -------------------------------------------------------------------------------
def warm_up(port, tokens):
    """Load code and templates in every worker: GET review pages (nothing is submitted)."""
    for token in tokens:
        client = Client(port)
        client.request("GET", f"/r/{token}/relecture/")
        client.close()


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def one_configuration(workers, threads, connections, submissions, flows):
    data_file = DATA_DIR / "answer_tokens.json"
    counts_file = DATA_DIR / "answer_counts.json"
    print(f"\n== {workers} workers × {threads} threads, {connections} connections", flush=True)
    run_child("prepare", submissions, flows, data_file)
    data = json.loads(data_file.read_text())
    print(f"prepared {submissions} answered responses in {data['seconds']:.0f} s", flush=True)
    port = free_port(HOST)
    server = gunicorn_start(
        workers=workers, threads=threads, host=HOST, port=port, env=django_env()
    )
    try:
        warm_up(port, data["ready"][: 20 * workers])
        usage = resource.getrusage(resource.RUSAGE_SELF)
        results, seconds = submit_all(
            port, data["ready"], data["csrf_cookie"], data["csrf_field"], connections
        )
        after = resource.getrusage(resource.RUSAGE_SELF)
        client_cpu = (after.ru_utime + after.ru_stime) - (usage.ru_utime + usage.ru_stime)
        flow_results, flow_seconds = flow_all(
            port, data["fresh"], data["posts"], min(connections, max(1, flows))
        )
    finally:
        server.terminate()
        server.wait()
    run_child("count", counts_file)
    counts = json.loads(counts_file.read_text())
    latencies = [elapsed for ok, _status, elapsed in results if ok]
    errors = {}
    for ok, status, _elapsed in results:
        if not ok:
            errors[str(status)] = errors.get(str(status), 0) + 1
    flow_ok = [elapsed for ok, elapsed in flow_results if ok]
    expected_submitted = len(latencies) + len(flow_ok)
    summary = {
        "workers": workers,
        "threads": threads,
        "connections": connections,
        "submissions": submissions,
        "ok": len(latencies),
        "errors": errors,
        "seconds": round(seconds, 2),
        "per_second": round(len(latencies) / seconds, 1),
        "p50_ms": round(statistics.median(latencies) * 1000, 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 1) if latencies else None,
        "client_cpu_seconds": round(client_cpu, 1),
        "lost": expected_submitted - counts["submitted"],
        "flows": flows,
        "flows_ok": len(flow_ok),
        "flows_seconds": round(flow_seconds, 2),
        "flows_per_second": round(len(flow_ok) / flow_seconds, 1) if flow_seconds else None,
        "flow_p50_s": round(statistics.median(flow_ok), 3) if flow_ok else None,
        "flow_p95_s": round(percentile(flow_ok, 0.95), 3) if flow_ok else None,
        "database": counts,
    }
    print(json.dumps(summary, indent=2, ensure_ascii=False), flush=True)
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", default="2,3,4", help="gunicorn worker counts to try")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=48)
    parser.add_argument("--submissions", type=int, default=SUBMISSIONS)
    parser.add_argument("--flows", type=int, default=FLOWS)
    options = parser.parse_args()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    if not ensure_postgres_database(POSTGRES_URL):
        sys.exit(f"PostgreSQL injoignable ({POSTGRES_URL}) : mesure non lancée.")
    summaries = [
        one_configuration(
            int(workers), options.threads, options.connections, options.submissions, options.flows
        )
        for workers in options.workers.split(",")
    ]
    best = max(summaries, key=lambda s: s["per_second"])
    print("\n== best", json.dumps(best, ensure_ascii=False), flush=True)
    failed = any(
        s["errors"] or s["lost"] or s["database"]["responses_per_invitation_over_1"]
        for s in summaries
    )
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in {"prepare", "count"}:
        command, *arguments = sys.argv[1:]
        if command == "prepare":
            prepare(int(arguments[0]), int(arguments[1]), arguments[2])
        else:
            count(arguments[0])
    else:
        sys.exit(main())
