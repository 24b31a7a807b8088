"""Pytest plugin and page objects for the training portal.

Installed with the project, it gives any repository the fixtures a QA team needs: a running
portal per xdist worker (or ``--base-url`` of one already running), ``time_travel``,
``personas``, ``login_as``, ``outbox`` and one fixture per page object.
"""

# Dependency-free on purpose: the pytest11 entry point imports this package first.
from mock_portal_testing.channels import Channel

__all__ = ["Channel"]
