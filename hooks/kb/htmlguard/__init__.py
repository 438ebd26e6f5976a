"""Guards for built HTML pages: a Content-Security-Policy per page and an audit of what a page may hold.

Subject-agnostic like ``kb``: it reads HTML text and theme templates, and knows nothing about MkDocs.
"""
