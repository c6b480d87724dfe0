"""Load test of the werkatelier: N participants at once against a real `streamlit run` server.

    python tests/load/workshop.py --participants 40          (or: python -m governance bench workshop)

What it does
- builds a temporary demo database with one session (ITEMS risks, revealed, projector on 'scores');
- starts `streamlit run app.py` on a free port against it;
- opens one projector client and N participant clients over Streamlit's own websocket protocol
  (/_stcore/stream, protobuf BackMsg/ForwardMsg from the streamlit package): the same messages a browser
  sends. Each participant loads ?sessie=CODE, joins (perspective radio + name + submit, like a click), keeps
  the token the app puts in the URL, and picks every item as a person does on the phone: reason and Kans in
  one rerun of the item list (a half pick, not yet saved), then Impact (the rerun that saves the score),
  waiting a think time between votes; then changes item 1 (Kans and Impact at once: a replacement);
- the projector client follows the server's auto-rerun instruction for the live fragment (as the browser
  does: a fragment rerun every interval) and records when each new count of votes ("Stemmen") appears;
- stops the server and counts the votes in the database.

What it prints
- votes sent (first votes and replacements), votes stored, duplicates, stored values that differ from the
  last value sent (lost replacements);
- projector latency: the k-th first vote sent (in order of sending) against the first projector frame that
  shows at least k votes. That is "sent -> visible on the projector" under FIFO matching: exact when votes
  commit in sending order, and never shorter than the real latency of the vote that completes the count;
- participant latency: from sending a vote until the participant's own page has rerun and shows it
  (the write is committed by then);
- with --signals K (the warning-signs exercise open, issue 16 point 4): after voting, each participant ticks K
  signs on their page, each tick a rerun of that party's fragment as a tap on the checkbox is; then the ticks
  stored against the ticks sent (lost and duplicated ticks).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import websockets  # noqa: E402  (a dependency of streamlit)
from streamlit.proto.BackMsg_pb2 import BackMsg  # noqa: E402
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg  # noqa: E402
from streamlit.proto.WidgetStates_pb2 import WidgetState  # noqa: E402

from governance import workshop  # noqa: E402
from governance.demo import loader as demo  # noqa: E402
from governance.workshop import access  # noqa: E402
from governance.workshop import participants as participants_api  # noqa: E402
from governance.workshop import session as sessions  # noqa: E402
from tests import actors  # noqa: E402
from tests.server import start_streamlit  # noqa: E402

DONE = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}
FAILED = {ForwardMsg.FINISHED_WITH_COMPILE_ERROR}


class Client:
    """One browser tab, speaking Streamlit's websocket protocol."""

    def __init__(self, base: str, query: str):
        self.ws_url = base.replace("http://", "ws://") + "/_stcore/stream"
        self.origin = base
        self.query = query
        self.page_hash = ""
        self.elements: dict[tuple, object] = {}
        self.fragment_of: dict[tuple, str] = {}  # delta path -> fragment id of the element
        self.committed: dict[str, WidgetState] = {}  # widget values the browser keeps and resends
        self.auto_rerun: tuple[float, str] | None = None
        self.ws = None

    async def connect(self) -> None:
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, origin=self.origin, open_timeout=60
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def send(self, widgets: list[WidgetState] | None = None, fragment_id: str = "", auto: bool = True) -> None:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_script_hash = self.page_hash
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = auto
        for w in widgets or []:
            if not w.HasField("trigger_value"):
                self.committed[w.id] = w
        triggers = [w for w in widgets or [] if w.HasField("trigger_value")]
        for w in [*self.committed.values(), *triggers]:
            state.widget_states.widgets.append(w)
        await self.ws.send(msg.SerializeToString())

    def handle(self, raw: bytes) -> int | None:
        """Apply one ForwardMsg; returns the script-finished status when a run ended."""
        msg = ForwardMsg()
        msg.ParseFromString(raw)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = msg.new_session.page_script_hash or self.page_hash
        elif kind == "page_info_changed":
            self.query = msg.page_info_changed.query_string
        elif kind == "auto_rerun":
            self.auto_rerun = (msg.auto_rerun.interval, msg.auto_rerun.fragment_id)
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            self.elements[tuple(msg.metadata.delta_path)] = msg.delta.new_element
            self.fragment_of[tuple(msg.metadata.delta_path)] = msg.delta.fragment_id
        elif kind == "script_finished":
            return msg.script_finished
        return None

    async def run(self, widgets: list[WidgetState] | None = None, fragment_id: str = "") -> None:
        """A rerun (page load, or a submit: of the whole page, or of the fragment the form is in, as the
        browser does); returns when the script finished."""
        if not fragment_id:
            self.elements = {}
        await self.send(widgets, fragment_id, auto=False)
        while True:
            status = self.handle(await asyncio.wait_for(self.ws.recv(), timeout=120))
            if status in DONE:
                return
            if status in FAILED:
                raise RuntimeError("script failed")

    def fragment(self, widget_id: str) -> str:
        """The fragment holding a widget ('' when it is not in a fragment): its rerun is the fragment's."""
        for path, element in self.elements.items():
            kind = element.WhichOneof("type")
            if getattr(getattr(element, kind, None), "id", None) == widget_id:
                return self.fragment_of.get(path, "")
        return ""

    def widgets(self, kind: str) -> list:
        return [getattr(e, kind) for e in self.elements.values() if e.WhichOneof("type") == kind]

    def errors(self) -> list[str]:
        found = [e.alert.body for e in self.elements.values() if e.WhichOneof("type") == "alert"]
        return [b for b in found if "Niet opgeslagen" in b or "bestaat niet" in b or "gesloten" in b]


