"""Static images (PNG, SVG) of plotly figures through kaleido and Debian's chromium."""

from __future__ import annotations

import threading
import warnings

import plotly.graph_objects as go
import plotly.io as pio

# -- static images ---------------------------------------------------------------------------------------
_image_lock = threading.Lock()
_server_started = False


def to_image(fig: go.Figure, fmt: str = "png", width: int = 1400) -> bytes:
    """PNG or SVG of a figure through kaleido and Debian's chromium. The first call starts one browser for the
    process (about 3 s); later images take well under a second. Calls are serialised."""
    if fmt not in ("png", "svg"):
        raise ValueError(f"unsupported image format {fmt!r}")
    import kaleido

    global _server_started
    # Inside the app Streamlit makes its own plotly template the default, and figures built there carry it: it
    # lacks plotly's `automargin` on the axes, so an exported heat map lost its Kans ticks below a 10 px margin.
    # Images are drawn with plotly's own template wherever they are made (app, CLI, tests).
    fig = go.Figure(fig)
    fig.layout.template = pio.templates["plotly"]
    height = int(fig.layout.height or 600)
    with _image_lock:
        if not _server_started:
            kaleido.start_sync_server(silence_warnings=True)
            _server_started = True
        with warnings.catch_warnings():  # plotly passes browser options the running server ignores
            warnings.simplefilter("ignore", UserWarning)
            return fig.to_image(format=fmt, width=width, height=height, scale=2 if fmt == "png" else 1)


def stop_images() -> None:
    """Stop the browser to_image started (tests and the CLI call this when done)."""
    import kaleido

    global _server_started
    with _image_lock:
        if _server_started:
            kaleido.stop_sync_server(silence_warnings=True)
            _server_started = False
