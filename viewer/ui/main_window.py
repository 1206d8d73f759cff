"""The main window: layout, menus and wiring. Parsing and rendering live in viewer.core."""

from __future__ import annotations

import gc
import html
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QFileSystemWatcher, QSize, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from viewer.core import POST_SUFFIXES
from viewer.core.links import classify_url, distinct_links
from viewer.core.outline import walk
from viewer.ui.library import Library
from viewer.ui.settings import Settings
from viewer.ui.workers import Worker

if TYPE_CHECKING:
    from viewer.core.library import Neighbours, PostSummary
    from viewer.core.render import RenderedPost
    from viewer.core.search import Matcher
    from viewer.ui.library_search import LibrarySearchDialog
    from viewer.ui.preview import PostDocument, PostView

APP_NAME = "Note Viewer"
SAFE_SCHEMES = ("http", "https", "mailto")
RELOAD_DELAY_MS = 250
#: The Go menu's targets: fields of library.Neighbours (previous is older, as in Jekyll).
NEIGHBOURS = ("older", "newer", "older_in_category", "newer_in_category")
#: Indexing fewer posts than this shows no progress bar.
PROGRESS_FROM_POSTS = 100


def render_path(path: Path, preview: PostView) -> tuple[RenderedPost, PostDocument]:
    """Runs in the worker thread: read and render the post, and lay it out for Qt."""
    from viewer.core.document import load_post
    from viewer.core.render import render_post

    rendered = render_post(load_post(path))
    return rendered, preview.build_document(rendered.html)


