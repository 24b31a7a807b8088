"""Route modules: one per screen family. The file name is the Mount or route prefix, the
templates folder ``templates/<name>/`` and the page objects ``mock_portal_testing/pages/<name>.py``.
Screens may import domain and infrastructure modules; those never import screens."""
