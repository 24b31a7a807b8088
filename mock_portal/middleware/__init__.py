"""Pure ASGI middleware: what wraps every request before a route sees it."""
