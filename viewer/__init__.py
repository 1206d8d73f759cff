"""Note Viewer: read Jekyll Markdown posts as an outline, a rendered page and a list of links."""

__version__ = "0.1.0"
