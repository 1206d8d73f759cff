"""Pure-Python core: loading, rendering and searching posts. Never imports Qt."""
