"""The kernel every family builds on: the DuckDB file and its single audited write path (`db`), Dutch errors
(`errors`), field checks (`validation`), Dutch number and date text (`formatting`), every Dutch label (`labels`),
the shared chart style (`charts`), static chart images (`images`) and Excel-safe text (`excel`).

Unlike the families, core has no façade of names: its modules are its public face, imported as
`from governance.core import formatting` or `from governance.core.db import Database`."""
