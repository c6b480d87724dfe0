"""Monte Carlo simulation of a risk register: the benodigde weerstandscapaciteit (BBV art. 11), numpy only.

The model (as NARIS and similar tools use it, domain.md §5)
    Risk i occurs in a year with probability p_i, independently of the others. When it occurs it costs X_i euro:
    a fixed amount, or drawn from a PERT (default) or triangular distribution on [minimum, maximum] with the
    most likely amount as its mode. The yearly total is S = sum_i L_i, with L_i = X_i when risk i occurs and 0
    otherwise. The benodigde weerstandscapaciteit at certainty level c is the c-quantile of S: the smallest
    amount x for which at least c of the simulated years have S <= x (numpy's "inverted_cdf": always an amount
    that was actually simulated, never an interpolation between two).

Random numbers
    Every (risk i, iteration j) gets exactly one uniform number: position i * N + j of numpy's PCG64 stream for
    the seed (N = the number of iterations; `PCG64.advance` jumps to a position). From that number u the risk
    occurs when u > 1 - p_i, and then costs F_i^-1((u - (1 - p_i)) / p_i): given that it occurs, that fraction is
    uniform on (0, 1], so L_i = G_i(u) with G_i the quantile function of L_i. Because every number has a fixed
    position, the result is the same whatever the chunk size or number of threads, and the contribution pass
    computes the numbers of the iterations it needs where they lie in the stream (`stream_uniforms`: PCG64 is a
    128-bit LCG, so position k is an affine jump from the seed's state), instead of keeping N x risks numbers in
    memory or drawing the whole stream a second time.

Quantile functions
    fixed: the amount. Triangular: the closed form. PERT: Beta(1 + 4r, 1 + 4(1 - r)) scaled to [min, max], with
    r = (mode - min) / (max - min), so the mean is (min + 4 mode + max) / 6 and the variance
    (mean - min)(max - mean) / 7. It has no closed-form quantile function: it is tabulated on 1,025 points by
    integrating the density on 2,049 points and inverting, and read with linear interpolation. The error this
    leaves in the mean is below 1e-4 x (max - min) (the worst case, a mode at an end point), a fifth of the
    Monte Carlo standard error at 100,000 iterations.

Memory
    Iterations run in chunks (default 65,536). Risks are split into a fixed number of groups (at most 8); a
    worker thread sums one group for one chunk. Working memory is a few vectors of one chunk per group and per
    thread (about 10 MB), whatever the number of risks, plus the N yearly totals (8 bytes each, and as much for
    their sort order) and the PERT tables (1,025 amounts per PERT risk). Because groups are fixed and summed in
    order, and the contribution pass reads in fixed blocks, totals, quantiles and contributions are bit-for-bit
    the same for any chunk size and 1 to 4 threads.

Contributions (allocation of the required capacity to risks)
    Euler / co-VaR allocation: the contribution of risk i at certainty c is E[L_i | S close to the c-quantile],
    estimated as the mean of L_i over the iterations whose rank lies within +-0.5 % of N around the quantile's
    rank (1,001 iterations at N = 100,000), then scaled by (required capacity / sum of those means) so the
    contributions add up to the required capacity exactly. Without the scaling they add up to the mean of S in
    that window, which differs from the quantile by less than the window's width. A party's contribution is the
    sum over its risks.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np

FIXED, PERT, TRIANGULAR = "fixed", "pert", "triangular"
SHAPES = (FIXED, PERT, TRIANGULAR)
LEVELS = (70, 80, 90, 95, 99)  # the certainty table of a paragraaf weerstandsvermogen
DEFAULT_ITERATIONS = 100_000
DEFAULT_SEED = 20261124
DEFAULT_CHUNK = 65_536
TABLE_POINTS = 1_025  # PERT quantile table
DENSITY_POINTS = 2_049  # grid on which the PERT density is integrated
MAX_GROUPS = 8
BAND = 0.005  # half width of the contribution window, as a fraction of the iterations

# NAR / Universiteit Twente rating of the weerstandsratio (domain.md §5). A class holds its lower bound:
# 2.0 is B (A is "> 2.0"), 1.4 is B, 1.0 is C (a ratio of at least 1.0 is "voldoende"), 0.8 is D, 0.6 is E.
# The ratio is rounded to two decimals first, as the paragraaf prints it, so the class never contradicts the
# number shown next to it.
NAR_CLASSES: tuple[tuple[str, float, str], ...] = (
    ("A", 2.0, "uitstekend"),  # ratio > 2.0
    ("B", 1.4, "ruim voldoende"),  # 1.4 <= ratio <= 2.0
    ("C", 1.0, "voldoende"),
    ("D", 0.8, "matig"),
    ("E", 0.6, "onvoldoende"),
    ("F", -math.inf, "ruim onvoldoende"),
)


def ratio(available: float, required: float) -> float | None:
    """Weerstandsratio = beschikbare / benodigde capaciteit; None when nothing is required (no risk at all)."""
    if required <= 0:
        return None
    return float(available) / float(required)


NO_CLASS = ("—", "geen oordeel")  # no ratio: nothing is required, so there is nothing to judge


def nar_class(value: float | None) -> tuple[str, str]:
    """(class letter, label) of a weerstandsratio; None (nothing required: no financial risk with a probability and
    an amount) gets no class at all ("geen oordeel"), never "A – uitstekend" for an empty register."""
    if value is None:
        return NO_CLASS
    shown = round(value + 0.0, 2)
    for letter, bound, label in NAR_CLASSES:
        if (shown > bound) if letter == "A" else (shown >= bound):
            return letter, label
    return NAR_CLASSES[-1][0], NAR_CLASSES[-1][2]


def level_index(level_pct: float, iterations: int) -> int:
    """0-based index in the sorted totals of the `level_pct` % quantile (inverted CDF), in exact arithmetic:
    the smallest k with (k + 1) / N >= level."""
    k = math.ceil(Fraction(str(level_pct)) * iterations / 100) - 1
    return min(max(k, 0), iterations - 1)


@dataclass(frozen=True)
class Register:
    """The risks to simulate as arrays (one element per risk). Amounts in euro, probability 0..1."""

    probability: np.ndarray
    low: np.ndarray
    mode: np.ndarray
    high: np.ndarray
    shape: np.ndarray  # FIXED / PERT / TRIANGULAR

    @classmethod
    def build(
        cls,
        probability: Sequence[float] | np.ndarray,
        low: Sequence[float] | np.ndarray,
        mode: Sequence[float] | np.ndarray | None = None,
        high: Sequence[float] | np.ndarray | None = None,
        shape: str | Sequence[str] = PERT,
    ) -> Register:
        """Check and freeze the arrays. `mode`/`high` default to `low` (a fixed amount); a risk whose minimum
        equals its maximum is fixed whatever `shape` says."""
        p = np.asarray(probability, dtype=np.float64).ravel()
        a = np.asarray(low, dtype=np.float64).ravel()
        m = a if mode is None else np.asarray(mode, dtype=np.float64).ravel()
        b = m if high is None else np.asarray(high, dtype=np.float64).ravel()
        kinds = np.full(p.shape, shape, dtype=object) if isinstance(shape, str) else np.asarray(shape, dtype=object)
        if not (len(p) == len(a) == len(m) == len(b) == len(kinds)):
            raise ValueError("probability, low, mode, high and shape must have the same length")
        if not np.all(np.isfinite(np.concatenate([p, a, m, b]))):
            raise ValueError("probabilities and amounts must be finite numbers")
        if np.any((p < 0) | (p > 1)):
            raise ValueError("probabilities must lie in [0, 1]")
        if np.any(a < 0) or np.any(m < a) or np.any(b < m):
            raise ValueError("amounts must satisfy 0 <= low <= mode <= high")
        unknown = set(kinds.tolist()) - set(SHAPES)
        if unknown:
            raise ValueError(f"unknown shape(s) {sorted(unknown)}; use {SHAPES}")
        if np.any((kinds == FIXED) & (a != b)):
            raise ValueError("a fixed amount needs low == mode == high")
        kinds = np.where(a == b, FIXED, kinds)
        for arr in (p, a, m, b, kinds):
            arr.setflags(write=False)
        return cls(p, a, m, b, kinds)

    def __len__(self) -> int:
        return len(self.probability)

    def means(self) -> np.ndarray:
        """E[X_i] when risk i occurs: fixed a; PERT (a + 4m + b) / 6; triangular (a + m + b) / 3."""
        pert = (self.low + 4 * self.mode + self.high) / 6
        tri = (self.low + self.mode + self.high) / 3
        return np.where(self.shape == PERT, pert, np.where(self.shape == TRIANGULAR, tri, self.low))

    def expected(self) -> float:
        """Analytic expected yearly total: sum of p_i E[X_i]."""
        return float(np.sum(self.probability * self.means()))

    def gross(self) -> float:
        """Gross total: every risk at its maximum (the sum of the amounts for fixed ones)."""
        return float(np.sum(self.high))


@dataclass(frozen=True)
class Result:
    """What a simulation gives. Amounts in euro; `contributions` are per risk, in the register's order."""

    iterations: int
    seed: int
    risks: int
    certainty: float
    expected: float  # analytic
    mean: float  # simulated
    std: float
    gross: float
    quantiles: dict[float, float]  # certainty level (%) -> required capacity
    contributions: np.ndarray
    histogram_counts: np.ndarray
    histogram_edges: np.ndarray
    exceedance_amounts: np.ndarray  # x
    exceedance_probability: np.ndarray  # P(S > x)
    p_zero: float  # share of years without any loss
    exceeding: dict[float, float] = field(default_factory=dict)  # amount -> P(S > amount), for `thresholds`
    totals: np.ndarray | None = field(default=None, repr=False)  # the N yearly totals, when asked for

    @property
    def required(self) -> float:
        return self.quantiles[self.certainty]

    def probability_exceeding(self, amount: float) -> float:
        """P(S > amount): exact for an amount passed as a threshold, else read from the exceedance curve
        (exact at its points, an upper bound between them)."""
        if amount in self.exceeding:
            return self.exceeding[amount]
        idx = np.searchsorted(self.exceedance_amounts, amount, side="right") - 1
        if idx < 0:
            return 1.0
        return float(self.exceedance_probability[idx])


