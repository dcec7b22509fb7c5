"""Insights from a person's own journal, and N-of-1 experiments: pure statistics (numpy, scipy), no Django.

Every function here takes plain values (see each module) and returns dataclasses with the sample size
and the uncertainty of every figure; the journal layer loads the window and the interfaces render.
"""