def radio_state(radio, value: int) -> WidgetState:
    ws = WidgetState(id=radio.id)
    ws.string_value = radio.options[value - 1]
    return ws


def trigger(button) -> WidgetState:
    return WidgetState(id=button.id, trigger_value=True)


async def tick_signs(c: Client, n: int, k: int, rng: random.Random, think: tuple[float, float], log: dict) -> None:
    """Tick `k` of the signs on the page, one tap at a time (ui/workshop_signals.py keys 'sig-<party>-<sign>')."""
    boxes = [b for b in c.widgets("checkbox") if "-sig-" in b.id]
    for box in rng.sample(boxes, min(k, len(boxes))):
        await asyncio.sleep(rng.uniform(think[0] / 4, think[1] / 4))
        party, sign = box.id.split("-sig-", 1)[1].split("-", 1)
        sent = time.perf_counter()
        await c.run([WidgetState(id=box.id, bool_value=True)], c.fragment(box.id))
        log["ticks"].append(
            {"participant": n, "party": int(party), "sign": sign, "sent": sent, "acked": time.perf_counter()}
        )


async def participant(
    base: str, code: str, n: int, rng: random.Random, think: tuple[float, float], log: dict, signs: int = 0
):
    c = Client(base, f"sessie={code}")
    await c.connect()
    try:
        await c.run()
        radio = next(r for r in c.widgets("radio") if r.label.startswith("Vanuit welk perspectief"))
        name = next(t for t in c.widgets("text_input") if t.label.startswith("Uw naam"))
        submit = next(b for b in c.widgets("button") if b.label == "Deelnemen")
        choice = WidgetState(id=radio.id, string_value=rng.choice(list(radio.options)))
        await c.run([choice, WidgetState(id=name.id, string_value=f"Deelnemer {n}"), trigger(submit)])
        assert "deelnemer=" in c.query, f"participant {n} did not get a token: {c.query}"
        items = sorted({item_of(r.id) for r in c.widgets("radio") if "-lik-" in r.id})
        plan = [(item, rng.randint(1, 5), rng.randint(1, 5)) for item in items]
        plan.append((items[0], rng.randint(1, 5), rng.randint(1, 5)))  # change of mind: replaces the first
        for i, (item, lik, imp) in enumerate(plan):
            await asyncio.sleep(rng.uniform(*think))
            kans = widget(c, "radio", f"-lik-{item}-")
            impact = widget(c, "radio", f"-imp-{item}-")
            first = i < len(items)
            if first:  # reason and Kans first: a half pick the page marks as not saved
                reason = widget(c, "text_input", f"-why-{item}-")
                await c.run(
                    [WidgetState(id=reason.id, string_value=f"reden {n}"), radio_state(kans, lik)],
                    c.fragment(kans.id),
                )
                states = [radio_state(impact, imp)]  # completes the pick: this rerun saves it
            else:
                states = [radio_state(kans, lik), radio_state(impact, imp)]  # a change of both at once
            sent = time.perf_counter()
            await c.run(states, c.fragment(impact.id))
            acked = time.perf_counter()
            log["votes"].append(
                {
                    "participant": n,
                    "item": item,
                    "lik": lik,
                    "imp": imp,
                    "first": first,
                    "sent": sent,
                    "acked": acked,
                    "errors": c.errors(),
                }
            )
        if signs:
            await tick_signs(c, n, signs, rng, think, log)
    finally:
        await c.close()