def pert_unit_quantiles(mode_position: np.ndarray, points: int = TABLE_POINTS) -> np.ndarray:
    """Quantile tables of Beta(1 + 4r, 1 + 4(1 - r)) on [0, 1] at `points` equally spaced levels; one row per r.

    The density is integrated with the trapezoid rule on DENSITY_POINTS points (in batches, to bound memory)
    and the cumulative distribution inverted by linear interpolation."""
    r = np.atleast_1d(np.asarray(mode_position, dtype=np.float64))
    x = np.linspace(0.0, 1.0, DENSITY_POINTS)
    with np.errstate(divide="ignore"):
        log_x, log_1mx = np.log(x), np.log1p(-x)
    levels = np.linspace(0.0, 1.0, points)
    out = np.empty((len(r), points))
    for first in range(0, len(r), 64):
        rows = r[first : first + 64, None]
        # (alpha - 1) log x + (beta - 1) log(1 - x) with alpha - 1 = 4r, beta - 1 = 4(1 - r); 0 * log 0 is 0
        with np.errstate(invalid="ignore"):
            log_density = np.where(rows > 0, 4 * rows * log_x, 0.0) + np.where(rows < 1, 4 * (1 - rows) * log_1mx, 0.0)
        density = np.exp(log_density)
        cdf = np.zeros_like(density)
        np.cumsum((density[:, 1:] + density[:, :-1]) * 0.5, axis=1, out=cdf[:, 1:])
        cdf /= cdf[:, -1:]
        for n, row in enumerate(cdf):
            out[first + n] = np.interp(levels, row, x)
    out[:, 0], out[:, -1] = 0.0, 1.0
    return out


