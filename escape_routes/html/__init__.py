"""Room 3, html: the one Jinja2 Environment (:mod:`.templates`: template files, every value
escaped by default with the house escape), the stylesheets (``css/``) and the evidence fragments
every output shares (:mod:`.render`). Imports content and rules.
"""
