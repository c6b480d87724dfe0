"""`python -m governance bench simulate`: the simulation engine against a plain Python loop and pyfair.

One synthetic register (fictitious, made from a seed) goes through three implementations of the same model —
risk i occurs with probability p_i and then costs a fixed, PERT or triangular amount; the yearly total is the
sum — and the benchmark prints their times, the ratios and peak memory. It asserts nothing: the figures are for
the README and for whoever changes the engine.

- governance.simulation: `runs` full runs (default 5), the median and spread; peak memory of one more run with
  tracemalloc (numpy reports its buffers to it).
- A plain per-iteration Python loop (random.random, random.betavariate, random.triangular): run on fewer
  iterations and scaled linearly to the full count — its time per iteration does not depend on the count.
- pyfair (bench-only dependency, requirements-test.txt), if installed, on all iterations (one run: about 20 s): one
  FairModel per risk, summed as
  FairMetaModel would (without keeping 1,000 models' tables in memory). pyfair's FAIR model has no "occurs with
  probability p" node — Loss Event Frequency is a rate drawn from a PERT, normal or constant — so the occurrence
  is supplied as raw 0/1 data (`input_raw_data`), and Loss Magnitude as pyfair's PERT (its own "modified PERT":
  the same mean, a standard deviation of (max - min) / 6 instead of the PERT variance) or `constant` for a fixed
  amount (its PERT refuses min = max). Triangular amounts are not expressible in pyfair and are supplied as raw
  data. pyfair's time is not linear in the iterations (a large part is per-model overhead), so it is measured on
  the full count unless asked otherwise.
"""

from __future__ import annotations

import math
import os
import random
import resource
import statistics
import time
import tracemalloc
import warnings
from dataclasses import dataclass

import numpy as np

from governance import weerstand
from governance.core import formatting

TARGET_SECONDS = 1.0
TARGET_SPEEDUP = 20.0


@dataclass(frozen=True)
class Synthetic:
    register: weerstand.Register
    description: str


def synthetic_register(risks: int = 1000, seed: int = 1) -> Synthetic:
    """A fictitious register of the size of a large municipality's: probabilities on the 10/30/50/70/90 % scale,
    most likely amounts log-normal around EUR 200k; 70 % PERT, 15 % triangular, 15 % a fixed amount."""
    rng = np.random.default_rng(seed)
    p = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9], size=risks, p=[0.25, 0.3, 0.25, 0.15, 0.05])
    likely = np.round(np.exp(rng.normal(math.log(200_000), 1.0, risks)), -3) + 1000
    low = np.round(likely * rng.uniform(0.3, 0.8, risks), -3)
    high = np.round(likely * rng.uniform(1.3, 3.0, risks), -3)
    shape = rng.choice([weerstand.PERT, weerstand.TRIANGULAR, weerstand.FIXED], size=risks, p=[0.7, 0.15, 0.15])
    fixed = shape == weerstand.FIXED
    low, high = np.where(fixed, likely, low), np.where(fixed, likely, high)
    register = weerstand.Register.build(p, low, likely, high, shape)
    return Synthetic(
        register, "kansen 10/30/50/70/90 %, bedragen log-normaal rond € 200.000; 70 % PERT, 15 % driehoek, 15 % vast"
    )


def python_loop(register: weerstand.Register, iterations: int, seed: int) -> np.ndarray:
    """The same model, one iteration and one risk at a time, with Python's random module."""
    rnd = random.Random(seed)
    p = register.probability.tolist()
    low, mode, high = register.low.tolist(), register.mode.tolist(), register.high.tolist()
    kind = register.shape.tolist()
    width = [h - lo for lo, h in zip(low, high, strict=True)]
    alpha = [1 + 4 * (m - lo) / w if w > 0 else 1.0 for lo, m, w in zip(low, mode, width, strict=True)]
    beta = [1 + 4 * (h - m) / w if w > 0 else 1.0 for m, h, w in zip(mode, high, width, strict=True)]
    risks = range(len(p))
    totals = []
    for _ in range(iterations):
        total = 0.0
        for i in risks:
            if rnd.random() < p[i]:
                if kind[i] == weerstand.PERT:
                    total += low[i] + width[i] * rnd.betavariate(alpha[i], beta[i])
                elif kind[i] == weerstand.TRIANGULAR:
                    total += rnd.triangular(low[i], high[i], mode[i])
                else:
                    total += low[i]
        totals.append(total)
    return np.asarray(totals)