async def projector(base: str, query: str, frames: list, stop: asyncio.Event) -> None:
    c = Client(base, query)
    await c.connect()

    def count() -> int | None:
        for m in c.widgets("metric"):
            if m.label == "Stemmen":
                return int(m.body)
        return None

    try:
        await c.run()
        if c.auto_rerun is None:
            raise RuntimeError("the projector page did not ask for automatic reruns")
        interval, fragment = c.auto_rerun

        async def tick():  # the browser's timer: a fragment rerun every interval, whatever the server does
            while not stop.is_set():
                await asyncio.sleep(interval)
                await c.send(fragment_id=fragment)

        ticker = asyncio.create_task(tick())
        while not stop.is_set():
            try:
                raw = await asyncio.wait_for(c.ws.recv(), timeout=0.5)
            except TimeoutError:
                continue
            if c.handle(raw) in DONE and (n := count()) is not None:
                frames.append((time.perf_counter(), n))
        ticker.cancel()
    finally:
        await c.close()


def prepare(folder: Path, items: int, participants: int, signals: bool = False) -> tuple[Path, str, str]:
    from governance.core.db import open_database

    path = folder / "load.duckdb"
    db = open_database(path)
    demo.load(db)
    risks = [int(r) for r in db.query("SELECT id FROM risk ORDER BY id LIMIT ?", [items])["id"]]
    code = sessions.create_session(
        db, {"title": "Belastingproef werkatelier", "facilitator": "bench", "risk_ids": risks}, actors.named("bench")
    )["code"]
    # the whole crowd joins within a minute: the facilitator raises the join rate (default 30 a minute) first
    participants_api.set_join_rate(db, max(participants, 1), actors.named("bench"), participants_api.join_rate_row(db))
    sessions.set_revealed(db, code, True, actors.named("bench"))
    sessions.set_screen(db, code, "scores", actors.named("bench"))
    if signals:
        workshop.set_signals_open(db, code, True, actors.named("bench"))
    key = access.projector_key(db, code)
    db.close()
    return path, code, key


def item_of(widget_id: str) -> int:
    """The item of a pick's widget: its key is 'lik-<item id>-r<round>' (ui/workshop.py::_keys), which
    Streamlit keeps at the end of the widget's id."""
    return int(widget_id.rsplit("-r", 1)[0].rsplit("-", 1)[1])


def widget(c: Client, kind: str, marker: str):
    """The widget of `kind` whose id holds `marker` (for example '-lik-12-')."""
    return next(w for w in c.widgets(kind) if marker in w.id + "-")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]  # nearest rank


