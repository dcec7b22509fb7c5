"""Every rule module; importing this package registers the rules."""

from speciosa.core.safety.rules import (  # noqa: F401
    dependence,
    doses,
    frequency,
    interactions,
    legal,
    liver,
    pregnancy,
    products,
    red_flags,
)
