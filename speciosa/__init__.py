"""speciosa: a private, local-first kratom journal and safety companion."""

__version__ = "0.1.0"
