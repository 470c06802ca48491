"""The data layer: models, country names, storage, the Workshop facade, tallies, import/export.

Never imports Textual: everything here runs headless (commands, tests, benchmarks).
"""
