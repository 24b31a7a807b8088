"""ASGI middleware (Starlette's layout): what runs around every request, before any screen."""