class WarningBar(QFrame):
    """Problems with the post (bad front matter, encoding fallback) above it; can be dismissed."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("warningBar")
        self.setStyleSheet(
            "#warningBar { background: palette(alternate-base);"
            " border: 1px solid #d9a441; border-radius: 4px; }"
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_messages(self, messages: list[str] | tuple[str, ...]) -> None:
        if not messages:
            self.hide()
            return
        self.label.setText("⚠ " + "<br>⚠ ".join(html.escape(m) for m in messages))
        self.show()


class MainWindow(QMainWindow):
    #: Emitted when a post finished rendering and is on screen (tests and the smoke test wait on it).
    post_shown = Signal()
    #: Emitted when the opened folder's library index is up to date.
    library_indexed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None, build_now: bool = True) -> None:
        """With `build_now=False` only the bare window exists until `build()`: the app shows it
        first and builds the panels after the first paint (their modules take a while to load)."""
        super().__init__(parent)
        self.settings = settings
        self.rendered: RenderedPost | None = None
        self.current_path: Path | None = None
        self.folder: Path | None = None
        self._pending_state: dict[str, Any] | None = None
        self.worker = Worker(self)
        self.worker.done.connect(self._on_job_done)
        self.worker.failed.connect(self._on_job_failed)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_disk_change)
        self.watcher.directoryChanged.connect(self._on_disk_change)
        self._reload_timer = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload_timer.timeout.connect(self._reload_after_change)
        self._watched_identity: tuple[int, int, int] | None = None
        self.library = Library(self)
        self.library.listed.connect(self._show_library)
        self.library.progress.connect(self._show_index_progress)
        self.library.failed.connect(self._on_library_failed)
        self.library_dialog: LibrarySearchDialog | None = None
        self._query_after_open = ""

        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        if build_now:
            self.build()
        self._restore_geometry()

    def build(self) -> None:
        """Create the panels, menus and toolbar, and restore how they were left."""
        self._build_widgets()
        self._build_actions()
        self._restore_layout()
        self.preview.show_message(
            "Open a post or a folder", "File ▸ Open (Ctrl+O), or drop a Markdown file here."
        )

    # --- layout --------------------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        from viewer.ui.links_panel import LinksPanel
        from viewer.ui.outline_panel import OutlinePanel
        from viewer.ui.posts_panel import PostsPanel
        from viewer.ui.preview import PostView
        from viewer.ui.search_bar import SearchBar

        self.posts = PostsPanel(self)
        self.posts.post_chosen.connect(self.open_post)
        self.posts.set_order(self.settings.post_order)
        self.posts.order_changed.connect(lambda order: setattr(self.settings, "post_order", order))
        self.posts.hide()
        self.outline = OutlinePanel(self)
        self.outline.node_chosen.connect(self.scroll_to)
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(self.posts)
        self.left.addWidget(self.outline)
        self.left.setStretchFactor(0, 2)
        self.left.setStretchFactor(1, 3)

        self.header = QLabel(self)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.header.setContentsMargins(18, 10, 18, 0)
        self.header.hide()
        # Previous / next post (date order, and within the post's categories), when a folder is open.
        self.post_nav = QLabel(self)
        self.post_nav.setTextFormat(Qt.TextFormat.RichText)
        self.post_nav.setContentsMargins(18, 0, 18, 0)
        self.post_nav.linkActivated.connect(self._go_to_neighbour)
        self.post_nav.hide()
        self.warnings = WarningBar(self)
        self.preview = PostView(self)
        self.preview.anchorClicked.connect(self.follow_link)
        self.preview.top_anchor_changed.connect(self.outline.follow)
        middle = QWidget(self)
        column = QVBoxLayout(middle)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        column.addWidget(self.warnings)
        column.addWidget(self.header)
        column.addWidget(self.post_nav)
        column.addWidget(self.preview, 1)

        self.links = LinksPanel(self)
        self.links.go_to_anchor.connect(self.scroll_to)
        self.links.open_url.connect(self.open_link)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(middle)
        self.splitter.addWidget(self.links)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 700, 320])
        self.setCentralWidget(self.splitter)

        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        self.toolbar = toolbar
        self.search = SearchBar(self)
        self.search.query_changed.connect(self._apply_search)
        self.search.next_requested.connect(lambda: self._step_match(1))
        self.search.previous_requested.connect(lambda: self._step_match(-1))
        self.preview.palette_changed.connect(lambda: self._apply_search(self.search.matcher))
        self.current_match = -1
        self.statusBar().setSizeGripEnabled(True)
        self.index_progress = QProgressBar(self)
        self.index_progress.setMaximumWidth(220)
        self.index_progress.setFormat("Indexing %v / %m")
        self.index_progress.hide()
        self.statusBar().addPermanentWidget(self.index_progress)

    def _action(self, text: str, slot: Any, shortcut: Any = None, menu: Any = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            shortcuts = shortcut if isinstance(shortcut, list) else [shortcut]
            action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.triggered.connect(slot)
        if menu is not None:
            menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.open_action = self._action(
            "&Open File…", self.choose_file, QKeySequence.StandardKey.Open, file_menu
        )
        self._action("Open &Folder…", self.choose_folder, "Ctrl+Shift+O", file_menu)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.reload_action = self._action(
            "&Reload", self.reload, [QKeySequence.StandardKey.Refresh, "Ctrl+R"], file_menu
        )
        from viewer.core.export import EXPORT_FORMATS

        export = file_menu.addMenu("&Export")
        subject = ""
        for fmt in (f for f in EXPORT_FORMATS if f.in_menu):
            if subject and fmt.subject != subject:
                export.addSeparator()
            subject = fmt.subject
            self._action(fmt.label, partial(self.export, fmt.key), None, export)
        file_menu.addSeparator()
        self._action("&Quit", self.close, QKeySequence.StandardKey.Quit, file_menu)

        view = bar.addMenu("&View")
        self._action(
            "Zoom &In",
            lambda: self.set_zoom(self.preview.zoom + 1),
            [QKeySequence.StandardKey.ZoomIn, "Ctrl+="],
            view,
        )
        self._action(
            "Zoom &Out", lambda: self.set_zoom(self.preview.zoom - 1), QKeySequence.StandardKey.ZoomOut, view
        )
        self._action("&Actual Size", lambda: self.set_zoom(0), "Ctrl+0", view)
        view.addSeparator()
        self._action("&Expand All", self.outline.expandAll, "Ctrl+Shift+E", view)
        self._action("&Collapse All", self.outline.collapseAll, "Ctrl+Shift+C", view)
        for level in range(1, 5):
            self._action(
                f"Expand to Level &{level}",
                lambda _=False, n=level: self.outline.expand_to_level(n),
                f"Alt+{level}",
                view,
            )
        view.addSeparator()
        self.panel_actions: dict[str, QAction] = {}
        for name, widget, key in (
            ("outline", self.left, "Ctrl+Shift+1"),
            ("links", self.links, "Ctrl+Shift+2"),
        ):
            action = self._action(
                f"Show {name.title()}",
                lambda checked, w=widget, n=name: self._set_panel(n, w, checked),
                key,
                view,
            )
            action.setCheckable(True)
            action.setChecked(True)
            self.panel_actions[name] = action
        self._action("Go to &Outline", self.outline.setFocus, "Ctrl+1")
        self._action("Go to &Post", self.preview.setFocus, "Ctrl+2")
        self._action("Go to &Links", self.links.setFocus, "Ctrl+3")

        go = bar.addMenu("&Go")
        self.neighbour_actions = [
            self._action(text, partial(self._go_to_neighbour, target), key, go)
            for text, target, key in zip(
                ("&Previous Post", "&Next Post", "Previous in &Category", "Next in C&ategory"),
                NEIGHBOURS,
                ("Alt+PgUp", "Alt+PgDown", "Alt+Shift+PgUp", "Alt+Shift+PgDown"),
                strict=True,
            )
        ]
        go.addSeparator()
        self._action("Filter &Posts", self._focus_post_filter, "Ctrl+L", go)

        help_menu = bar.addMenu("&Help")
        self._action("&About Note Viewer", self._about, None, help_menu)

        self.toolbar.addAction(self.open_action)
        self.toolbar.addAction(self.reload_action)
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search)
        self._action("Find", self.search.focus, QKeySequence.StandardKey.Find)
        self._action("Search the Library…", self.search_library, "Ctrl+Shift+F", file_menu)
        self._action("Find Next", lambda: self._step_match(1), QKeySequence.StandardKey.FindNext)
        self._action("Find Previous", lambda: self._step_match(-1), QKeySequence.StandardKey.FindPrevious)

    # --- library search ------------------------------------------------------------------------------

    def search_library(self) -> None:
        """Ctrl+Shift+F: search every post of the open folder (or the current post's folder)."""
        folder = self._library_folder()
        if folder is None:
            self.statusBar().showMessage("Open a folder first.", 4000)
            return
        if self.library_dialog is None:
            from viewer.ui.library_search import LibrarySearchDialog

            self.library_dialog = LibrarySearchDialog(self)
            self.library_dialog.query_changed.connect(self._run_library_search)
            self.library_dialog.result_chosen.connect(self._open_library_result)
            self.library.searched.connect(self.library_dialog.show_results)
            self.library.outline_path_found.connect(self.library_dialog.show_outline_path)
        self.library_dialog.show_message(f"Searching {folder}")
        self.library_dialog.show()
        self.library_dialog.raise_()
        self.library_dialog.activateWindow()
        self.library_dialog.edit.setFocus()

    def _library_folder(self) -> Path | None:
        """What the library search covers: the open folder, else the current post's folder."""
        return self.folder or (self.current_path.parent if self.current_path else None)

    def _run_library_search(self, query: str) -> None:
        folder = self._library_folder()
        if folder is not None:
            self.library.search(folder, query)

    def _open_library_result(self, path: Path, query: str) -> None:
        """Open the post at the match: the in-post search is set to the query."""
        self._query_after_open = query
        self.open_post(path)

    # --- search --------------------------------------------------------------------------------------

    def _apply_search(self, matcher: Matcher | None) -> None:
        """Show a query everywhere at once: the post, the outline and the link list."""
        total = self.preview.show_matches(matcher)
        self.outline.set_matcher(matcher)
        self.links.set_matcher(matcher)
        from viewer.ui.outline_panel import MAX_FILTERED_MATCHES

        if matcher is not None and self.outline.matching_nodes > MAX_FILTERED_MATCHES:
            self.statusBar().showMessage(
                f"The outline shows the first {MAX_FILTERED_MATCHES} of {self.outline.matching_nodes} "
                "matching nodes; type more to narrow the search.",
                8000,
            )
        self.current_match = -1
        if total:
            self._go_to_match(0)
        else:
            self.search.show_position(0, 0)

    def _step_match(self, step: int) -> None:
        total = len(self.preview.match_positions)
        if total:
            self._go_to_match((self.current_match + step) % total)  # wraps around

    def _go_to_match(self, number: int) -> None:
        self.current_match = number
        self.preview.select_match(number)
        self.search.show_position(number, len(self.preview.match_positions))

    def _set_panel(self, name: str, widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        self.settings.set_panel_visible(name, visible)

    def _restore_layout(self) -> None:
        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)
        for key, splitter in (("splitter", self.splitter), ("left_splitter", self.left)):
            sizes = self.settings.window_state(key)
            if sizes is not None:
                splitter.restoreState(sizes)
        for name, widget in (("outline", self.left), ("links", self.links)):
            visible = self.settings.panel_visible(name)
            widget.setVisible(visible)
            self.panel_actions[name].setChecked(visible)
        self.preview.set_zoom(self.settings.zoom)

    def _restore_geometry(self) -> None:
        # After the panels: hiding a panel of a window not yet shown would shrink it again.
        geometry = self.settings.window_state("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(QSize(1280, 800))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.set_window_state("geometry", self.saveGeometry())
        self.settings.set_window_state("state", self.saveState())
        self.settings.set_window_state("splitter", self.splitter.saveState())
        self.settings.set_window_state("left_splitter", self.left.saveState())
        self.settings.sync()
        self.library.close()
        self.library.worker.wait(5000)
        self.worker.wait(5000)
        super().closeEvent(event)

    # --- opening -------------------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        path = Path(path).expanduser()
        if path.is_dir():
            self.open_folder(path)
        else:
            self.open_post(path)
            self._list_site_around(path)

    def _list_site_around(self, post: Path) -> None:
        """A post of a Jekyll site opened on its own (from a file manager, say): list the site's
        posts around it, for previous and next."""
        from viewer.core.site import find_site

        site, resolved = find_site(post), post.resolve()
        if site is None or (self.folder is not None and self.folder in resolved.parents):
            return
        if {"_posts", "_drafts"} & set(resolved.relative_to(site.root).parts[:-1]):
            self.open_folder(site.root, remember=False)

    def open_post(self, path: Path, keep_state: bool = False) -> None:
        path = Path(path).resolve()
        self._pending_state = self._view_state() if keep_state else None
        self.current_path = path
        self.statusBar().showMessage(f"Opening {path.name}…")
        self.worker.submit("render", lambda: render_path(path, self.preview))

    def open_folder(self, folder: Path, remember: bool = True) -> None:
        """List the posts of `folder` (and index them); `remember` puts it in Open Recent."""
        folder = Path(folder).expanduser().resolve()
        self.folder = folder
        self.statusBar().showMessage(f"Reading {folder}…")
        self.posts.set_posts([])
        self.posts.show_placeholder("Reading the folder…")
        self.posts.show()
        if self.current_path is None:
            self.preview.show_message("Reading the folder…", f"The posts of {folder} are listed on the left.")
        self.library.open(folder)
        if remember:
            self.settings.add_recent(str(folder))

    def choose_file(self) -> None:
        start = str(self.current_path.parent) if self.current_path else ""
        patterns = " ".join(f"*{suffix}" for suffix in sorted(POST_SUFFIXES))
        name, _ = QFileDialog.getOpenFileName(
            self, "Open Post", start, f"Markdown posts ({patterns});;All files (*)"
        )
        if name:
            self.open_path(Path(name))

    def choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, "Open Folder or Jekyll Site")
        if name:
            self.open_folder(Path(name))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for entry in self.settings.recent_paths:
            action = self.recent_menu.addAction(entry)
            action.triggered.connect(partial(self.open_path, Path(entry)))
        if not self.settings.recent_paths:
            self.recent_menu.addAction("No recent files").setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction("Clear List", self.settings.clear_recent)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    # --- results -------------------------------------------------------------------------------------

    def _on_job_done(self, kind: str, result: object) -> None:
        if kind == "render":
            self._show_rendered(*result)  # type: ignore[misc]

    def _on_job_failed(self, kind: str, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        if kind == "render":
            self.rendered = None
            self.header.hide()
            self.warnings.hide()
            self.outline.set_outline(())
            self.links.set_entries(())
            self.preview.show_message("This post cannot be shown", message)
            self.setWindowTitle(APP_NAME)
            self.post_nav.hide()
            self.posts.select(self.current_path)
            self.post_shown.emit()

    # --- library -------------------------------------------------------------------------------------

    def _show_library(self, posts: list[PostSummary], fresh: bool) -> None:
        self.posts.set_posts(posts)
        if fresh:
            self.index_progress.hide()
            self.statusBar().showMessage(
                f"{len(posts)} posts in {self.folder} (Ctrl+Shift+F searches them)", 5000
            )
            self.library_indexed.emit()
        self._update_post_nav()
        if not posts and fresh:
            self.preview.show_message("No posts here", f"{self.folder} has no Markdown files.")
        elif posts and (self.current_path is None or self.folder not in self.current_path.parents):
            # Nothing of this folder is shown yet: start with the first post of the list.
            self.open_post((self.posts.model.shown or posts)[0].path)

    def _show_index_progress(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM_POSTS:
            return  # over before a bar could be read
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_progress.show()
        if not self.posts.posts:
            self.posts.show_placeholder(f"Indexing {done:,} of {total:,} posts…")

    def _on_library_failed(self, message: str) -> None:
        self.index_progress.hide()
        self.statusBar().showMessage(f"The library index could not be updated: {message}", 10000)

    def _focus_post_filter(self) -> None:
        if self.posts.isVisible():
            self.posts.text_filter.setFocus()
            self.posts.text_filter.selectAll()

    def _neighbours(self) -> Neighbours | None:
        from viewer.core.library import neighbours

        if self.current_path is None or not self.posts.posts:
            return None
        return neighbours(self.posts.model.by_date, self.current_path)

    def _update_post_nav(self) -> None:
        """The links above the post, and which Go actions apply."""
        around = self._neighbours()
        for action, key in zip(self.neighbour_actions, NEIGHBOURS, strict=True):
            target = getattr(around, key, None)
            action.setEnabled(target is not None)
            action.setStatusTip(target.title if target else "")
        if around is None or self.rendered is None:
            self.post_nav.hide()
            return

        def link(key: str, label: str) -> str:
            target = getattr(around, key)
            if target is None:
                return ""
            return f'<a href="{key}">{html.escape(label.format(title=target.title))}</a>'

        cells = [link("older", "‹ {title}"), link("newer", "{title} ›")]
        # The category's own neighbours, when one of them is not simply the previous or next post.
        by_date = (around.older, around.newer)
        if any(
            p is not None and p not in by_date for p in (around.older_in_category, around.newer_in_category)
        ):
            categories = html.escape(" · ".join(self.rendered.post.metadata.categories))
            cells += [
                f"<i>In {categories}:</i> {link('older_in_category', '‹ {title}')}",
                link("newer_in_category", "{title} ›"),
            ]
        rows = "".join(
            f'<tr><td width="50%">{cells[i]}</td><td width="50%" align="right">{cells[i + 1]}</td></tr>'
            for i in range(0, len(cells), 2)
        )
        self.post_nav.setText(f'<table width="100%">{rows}</table>')
        self.post_nav.setVisible(any(cells))

    def _go_to_neighbour(self, key: str) -> None:
        target = getattr(self._neighbours(), key, None)
        if target is not None:
            self.open_post(target.path)

    def changeEvent(self, event: QEvent) -> None:
        # Back from the editor: pick up what changed in the folder meanwhile.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.folder:
            self.library.rescan_soon()
        super().changeEvent(event)

    def _show_rendered(self, rendered: RenderedPost, document: PostDocument) -> None:
        state = self._pending_state
        self._pending_state = None
        self.rendered = rendered
        post = rendered.post
        meta = post.metadata
        self.setWindowTitle(f"{meta.title} — {APP_NAME}")
        details = [meta.date_text, " · ".join(meta.categories), " ".join(f"#{t}" for t in meta.tags)]
        self.header.setText(
            f'<div style="font-size:x-large; font-weight:600">{html.escape(meta.title)}</div>'
            f'<div style="color:palette(mid)">{html.escape("   ".join(d for d in details if d))}</div>'
        )
        self.header.show()
        self.warnings.show_messages([*rendered.all_warnings, *([document.note] if document.note else [])])
        self.outline.set_outline(rendered.outline)
        self.links.set_entries(distinct_links(rendered.links))
        self.posts.select(post.path)
        self._update_post_nav()
        self.preview.show_post(rendered, [node.id for _, node in walk(rendered.outline)], document)
        self._watch(post.path)
        self.settings.add_recent(str(post.path))
        self.statusBar().showMessage(f"{post.path}", 4000)
        if state is not None:
            self._restore_view_state(state)
        if self._query_after_open:
            self.search.edit.setText(self._query_after_open)
            self._query_after_open = ""
            self.search.apply()
        elif self.search.matcher is not None:
            self._apply_search(self.search.matcher)
        self._settle_memory()
        self.post_shown.emit()

    @staticmethod
    def _settle_memory() -> None:
        """Collect once now, then keep the post's many long-lived objects out of later
        collections: a full collection over a large post would otherwise stall typing."""
        gc.unfreeze()  # the previous post's objects may go now
        gc.collect()
        gc.freeze()

    # --- view state across reloads -------------------------------------------------------------------

    def _view_state(self) -> dict[str, Any]:
        return {
            "scroll": self.preview.verticalScrollBar().value(),
            "current": self.outline.current_node_id(),
            "expanded": self.outline.expanded_ids(),
        }

    def _restore_view_state(self, state: dict[str, Any]) -> None:
        self.outline.restore_expanded(state["expanded"])
        if state["current"]:
            self.outline.follow(state["current"])
        # Layout happens lazily: restore the scroll position once the document is laid out.
        QTimer.singleShot(0, lambda: self.preview.verticalScrollBar().setValue(state["scroll"]))

    # --- reload --------------------------------------------------------------------------------------

    def reload(self) -> None:
        if self.current_path is not None:
            self.open_post(self.current_path, keep_state=self.rendered is not None)

    @staticmethod
    def _file_identity(path: Path) -> tuple[int, int, int] | None:
        try:
            info = path.stat()
        except OSError:
            return None
        return (info.st_mtime_ns, info.st_size, info.st_ino)

    def _watch(self, path: Path) -> None:
        self._watched_identity = self._file_identity(path)
        old = self.watcher.files() + self.watcher.directories()
        if old:
            self.watcher.removePaths(old)
        # The folder too: editors that save by writing a new file and renaming it replace the
        # file we watched, and the file watch alone goes quiet.
        self.watcher.addPaths([str(path), str(path.parent)])

    def _on_disk_change(self, _changed: str) -> None:
        self._reload_timer.start()

    def _reload_after_change(self) -> None:
        path = self.current_path
        if path is None or self.rendered is None:
            return
        if not path.exists():
            self.warnings.show_messages([f"{path.name} was deleted or moved; showing the last version read."])
            return
        if self._file_identity(path) == self._watched_identity:
            return  # another file in the folder changed, not this post
        if str(path) not in self.watcher.files():
            self.watcher.addPath(str(path))
        self.open_post(path, keep_state=True)

    # --- links ---------------------------------------------------------------------------------------

    def scroll_to(self, anchor: str) -> None:
        if self.search.matcher is not None and self.preview.match_positions:
            number = self.preview.first_match_at_or_after(anchor)
            if number is not None:  # while searching, a node leads to its first match
                self._go_to_match(number)
                return
        self.preview.scroll_to_id(anchor)

    def follow_link(self, url: QUrl) -> None:
        self.open_link(url.toString())

    def open_link(self, text: str) -> None:
        """What a link does, from the post or the link list: in-page ids scroll, other posts open
        here, web links go to the browser, and nothing else is launched without asking."""
        if text.startswith("#"):
            self.scroll_to(QUrl.fromPercentEncoding(text[1:].encode()))
            return
        if classify_url(text) == "post" and self.current_path is not None:
            path = QUrl.fromPercentEncoding(QUrl(text).path().encode())
            target = (self.current_path.parent / path).resolve()
            if target.is_file():
                self.open_post(target)
                return
        self.open_url(text)

    def open_url(self, text: str) -> None:
        url = QUrl(text)
        if url.scheme().lower() in SAFE_SCHEMES:
            self.open_external(url)
            return
        if url.isLocalFile() or url.isRelative():
            QMessageBox.information(
                self,
                APP_NAME,
                f"This link points to a local file, which Note Viewer does not open:\n{text}",
            )
            return
        answer = QMessageBox.question(
            self,
            APP_NAME,
            f"This link is not a web address:\n{text}\n\nHand it to the system anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.open_external(url)

    def open_external(self, url: QUrl) -> None:
        QDesktopServices.openUrl(url)

    # --- zoom, export, about -------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        self.preview.set_zoom(steps)
        self.settings.zoom = self.preview.zoom

    def export(self, what: str) -> None:
        if self.rendered is None:
            self.statusBar().showMessage("Open a post first.", 4000)
            return
        from viewer.core.export import EXPORTS

        fmt = EXPORTS[what]
        suggested = self.rendered.post.path.with_suffix("").name + (
            "" if fmt.subject == "post" else f"-{fmt.subject}"
        )
        target = self.ask_save_path(f"{suggested}.{fmt.suffix}", fmt.file_filter)
        if target is None:
            return
        if target.resolve() == self.rendered.post.path.resolve():
            QMessageBox.warning(self, APP_NAME, "Choose another file: exporting never overwrites the post.")
            return
        try:
            target.write_text(fmt.make(self.rendered), encoding="utf-8")
        except OSError as exc:
            QMessageBox.warning(self, APP_NAME, f"Could not write {target}:\n{exc.strerror or exc}")
            return
        self.statusBar().showMessage(f"Exported to {target}", 5000)

    def ask_save_path(self, suggested: str, file_filter: str) -> Path | None:
        folder = Path.home()
        name, _ = QFileDialog.getSaveFileName(self, "Export", str(folder / suggested), file_filter)
        return Path(name) if name else None

    def _about(self) -> None:
        from viewer import __version__

        QMessageBox.about(
            self,
            f"About {APP_NAME}",
            f"<b>{APP_NAME}</b> {__version__}<br>A reader for Jekyll Markdown posts: "
            "outline, rendered post, links and search.",
        )
