"""Escape Routes: an offline map of the escape routes described in five published texts."""
