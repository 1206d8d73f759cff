"""PySide6 widgets and models: thin views over the core's immutable data."""

APP_NAME = "Note Viewer"