async def drive(base: str, code: str, key: str, args: argparse.Namespace, pid: int) -> tuple[dict, list]:
    log: dict = {"votes": [], "ticks": [], "cpu_start": cpu_seconds(pid)}
    frames: list = []
    stop = asyncio.Event()
    query = urllib.parse.urlencode({"sessie": code, "weergave": "projector", "sleutel": key})
    proj = asyncio.create_task(projector(base, query, frames, stop))
    await asyncio.sleep(2)
    rng = random.Random(args.seed)
    think = (args.think_min, args.think_max)
    crowd = [
        participant(base, code, n, random.Random(rng.random()), think, log, args.signals)
        for n in range(args.participants)
    ]
    results = await asyncio.gather(*crowd, return_exceptions=True)
    failures = [r for r in results if isinstance(r, BaseException)]
    expected = sum(1 for v in log["votes"] if v["first"])
    deadline = time.perf_counter() + 30
    while time.perf_counter() < deadline and not (frames and frames[-1][1] >= expected):
        await asyncio.sleep(0.2)
    log["cpu_voting"] = cpu_seconds(pid) - log["cpu_start"]
    log["voting_wall"] = (
        (max(v["acked"] for v in log["votes"]) - min(v["sent"] for v in log["votes"])) if log["votes"] else 0
    )
    stop.set()
    await proj
    log["failures"] = failures
    return log, frames


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def report(log: dict, frames: list, db_path: Path, args: argparse.Namespace, wall: float) -> int:
    from governance.core.db import open_database

    db = open_database(db_path)
    stored = db.query("SELECT item_id, participant_id, round, likelihood, impact FROM workshop_score")
    people = db.query("SELECT id, name FROM workshop_participant")
    ticked = db.query("SELECT party_id, participant_id, sign_key FROM workshop_sign_tick")
    db.close()
    duplicates = int(stored.duplicated(["item_id", "participant_id", "round"]).sum())
    by_name = dict(zip(people["name"], people["id"], strict=True))
    last: dict[tuple, tuple] = {}
    for v in sorted(log["votes"], key=lambda v: v["sent"]):
        item = v["item"]
        last[(item, by_name[f"Deelnemer {v['participant']}"])] = (v["lik"], v["imp"])
    kept = {(r.item_id, r.participant_id): (r.likelihood, r.impact) for r in stored.itertuples()}
    wrong = sum(1 for k, val in last.items() if kept.get(k) != val)
    first = sorted(v["sent"] for v in log["votes"] if v["first"])
    replaced = sum(1 for v in log["votes"] if not v["first"])
    latencies = []
    for k, sent in enumerate(first, 1):
        seen = next((t for t, n in frames if n >= k and t >= sent), None)
        if seen is not None:
            latencies.append(seen - sent)
    unseen = len(first) - len(latencies)
    acks = [v["acked"] - v["sent"] for v in log["votes"]]
    errors = [e for v in log["votes"] for e in v["errors"]]
    print(
        f"Werkatelier onder belasting: {args.participants} deelnemers, {args.items} onderwerpen, "
        f"denktijd {args.think_min:g}-{args.think_max:g} s, in {wall:.1f} s"
    )
    print(f"  stemmen verstuurd:      {len(log['votes'])} ({len(first)} eerste stemmen + {replaced} vervangingen)")
    print(
        f"  stemmen opgeslagen:     {len(stored)} (verwacht {args.participants * args.items}); "
        f"dubbel: {duplicates}; afwijkend van laatst verstuurde waarde: {wrong}"
    )
    print(f"  deelnemers met fout:    {len(log['failures'])}; foutmeldingen op de pagina: {len(errors)}")
    if latencies:
        print(
            f"  projector (verstuurd -> zichtbaar), {len(latencies)} stemmen: "
            f"p50 {statistics.median(latencies):.2f} s, "
            f"p95 {percentile(latencies, 95):.2f} s, max {max(latencies):.2f} s; niet gezien: {unseen}"
        )
    print(
        f"  deelnemer (verstuurd -> eigen pagina bijgewerkt): p50 {statistics.median(acks):.2f} s, "
        f"p95 {percentile(acks, 95):.2f} s, max {max(acks):.2f} s"
    )
    print(f"  projectorbeelden ontvangen: {len(frames)}")
    load = log.get("load", (0, 0))
    print(
        f"  machine: {os.cpu_count()} cores; load average bij start {load[0]:.1f}, aan het eind {load[1]:.1f} "
        "(andere processen op dezelfde machine tellen mee)"
    )
    print(
        f"  server-CPU tijdens het stemmen: {log['cpu_voting']:.1f} s in {log['voting_wall']:.1f} s "
        f"({log['cpu_voting'] / max(len(log['votes']), 1) * 1000:.0f} ms per stem, inclusief projector en aanmelden); "
        f"totaal met opstarten {log.get('server_cpu', 0):.1f} s"
    )
    lost_ticks = 0
    if args.signals:
        sent_ticks = {(t["party"], by_name[f"Deelnemer {t['participant']}"], t["sign"]) for t in log["ticks"]}
        kept_ticks = set(ticked.itertuples(index=False, name=None))
        lost_ticks = len(sent_ticks - kept_ticks) + len(kept_ticks - sent_ticks)
        tick_acks = [t["acked"] - t["sent"] for t in log["ticks"]] or [0.0]
        print(
            f"  signalen: {len(log['ticks'])} vinkjes verstuurd, {len(ticked)} opgeslagen, verloren of extra: "
            f"{lost_ticks}; vinkje -> eigen pagina p50 {statistics.median(tick_acks):.2f} s, "
            f"p95 {percentile(tick_acks, 95):.2f} s"
        )
    for failure in log["failures"][:3]:
        print(f"  fout: {failure!r}")
    ok = (
        not log["failures"]
        and len(stored) == args.participants * args.items
        and not duplicates
        and not wrong
        and not lost_ticks
        and not unseen
        and latencies
        and percentile(latencies, 95) <= 2.0
    )
    print("  oordeel: " + ("geen stem verloren of dubbel, p95 <= 2 s" if ok else "NIET gehaald"))
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=40)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--think-min", type=float, default=2.0, help="seconden denktijd per stem, minimaal")
    parser.add_argument("--think-max", type=float, default=6.0, help="seconden denktijd per stem, maximaal")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--signals", type=int, default=0, help="vinkjes per deelnemer bij de signalen (0: geen)")
    parser.add_argument("--keep", action="store_true", help="bewaar de tijdelijke map (database en serverlog)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="bench-workshop-"))
    db_path, code, key = prepare(folder, args.items, args.participants, signals=args.signals > 0)
    proc, base = start_streamlit(db_path, folder / "server.log", wait_s=90)
    start = time.perf_counter()
    load_start = os.getloadavg()[0]
    try:
        log, frames = asyncio.run(drive(base, code, key, args, proc.pid))
        log["server_cpu"] = cpu_seconds(proc.pid)
        log["load"] = (load_start, os.getloadavg()[0])
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
    wall = time.perf_counter() - start
    try:
        return report(log, frames, db_path, args, wall)
    finally:
        if "Traceback" in (folder / "server.log").read_text():
            print(f"  serverlog met fouten: {folder / 'server.log'}")
            args.keep = True
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