def pyfair_totals(register: weerstand.Register, iterations: int, seed: int) -> np.ndarray:
    """The register through pyfair: one FairModel per risk (distinct random_seed each: FairModel re-seeds numpy's
    global generator, so equal seeds would make every risk draw the same numbers), Risk = LEF x LM, summed."""
    import pandas as pd
    from pyfair import FairModel

    rng = np.random.default_rng(seed)
    total = np.zeros(iterations)
    for i in range(len(register)):
        model = FairModel(name=f"risico-{i}", n_simulations=iterations, random_seed=seed + i)
        occurs = (rng.random(iterations) < register.probability[i]).astype(float)
        model.input_raw_data("Loss Event Frequency", pd.Series(occurs))
        kind = register.shape[i]
        if kind == weerstand.FIXED:
            model.input_data("Loss Magnitude", constant=float(register.low[i]))
        elif kind == weerstand.PERT:
            model.input_data(
                "Loss Magnitude", low=float(register.low[i]), mode=float(register.mode[i]), high=float(register.high[i])
            )
        else:
            drawn = rng.triangular(register.low[i], register.mode[i], register.high[i], iterations)
            model.input_raw_data("Loss Magnitude", pd.Series(drawn))
        model.calculate_all()
        total += model.export_results()["Risk"].to_numpy()
    return total


def _quantile(totals: np.ndarray, level: float) -> float:
    ordered = np.sort(totals)
    return float(ordered[weerstand.level_index(level, len(ordered))])


def _peak(fn) -> tuple[float, int]:
    tracemalloc.start()
    tracemalloc.reset_peak()
    start = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return elapsed, peak


def _mb(size: float) -> str:
    return f"{formatting.number(size / 2**20, 1)} MB"


def _s(seconds: float) -> str:
    return f"{formatting.number(seconds, 3 if seconds < 10 else 1)} s"


def floor_seconds(risks: int, iterations: int, seed: int, workers: int, chunk: int = 65_536) -> float:
    """The floor of any Monte Carlo of this size: drawing risks × iterations uniform numbers with the engine's
    generator (PCG64, `random(out=)` in chunks), split over the same number of threads, and nothing else."""
    from concurrent.futures import ThreadPoolExecutor

    def draw(part: int) -> None:
        gen = np.random.Generator(np.random.PCG64(seed + part))
        u = np.empty(chunk)
        todo = risks * iterations // workers
        for _ in range(todo // chunk):
            gen.random(out=u)

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(draw, range(workers)))
    return time.perf_counter() - start


