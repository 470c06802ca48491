"""Several facilitators, one workshop: merging files record by record, and following peers.

The rules (docs/merging.md): records join by uid, field by field, with the
registers of ``store/clock.py``; what counts as the same interest, presentation or custom
country is ``store/identity.py``'s, read from the joined records. Joining is commutative,
associative and idempotent, so files merge in any order and any number of times.
"""
