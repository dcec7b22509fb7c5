"""The demo: three case-study journals and a synthetic one for the benchmarks (`stories`, pure), and
the demo accounts that hold them (`load`, written through the journal's services and import).

It sits above the journal layer: it calls speciosa.journal, and nothing below it imports it.
"""
