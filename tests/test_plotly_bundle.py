"""The partial Plotly bundle (`make plotly`) holds every trace type the pages' scripts draw."""

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parents[1] / "static"


def test_the_bundle_registers_every_trace_type_the_scripts_draw():
    banner = (STATIC / "plotly" / "plotly.min.js").open().readline()
    bundled = set(re.search(r"traces: ([\w, ]+);", banner).group(1).split(", "))
    drawn = {trace for script in (STATIC / "js").glob("*.js")
             for trace in re.findall(r'\btype: "(\w+)"', script.read_text())}
    assert drawn and drawn <= bundled, f"add {drawn - bundled} to scripts/plotly/build.mjs"



def test_the_bundle_names_no_server_to_fetch_from():
    """The app works offline: the build empties Plotly's defaults that name its servers (its other
    addresses are documentation links in console messages and XML namespaces)."""
    bundle = (STATIC / "plotly" / "plotly.min.js").read_text()
    assert "//cdn.plot.ly" not in bundle
    assert "//cloud.plotly.com" not in bundle
