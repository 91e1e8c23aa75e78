"""Teacher's guide: learning goals, ages and care, lesson plans that open as lessons in the tour,
activities, and how to make a lesson of one's own (content/guide.yaml)."""

from __future__ import annotations

from escape_routes.ui import guide

guide.show()
