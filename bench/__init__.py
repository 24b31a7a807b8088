"""``make bench`` and ``make flake``: figures about the suite and the portal, never assertions."""
