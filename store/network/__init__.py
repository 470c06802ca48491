"""The network room: many workshop files read as one picture (docs/network.md).

``discover`` finds and reads workshop files (read-only, beside a running app), ``records``
keeps a person's decisions (same practice or not, a custom country's region) in a small
network file, ``practices`` suggests and groups practices presented at several workshops,
``regions`` places countries in UN M49 regions, ``workshop_funnels`` is the seam for follow-up,
and ``rollup`` counts it all into one frozen ``NetworkView``; ``network_report`` words it as a
document (with ``region_names`` in the report's language) for the exports' writers.
"""
