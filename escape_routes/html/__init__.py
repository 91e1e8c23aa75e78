"""Room 3, html: the HTML fragments every output shares, and the one escape for content text
(:mod:`.render`). Imports content and rules.
"""
