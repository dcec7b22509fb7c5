"""The pure domain: value objects, units, time windows, the journal format. No Django here."""
