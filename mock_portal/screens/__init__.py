"""The screens: one module per URL prefix, its templates in ``templates/<module>/`` and its
page objects in ``mock_portal_testing/pages/<module>.py`` (README « Layout »)."""
