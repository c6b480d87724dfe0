"""The demo family: the fictitious Gemeente Voorbeeld, loaded from data/demo/*.csv through the same validators
and write path as everything else."""

from governance.demo.loader import ensure_demo, is_empty, load

__all__ = [
    "ensure_demo",
    "is_empty",
    "load",
]