def run(
    risks: int = 1000,
    iterations: int = 100_000,
    runs: int = 5,
    loop_iterations: int = 1_000,
    pyfair_iterations: int | None = None,
    seed: int = 1,
    workers: int | None = None,
    out=print,
) -> dict:
    """Run the benchmark, print it through `out`, return the figures."""
    data = synthetic_register(risks, seed)
    register = data.register
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    out(
        f"Benchmark simulatie: {formatting.number(risks)} risico's × {formatting.number(iterations)} iteraties "
        f"(synthetisch register, seed {seed}: {data.description})"
    )
    load = ", ".join(formatting.number(x, 1) for x in os.getloadavg())
    out(
        f"Machine: {cores} kernen beschikbaar, belasting (load average 1/5/15 min) {load}; numpy {np.__version__}; "
        f"threads engine: {weerstand.worker_count(workers)}"
    )
    out(f"Verwachte waarde (analytisch): {formatting.euro(register.expected())}")
    out("")

    weerstand.simulate(register, iterations=min(iterations, 10_000), seed=seed, workers=workers)  # warm-up
    times, cpu = [], []
    result = None
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = weerstand.simulate(register, iterations=iterations, seed=seed, workers=workers)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    engine = statistics.median(times)
    _, engine_peak = _peak(lambda: weerstand.simulate(register, iterations=iterations, seed=seed, workers=workers))
    assert result is not None
    out(
        f"1. governance.simulation (numpy): mediaan {_s(engine)} over {runs} runs "
        f"(min {_s(min(times))}, max {_s(max(times))}; CPU-tijd alle threads samen, mediaan "
        f"{_s(statistics.median(cpu))}); piekgeheugen {_mb(engine_peak)} (tracemalloc)"
    )
    out(
        f"   90 %: {formatting.euro(result.quantiles[90])}, gemiddelde {formatting.euro(result.mean)} "
        f"(inclusief bijdragen per risico)"
    )

    floors, floor_cpu = [], []
    for _ in range(runs):
        start_cpu = time.process_time()
        floors.append(floor_seconds(risks, iterations, seed, weerstand.worker_count(workers)))
        floor_cpu.append(time.process_time() - start_cpu)
    floor = statistics.median(floors)
    cpu_ratio = statistics.median(cpu) / statistics.median(floor_cpu)
    out(
        f"   ondergrens: {formatting.number(risks * iterations)} getallen trekken met dezelfde generator en threads, "
        f"mediaan {_s(floor)} → engine {formatting.number(engine / floor, 2)}× de ondergrens (doel ≤ 1,5×); "
        f"in CPU-tijd (minder gevoelig voor een drukke machine): {_s(statistics.median(floor_cpu))} → engine "
        f"{formatting.number(cpu_ratio, 2)}×"
    )

    start = time.perf_counter()
    loop_totals = python_loop(register, loop_iterations, seed)
    loop_measured = time.perf_counter() - start
    loop = loop_measured * iterations / loop_iterations
    n_loop, n_full = formatting.number(loop_iterations), formatting.number(iterations)
    out(
        f"2. Python-lus per iteratie: {_s(loop_measured)} gemeten op {n_loop} iteraties, lineair geschaald naar "
        f"{n_full}: {_s(loop)} → engine {formatting.number(loop / engine, 0)}× sneller"
    )
    out(
        f"   90 % (uit {n_loop} iteraties, dus ruw): {formatting.euro(_quantile(loop_totals, 90))}, "
        f"gemiddelde {formatting.euro(loop_totals.mean())}"
    )

    figures = {
        "risks": risks,
        "iterations": iterations,
        "runs": runs,
        "engine_seconds_median": engine,
        "engine_seconds_all": times,
        "floor_seconds_median": floor,
        "engine_over_floor": engine / floor,
        "floor_cpu_seconds_median": statistics.median(floor_cpu),
        "engine_over_floor_cpu": cpu_ratio,
        "engine_cpu_seconds_median": statistics.median(cpu),
        "load_average": os.getloadavg(),
        "engine_peak_bytes": engine_peak,
        "loop_seconds_measured": loop_measured,
        "loop_iterations": loop_iterations,
        "loop_seconds_scaled": loop,
        "speedup_vs_loop": loop / engine,
    }
    try:
        from importlib.metadata import version as installed

        import pyfair  # noqa: F401

        version = installed("pyfair")
    except ImportError as exc:
        out(f"3. pyfair: niet geïnstalleerd ({exc}); installeer requirements-test.txt.")
        figures["pyfair"] = None
    else:
        pyfair_iterations = pyfair_iterations or iterations
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pyfair_totals(weerstand.Register.build([0.5], [1.0]), 100, seed)  # warm-up: scipy's first import
            start = time.perf_counter()
            pf_totals = pyfair_totals(register, pyfair_iterations, seed)
            elapsed = time.perf_counter() - start
            # tracemalloc slows pyfair's many small Python objects badly, so memory is measured in a second,
            # shorter run; each risk's model is dropped once added, so the peak does not grow with the risks.
            sample = weerstand.Register.build(
                register.probability[:50],
                register.low[:50],
                register.mode[:50],
                register.high[:50],
                register.shape[:50],
            )
            _, pyfair_peak = _peak(lambda: pyfair_totals(sample, pyfair_iterations, seed))
        scaled = elapsed * iterations / pyfair_iterations
        n_pf = formatting.number(pyfair_iterations)
        how = (
            f"gemeten op alle {n_full} iteraties (één run)"
            if pyfair_iterations == iterations
            else f"gemeten op {n_pf} iteraties, lineair geschaald naar {n_full}: {_s(scaled)}"
        )
        out(
            f"3. pyfair {version}: {_s(elapsed)} {how} → engine "
            f"{formatting.number(scaled / engine, 0)}× sneller; piekgeheugen {_mb(pyfair_peak)} "
            f"(tracemalloc, eerste 50 risico's bij {n_pf} iteraties; elk model wordt na het optellen weggegooid)"
        )
        out(
            f"   90 %: {formatting.euro(_quantile(pf_totals, 90))}, gemiddelde {formatting.euro(pf_totals.mean())} "
            "(pyfair-PERT heeft een andere spreiding; kans als ruwe 0/1-invoer, driehoek als ruwe invoer: pyfair kent "
            "geen 'treedt op met kans p' en geen driehoeksverdeling)"
        )
        figures.update(
            pyfair=str(version),
            pyfair_seconds_measured=elapsed,
            pyfair_iterations=pyfair_iterations,
            pyfair_seconds_scaled=scaled,
            pyfair_peak_bytes=pyfair_peak,
            speedup_vs_pyfair=scaled / engine,
        )
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    out(f"Piek RSS van het hele benchmarkproces: {_mb(peak_rss)}")
    met_time = engine < TARGET_SECONDS
    met_speed = loop / engine >= TARGET_SPEEDUP
    verdict = {True: "gehaald", False: "NIET gehaald"}
    out(
        f"Doel < {_s(TARGET_SECONDS)}: {verdict[met_time]}; "
        f"doel ≥ {formatting.number(TARGET_SPEEDUP, 0)}× sneller dan de lus: {verdict[met_speed]}."
    )
    figures.update(peak_rss_bytes=peak_rss, target_time_met=met_time, target_speedup_met=met_speed)
    return figures
