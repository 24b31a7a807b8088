"""Pytest plugin and page objects for the training portal.

Installed with the project, it gives any repository the fixtures a QA team needs: a running
portal per xdist worker (or ``--base-url`` of one started with ``--testing``), ``time_travel``,
``personas``, ``login_as``, ``outbox`` and one fixture per page object.
"""
