"""Same seed, same table: the certainty table, every yearly total and every contribution of fixed registers, as
the engine gave them before the contributions were collected in the main pass (issue 17 point 5). Quantiles are
stored as exact floats (hex), totals and contributions as the SHA-256 of their bytes: any change in the numbers
the engine draws, or in how it adds them, fails here."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from governance.cli.bench.simulate import synthetic_register
from governance.weerstand import engine as sim
from governance.weerstand.engine import Register, simulate


def _mixed() -> Register:
    """40 risks of every shape, with the edge cases: one never occurs, one almost never, one almost always."""
    rng = np.random.default_rng(3)
    p = rng.choice([0.1, 0.3, 0.5, 0.7, 0.9, 1.0], 40)
    likely = rng.integers(10, 500, 40) * 1_000.0
    low = likely * rng.uniform(0.2, 1.0, 40)
    high = likely * rng.uniform(1.0, 4.0, 40)
    shape = rng.choice([sim.PERT, sim.TRIANGULAR, sim.FIXED], 40)
    fixed = shape == sim.FIXED
    p[0], p[1], p[2] = 0.0, 1e-7, 0.999999
    return Register.build(p, np.where(fixed, likely, low), likely, np.where(fixed, likely, high), shape)


MIXED_QUANTILES = {
    70.0: "0x1.85885ba5b24a3p+22",
    80.0: "0x1.9795419606573p+22",
    90.0: "0x1.b16a2ee7ee9d7p+22",
    95.0: "0x1.c63d506739c27p+22",
    99.0: "0x1.edfad7823e1acp+22",
}
MIXED_TOTALS = "5fcd6234fc558c91b570914dd2b3ba48439fda763de1b26c24cb9c23e41543ae"
CASES = [
    # name, register, iterations, seed, certainty, quantiles, totals, contributions
    ("mixed", _mixed, 30_000, 42, 90, MIXED_QUANTILES, MIXED_TOTALS,
     "7ba46c07295ffe7aa06f99b4238f07740f7da525bc4ee8f760ce370c27b19c67"),
    ("mixed at 95 %", _mixed, 30_000, 42, 95, MIXED_QUANTILES, MIXED_TOTALS,
     "1c06cb4ed0979271915f311577de0d3d4d6bac7de5e149162c07f81c10abae28"),
    ("bench register, 200 risks", lambda: synthetic_register(200, 1).register, 70_000, 1, 90,
     {
         70.0: "0x1.aa68f09a60816p+24",
         80.0: "0x1.bdaf15de2c20dp+24",
         90.0: "0x1.d7e6b64f9f5f2p+24",
         95.0: "0x1.ed2a3611cbdf6p+24",
         99.0: "0x1.0aaf5f6ea4228p+25",
     },
     "1970c80f0fc128a49e395dd87bc86968d0ffc32afbc5609238a324ed3e88aca9",
     "816c8e6bb925e63a118d433c9f28d9bde1c387bd10ffee733e48006d1ce4f5f0"),
]  # fmt: skip


def _sha(values: np.ndarray) -> str:
    return hashlib.sha256(np.ascontiguousarray(values, dtype=np.float64).tobytes()).hexdigest()


@pytest.mark.parametrize(("name", "make", "iterations", "seed", "certainty", "quantiles", "totals", "shares"), CASES)
def test_same_seed_gives_the_recorded_table(name, make, iterations, seed, certainty, quantiles, totals, shares):
    result = simulate(make(), iterations=iterations, seed=seed, certainty=certainty, keep_totals=True)
    assert {level: value.hex() for level, value in result.quantiles.items()} == quantiles, name
    assert _sha(result.totals) == totals, name
    assert _sha(result.contributions) == shares, name


def test_recorded_table_whatever_the_chunk_and_threads():
    for chunk, workers in [(4_096, 1), (9_999, 3), (65_536, 2)]:
        result = simulate(_mixed(), iterations=30_000, seed=42, chunk=chunk, workers=workers, keep_totals=True)
        assert _sha(result.totals) == MIXED_TOTALS, (chunk, workers)
        assert _sha(result.contributions) == CASES[0][7], (chunk, workers)


def test_stream_uniforms_are_the_numbers_the_generator_draws_there():
    bases = np.array([0, 5, 100_000, 123_456_789])
    offsets = np.array([0, 1, 2, 999, 65_535])
    got = sim.stream_uniforms(sim.DEFAULT_SEED, bases, offsets)
    for r, base in enumerate(bases.tolist()):
        bits = np.random.PCG64(sim.DEFAULT_SEED)
        bits.advance(base)
        drawn = np.random.Generator(bits).random(offsets[-1] + 1)
        assert got[r].tolist() == drawn[offsets].tolist(), base


def test_contributions_the_same_in_blocks_of_a_few_risks(monkeypatch):
    monkeypatch.setattr(sim, "WINDOW_ROWS", 3)
    result = simulate(_mixed(), iterations=30_000, seed=42, workers=1)
    assert _sha(result.contributions) == CASES[0][7]
