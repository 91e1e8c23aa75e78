"""A stand-in, run only as a new server's very first request to this address: it hands the
request to app.py (escape_routes/ui/pages.py says why)."""

from escape_routes.ui.pages import hand_over_to_app

hand_over_to_app()
