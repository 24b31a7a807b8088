"""A training replica of the Pôle emploi monthly actualisation (never the real site)."""
