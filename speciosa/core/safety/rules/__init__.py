"""Every rule module; importing this package registers the rules."""

from speciosa.core.safety.rules import interactions, liver, pregnancy, red_flags  # noqa: F401