def worker_count(requested: int | None = None) -> int:
    """The threads the engine uses: as requested, else the cores this process may use, at most 4."""
    if requested:
        return max(1, requested)
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 4))


class _Engine:
    """One simulation's precomputed per-risk data and the kernels that read the random stream."""

    def __init__(self, register: Register, iterations: int, seed: int):
        self.n = iterations
        self.seed = seed
        self.p = register.probability
        self.q = 1.0 - register.probability
        self.low = register.low
        self.width = register.high - register.low
        self.kind = register.shape
        self.r = np.divide(register.mode - register.low, self.width, out=np.zeros(len(register)), where=self.width > 0)
        self.tables: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def build_tables(self, risks: range) -> None:
        """The PERT quantile tables of `risks` (amounts, and the step to the next point for interpolation)."""
        pert = [i for i in risks if self.kind[i] == PERT]
        if pert:
            unit = pert_unit_quantiles(self.r[pert])
            for row, i in enumerate(pert):
                table = self.low[i] + self.width[i] * unit[row]
                self.tables[i] = (table, np.diff(table, append=table[-1]))

    def losses(self, i: int, u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Indices in `u` where risk i occurs, and its amounts there."""
        idx = np.flatnonzero(u > self.q[i])
        if self.kind[i] == FIXED:
            return idx, np.full(len(idx), self.low[i])
        v = u.take(idx)
        v -= self.q[i]  # v / p is uniform on (0, 1] given occurrence
        if self.kind[i] == TRIANGULAR:
            v /= self.p[i]
            r = self.r[i]
            unit = np.where(v < r, np.sqrt(v * r), 1.0 - np.sqrt((1.0 - v) * (1.0 - r)))
            return idx, self.low[i] + self.width[i] * unit
        table, step = self.tables[i]
        v *= (TABLE_POINTS - 1) / self.p[i]
        k = v.astype(np.int32)  # v <= TABLE_POINTS - 1, far inside int32
        np.minimum(k, TABLE_POINTS - 2, out=k)
        v -= k
        loss = table.take(k)
        v *= step.take(k)
        loss += v
        return idx, loss

    def _stream(self, first_risk: int, start: int) -> tuple[np.random.PCG64, np.random.Generator]:
        bits = np.random.PCG64(self.seed)
        bits.advance(first_risk * self.n + start)
        return bits, np.random.Generator(bits)

    def chunk_totals(self, risks: range, start: int, length: int) -> np.ndarray:
        """Sum over `risks` of their losses in iterations start .. start + length - 1."""
        out = np.zeros(length)
        if not len(risks):
            return out
        bits, gen = self._stream(risks[0], start)
        u = np.empty(length)
        for i in risks:
            gen.random(out=u)
            if self.p[i] > 0:
                if self.kind[i] == FIXED:  # branch-free: a masked add mispredicts when p is near 1/2
                    out += (u > self.q[i]) * self.low[i]
                else:
                    idx, loss = self.losses(i, u)
                    np.add.at(out, idx, loss)  # idx is unique; add.at is the fast scatter in numpy 2
            bits.advance(self.n - length)
        return out

    def window_sums(self, risks: range, start: int, positions: np.ndarray) -> np.ndarray:
        """Per risk in `risks`: the sum of its losses at iterations start + positions (positions sorted).

        The numbers are read where they lie in the stream (`stream_uniforms`), not drawn again up to there."""
        sums = np.zeros(len(risks))
        if not len(risks) or not len(positions):
            return sums
        for first in range(0, len(risks), WINDOW_ROWS):
            rows = risks[first : first + WINDOW_ROWS]
            u = stream_uniforms(self.seed, np.asarray(rows, dtype=np.int64) * self.n + start, positions)
            for n, i in enumerate(rows):
                if self.p[i] > 0:
                    _, loss = self.losses(i, u[n])
                    sums[first + n] = loss.sum()
        return sums


# PCG64 as numpy implements it (XSL-RR output of a 128-bit LCG; a double is the top 53 bits of one output), so
# the number at any position of the stream can be computed without drawing the ones before it.
_PCG_MULT = (2549297995355413924 << 64) + 4865540595714422341
_MASK128 = (1 << 128) - 1
_MASK64 = (1 << 64) - 1
WINDOW_ROWS = 256  # risks per block of the contribution pass: bounds its memory (rows x window positions)


def _jump(delta: int, inc: int) -> tuple[int, int]:
    """(multiplier, increment) of `delta` LCG steps: state -> multiplier * state + increment (mod 2^128)."""
    acc_mult, acc_plus, cur_mult, cur_plus = 1, 0, _PCG_MULT, inc
    while delta:
        if delta & 1:
            acc_mult = (acc_mult * cur_mult) & _MASK128
            acc_plus = (acc_plus * cur_mult + cur_plus) & _MASK128
        cur_plus = ((cur_mult + 1) * cur_plus) & _MASK128
        cur_mult = (cur_mult * cur_mult) & _MASK128
        delta >>= 1
    return acc_mult, acc_plus


def _split(values: list[int]) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.array([v >> 64 for v in values], dtype=np.uint64),
        np.array([v & _MASK64 for v in values], dtype=np.uint64),
    )


def _mulhi(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The high 64 bits of the 128-bit products a * b (uint64, broadcast)."""
    low32 = np.uint64(0xFFFFFFFF)
    s32 = np.uint64(32)
    a0, a1 = a & low32, a >> s32
    b0, b1 = b & low32, b >> s32
    p00, p01, p10, p11 = a0 * b0, a0 * b1, a1 * b0, a1 * b1
    mid = (p00 >> s32) + (p01 & low32) + (p10 & low32)
    return p11 + (p01 >> s32) + (p10 >> s32) + (mid >> s32)


def stream_uniforms(seed: int, bases: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """The doubles `Generator(PCG64(seed)).random()` gives at stream positions bases[r] + offsets[c], as a
    (len(bases), len(offsets)) array: bit for bit what drawing up to there would give."""
    state = np.random.PCG64(seed).state["state"]
    s0, inc = state["state"], state["inc"]
    starts = []
    for base in bases.tolist():
        mult, plus = _jump(int(base), inc)
        starts.append((mult * s0 + plus) & _MASK128)
    jumps = [_jump(int(k) + 1, inc) for k in offsets.tolist()]  # a number is the output after its step
    sh, sl = _split(starts)
    ah, al = _split([m for m, _ in jumps])
    bh, bl = _split([p for _, p in jumps])
    sh, sl = sh[:, None], sl[:, None]
    with np.errstate(over="ignore"):
        lo = al * sl
        hi = _mulhi(al, sl) + al * sh + ah * sl
        lo += bl
        hi += bh + (lo < bl)
        x = hi ^ lo
        rot = hi >> np.uint64(58)
        x = (x >> rot) | (x << ((np.uint64(64) - rot) & np.uint64(63)))
    return (x >> np.uint64(11)).astype(np.float64) * (1.0 / 9007199254740992.0)


def simulate(
    register: Register,
    iterations: int = DEFAULT_ITERATIONS,
    seed: int = DEFAULT_SEED,
    certainty: float = 90,
    levels: Sequence[float] = LEVELS,
    chunk: int = DEFAULT_CHUNK,
    workers: int | None = None,
    bins: int = 60,
    keep_totals: bool = False,
    thresholds: Sequence[float] = (),
) -> Result:
    """Simulate `iterations` years of the register. Same register, iterations and seed: the same result,
    whatever `chunk` and `workers` are."""
    if iterations < 1:
        raise ValueError("iterations must be at least 1")
    if not 0 < certainty < 100:
        raise ValueError("certainty must lie strictly between 0 and 100 (%)")
    if seed < 0:
        raise ValueError("seed must be a non-negative integer")
    engine = _Engine(register, iterations, int(seed))
    count = len(register)
    bounds = np.linspace(0, count, min(MAX_GROUPS, count) + 1).round().astype(int) if count else np.array([0])
    groups = [range(int(lo), int(hi)) for lo, hi in zip(bounds[:-1], bounds[1:], strict=True)]
    chunk = max(1, int(chunk))
    starts = range(0, iterations, chunk)
    totals = np.zeros(iterations)
    with ThreadPoolExecutor(max_workers=worker_count(workers)) as pool:
        list(pool.map(engine.build_tables, groups))
        for start in starts:
            length = min(chunk, iterations - start)
            parts = pool.map(lambda g, s=start, n=length: engine.chunk_totals(g, s, n), groups)
            for part in parts:  # in group order: the same sums whatever the number of threads
                totals[start : start + length] += part

        order = np.argsort(totals, kind="stable")
        ordered = totals[order]
        wanted = sorted({*(float(x) for x in levels), float(certainty)})
        quantiles = {lvl: float(ordered[level_index(lvl, iterations)]) for lvl in wanted}

        contributions = np.zeros(count)
        required = quantiles[float(certainty)]
        if count and required > 0:
            centre = level_index(certainty, iterations)
            half = max(1, round(BAND * iterations))
            window = np.sort(order[max(0, centre - half) : min(iterations, centre + half + 1)])
            # The window pass reads in fixed blocks, whatever `chunk` is, so the per-risk sums are added in the
            # same order and the contributions too are bit-for-bit the same for any chunk size.
            for start in range(0, iterations, DEFAULT_CHUNK):
                length = min(DEFAULT_CHUNK, iterations - start)
                inside = window[(window >= start) & (window < start + length)] - start
                parts = pool.map(lambda g, s=start, pos=inside: engine.window_sums(g, s, pos), groups)
                for g, part in zip(groups, parts, strict=True):
                    contributions[g.start : g.stop] += part
            contributions /= len(window)
            if contributions.sum() > 0:
                contributions *= required / contributions.sum()

    counts, edges = np.histogram(totals, bins=bins)
    grid = np.unique(ordered[np.minimum((np.linspace(0, 1, 801) * iterations).astype(int), iterations - 1)])
    exceed = 1.0 - np.searchsorted(ordered, grid, side="right") / iterations
    return Result(
        iterations=iterations,
        seed=int(seed),
        risks=count,
        certainty=float(certainty),
        expected=register.expected(),
        mean=float(totals.mean()),
        std=float(totals.std(ddof=1)) if iterations > 1 else 0.0,
        gross=register.gross(),
        quantiles=quantiles,
        contributions=contributions,
        histogram_counts=counts,
        histogram_edges=edges,
        exceedance_amounts=grid,
        exceedance_probability=exceed,
        p_zero=float(np.mean(totals == 0)),
        exceeding={float(x): float(1.0 - np.searchsorted(ordered, x, side="right") / iterations) for x in thresholds},
        totals=totals if keep_totals else None,
    )
