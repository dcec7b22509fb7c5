"""How the pages show what the journal gives them: findings as cards with their sources as links, the
dose preview and the dose timeline laid out for the page, charts as SVG. Presentation only: what is
found, previewed or placed on the timeline is decided in speciosa.journal."""
