"""Every rule module; importing this package registers the rules."""
