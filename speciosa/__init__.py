"""speciosa: a private, local-first kratom journal that warns about known risks, with sources."""

__version__ = "0.1.0"
