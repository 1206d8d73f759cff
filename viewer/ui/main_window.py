"""The main window: layout, menus and wiring. What is being read is the reading state's
(reading.py), which every panel follows; parsing and rendering live in viewer.core."""

from __future__ import annotations

from functools import partial
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QVBoxLayout, QWidget

from viewer.core import POST_SUFFIXES
from viewer.ui import APP_NAME
from viewer.ui.reading import Reading
from viewer.ui.settings import Settings
from viewer.ui.window_size import ReadingSplitter, restore_geometry

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QMenu

    from viewer.core.library import PostSummary
    from viewer.core.render import RenderedPost
    from viewer.ui.focus_mode import FocusMode
    from viewer.ui.library import Library
    from viewer.ui.library_search import LibrarySearchDialog
    from viewer.ui.links_panel import LinksPanel
    from viewer.ui.map_view import MapPanel
    from viewer.ui.outline_panel import OutlinePanel
    from viewer.ui.posts_panel import PostsPanel
    from viewer.ui.preview import PostView
    from viewer.ui.search_bar import SearchBar
    from viewer.ui.toolbar import Toolbar
    from viewer.ui.view_options import ViewOptions


def default_panel_widths(window_width: int) -> list[int]:
    """Tree, post and links for a first start: the side panels grow a little with the screen (the
    link list shows a link's text, host and section at 300 px), the post takes the rest."""
    tree = min(max(round(window_width * 0.21), 260), 340)
    links = min(max(round(window_width * 0.24), 300), 420)
    return [tree, max(window_width - tree - links, 400), links]


#: Indexing fewer posts than this shows no progress bar.
PROGRESS_FROM_POSTS = 100


class MainWindow(QMainWindow):
    #: Emitted when a post finished rendering and is on screen (tests and the smoke test wait on it).
    post_shown = Signal()
    #: Emitted when the opened folder's library index is up to date.
    library_indexed = Signal()

    settings: Settings
    reading: Reading
    outline: OutlinePanel
    preview: PostView
    links: LinksPanel
    map: MapPanel
    search: SearchBar
    #: The window's commands by id (see actions.py).
    commands: dict[str, QAction]
    view_options: ViewOptions
    focus_mode: FocusMode
    toolbar_icons: Toolbar

    def __init__(self, settings: Settings, parent: QWidget | None = None, build_now: bool = True) -> None:
        """With `build_now=False` only the bare window exists until `build()`: the app shows it
        first and builds the panels after the first paint (their modules take a while to load)."""
        super().__init__(parent)
        self.settings = settings
        self.reading = Reading(self)
        #: The folder whose posts are listed (None: no library open).
        self.folder: Path | None = None
        self._library: Library | None = None
        self.library_dialog: LibrarySearchDialog | None = None
        self._geometry_restored = False
        self._start_in_folder = False
        self.reading.opening.connect(lambda _path: setattr(self, "_start_in_folder", False))
        self.setWindowTitle(APP_NAME)
        self.setAcceptDrops(True)
        if settings.theme != "system":
            from viewer.ui.theme import apply_theme

            apply_theme(settings.theme)  # before the first paint: no flash of the other colours
        if build_now:
            self.build()
        self._restore_geometry()

    @property
    def library(self) -> Library:
        """The open folder's posts and index, made when first needed: a post opened on its own
        is painted without it (its threads and watchers take a while to set up)."""
        if self._library is None:
            from viewer.ui.library import Library

            self._library = Library(self)
            self._library.listed.connect(self._show_library)
            self._library.progress.connect(self._show_index_progress)
            self._library.failed.connect(self._on_library_failed)
        return self._library

    def build(self) -> None:
        """Create the panels, menus and toolbar, and restore how they were left."""
        self._build_widgets()
        self.preview.know_viewport()
        self._build_actions()
        self._connect_reading()
        self._restore_layout()
        self._enable_go_actions()  # nothing to go back to yet
        self.setContentsMargins(0, 0, 0, 0)
        if self.reading.rendered is None:  # else the post was shown before the rest was built
            self.show_welcome()
        if self._geometry_restored:  # the window was shown before it was built
            self._restore_focus_mode()

    def show_opening(self, path: Path) -> None:
        """Say that `path` is being opened (in the post's place, when no post is shown yet)."""
        opening = self.tr("Opening {name}…").format(name=path.name)
        self.statusBar().showMessage(opening)
        if self.reading.rendered is None:  # not the welcome page while a long post is read
            self.preview.show_message(opening, self.tr("A long post takes a second or two."))

    def show_welcome(self) -> None:
        """The post's place when nothing is open: what to do, and the recent files."""
        from viewer.ui.empty_states import welcome

        self.preview.show_message(*welcome(self.settings.recent_paths))

    # --- layout --------------------------------------------------------------------------------------

    def build_post_view(self) -> None:
        """Only what the first paint of a post needs: the post and its header, where they will
        be, beside empty places of the side panels' restored widths. `build()` adds the rest
        (their modules and widgets take as long again to load and make as all of this)."""
        from viewer.ui.post_header import PostHeader
        from viewer.ui.preview import PostView

        self.header = PostHeader(self.reading, self)
        self.preview = PostView(self.reading, self)
        # Posts are laid out in the reader's page style and zoom from the first one on.
        self.preview.set_page_style(self.settings.page_style)
        self.preview.set_zoom(self.settings.zoom)
        self.reading.set_look(self.preview.look)
        self.preview.look_changed.connect(self.reading.set_look)
        self.header.set_page_font(self.preview.look.font)
        self.preview.look_changed.connect(lambda look: self.header.set_page_font(look.font))
        middle = QWidget(self)
        self._column = QVBoxLayout(middle)
        self._column.setContentsMargins(0, 0, 0, 0)
        self._column.setSpacing(0)  # the header and the post read as one page
        self._column.addWidget(self.header)
        self._column.addWidget(self.preview, 1)
        self.splitter = ReadingSplitter(post_column=1, parent=self)
        for name, widget in (("outline", QWidget(self)), ("", middle), ("links", QWidget(self))):
            self.splitter.addWidget(widget)
            if name:
                widget.setVisible(self.settings.panel_visible(name))
        self.splitter.setStretchFactor(1, 1)
        # Wanted widths for a first start, fitted to the window: see ReadingSplitter.
        self.splitter.setSizes(default_panel_widths(max(self.width(), 1280)))
        sizes = self.settings.window_state("splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)
        self.setCentralWidget(self.splitter)
        self.reading.post_changed.connect(self._show_title)
        # The menu bar and toolbar come with the rest: their place is kept, so that the post
        # does not move down when they arrive.
        top = self.settings.top_bars_height or 2 * self.fontMetrics().height() + 36
        self.setContentsMargins(0, top, 0, 0)

    def _build_widgets(self) -> None:
        # Qt's namespace and these classes after the first paint: PySide6 sets up a class's
        # enums when it is first named (Qt's: 15 ms).
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressBar

        from viewer.ui.breadcrumb_bar import BreadcrumbBar
        from viewer.ui.links_panel import LinksPanel
        from viewer.ui.map_view import MapPanel
        from viewer.ui.outline_panel import OutlinePanel
        from viewer.ui.place_note import PlaceNote
        from viewer.ui.search_bar import SearchBar
        from viewer.ui.warning_bar import WarningBar

        if not hasattr(self, "preview"):
            self.build_post_view()
        reading = self.reading
        self._posts: PostsPanel | None = None
        posts_place = QWidget(self)  # the post list's, until a folder is open (see `posts`)
        posts_place.hide()
        self.outline = OutlinePanel(reading, self)
        self.left = QSplitter(Qt.Orientation.Vertical, self)
        self.left.addWidget(posts_place)
        self.left.addWidget(self.outline)
        self.left.setStretchFactor(0, 2)
        self.left.setStretchFactor(1, 3)
        self.links = LinksPanel(reading, self)
        for index, panel in ((0, self.left), (2, self.links)):
            place = self.splitter.replaceWidget(index, panel)
            if place is not None:
                place.deleteLater()

        self.warnings = WarningBar(reading, self)
        self.breadcrumbs = BreadcrumbBar(reading, self)
        self.place_note = PlaceNote(reading, self)
        self.map = MapPanel(reading, self, side="right" if self.settings.map_side == "right" else "balanced")
        self.map.side_changed.connect(lambda side: setattr(self.settings, "map_side", side))
        self.post_and_map = QSplitter(Qt.Orientation.Horizontal, self)
        self._column.replaceWidget(self.preview, self.post_and_map)
        self.post_and_map.addWidget(self.preview)
        self.post_and_map.addWidget(self.map)
        self.post_and_map.setSizes([500, 500])
        self._column.setStretchFactor(self.post_and_map, 1)
        self._column.insertWidget(0, self.warnings)
        self._column.insertWidget(2, self.breadcrumbs)  # after the header
        self._column.insertWidget(3, self.place_note)
        # The Tab key goes as the eye does: the buttons of the bars above the post (made after it),
        # then the post.
        chain = [
            self.outline,
            self.warnings.close_button,
            self.place_note.top_button,
            self.place_note.close_button,
            self.breadcrumbs.close_button,
            self.preview,  # made before the rest: see build_post_view
            self.map.sides,
            self.map.view,
            self.links,
        ]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

        self.toolbar = self.addToolBar(self.tr("Main"))
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.search = SearchBar(reading, self)
        self.search.finished.connect(lambda: self.preview.setFocus(Qt.FocusReason.OtherFocusReason))
        self.statusBar().setSizeGripEnabled(True)
        self.index_progress = QProgressBar(self)
        self.index_progress.setMaximumWidth(220)
        self.index_progress.setFormat(self.tr("Indexing %v / %m"))
        self.index_progress.setAccessibleName(self.tr("Indexing the folder"))
        self.index_progress.hide()
        self.statusBar().addPermanentWidget(self.index_progress)

    @property
    def posts(self) -> PostsPanel:
        """The post list of the open folder, made when first asked for: a post opened on its own
        shows without it (it takes a while to build)."""
        if self._posts is None:
            from viewer.ui.posts_panel import PostsPanel

            panel = PostsPanel(self.reading, self)
            panel.set_order(self.settings.post_order)
            panel.order_changed.connect(lambda order: setattr(self.settings, "post_order", order))
            panel.select(self.reading.path)
            # In its place's size and visibility, so the outline below it does not move.
            place = self.left.replaceWidget(0, panel)
            if place is not None:
                place.deleteLater()
            self._posts = panel
        return self._posts

    def _build_actions(self) -> None:
        from viewer.ui.actions import install_actions, window_actions
        from viewer.ui.focus_mode import FocusMode
        from viewer.ui.mouse_navigation import MouseNavigation
        from viewer.ui.toolbar import Toolbar
        from viewer.ui.view_options import ViewOptions

        self.commands, menus = install_actions(self, window_actions())
        self.recent_menu: QMenu = menus["&File/Open &Recent"]
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.mouse_navigation = MouseNavigation(self, self.commands["go.back"], self.commands["go.forward"])
        self.toolbar_icons = Toolbar(self, self.toolbar)
        self.view_options = ViewOptions(self)
        self.focus_mode = FocusMode(self)
        self._offer_expand_levels(None)

    def _connect_reading(self) -> None:
        """What goes through the window: links to follow, changes on disk, the status bar."""
        from viewer.ui.link_policy import LinkPolicy
        from viewer.ui.other_programs import install_tree_menu
        from viewer.ui.post_watcher import PostWatcher

        install_tree_menu(self)

        reading = self.reading
        self.link_policy = LinkPolicy(reading, self)
        self.preview.link_clicked.connect(self.link_policy.follow_url)
        self.preview.open_requested.connect(self.open_path)
        self.preview.column_changed.connect(self.header.set_column)
        self.links.open_url.connect(self.link_policy.follow)
        self.post_watcher = PostWatcher(reading, self)
        self.post_watcher.vanished.connect(lambda message: self.warnings.show_messages([message]))
        self.outline.matches_capped.connect(self._say_outline_capped)
        reading.opening.connect(self.show_opening)
        reading.post_changed.connect(self._show_reading)
        reading.neighbours_changed.connect(self._enable_go_actions)
        reading.history_changed.connect(self._enable_go_actions)
        reading.focus_changed.connect(self._enable_go_actions)
        reading.post_changed.connect(self.post_shown)  # last: every view shows the post by then

    def show_panel(self, name: str, visible: bool) -> None:
        self._panels()[name].setVisible(visible)
        self.settings.set_panel_visible(name, visible)

    def _panels(self) -> dict[str, QWidget]:
        return {"outline": self.left, "links": self.links, "map": self.map}

    def _restore_layout(self) -> None:
        from viewer.ui.actions import PANEL_ACTIONS

        state = self.settings.window_state("state")
        if state is not None:
            self.restoreState(state)
        for key, splitter in self._splitters().items():
            sizes = self.settings.window_state(key)
            if sizes is not None:
                splitter.restoreState(sizes)
        for name, widget in self._panels().items():
            visible = self.settings.panel_visible(name)
            widget.setVisible(visible)
            self.commands[PANEL_ACTIONS[name]].setChecked(visible)
        self.preview.set_zoom(self.settings.zoom)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter, "left_splitter": self.left, "post_splitter": self.post_and_map}

    def _restore_geometry(self) -> None:
        # After the panels: hiding a panel of a window not yet shown would shrink it again.
        restore_geometry(self, self.settings.window_state("geometry"))
        self._geometry_restored = True
        if hasattr(self, "focus_mode"):  # built already
            self._restore_focus_mode()

    def _restore_focus_mode(self) -> None:
        if self.settings.focus_mode:
            self.focus_mode.set_on(True)

    def busy(self) -> bool:
        """Work of the window is still running in the background (a render, an index update)."""
        return self.reading.busy() or (self._library is not None and self._library.busy())

    def closeEvent(self, event: QCloseEvent) -> None:
        if not hasattr(self, "focus_mode"):  # closed before it was built: nothing to keep
            self.reading.abandon()
            super().closeEvent(event)
            return
        geometry = self.focus_mode.leave_for_close()  # the window's own layout is what is saved
        toolbar = self.toolbar.sizeHint().height() if self.toolbar.isVisibleTo(self) else 0
        self.settings.top_bars_height = self.menuBar().sizeHint().height() + toolbar
        self.settings.set_window_state("geometry", geometry)
        self.settings.set_window_state("state", self.saveState())
        for key, splitter in self._splitters().items():
            self.settings.set_window_state(key, splitter.saveState())
        self.settings.sync()
        self.reading.save_place()
        if self._library is not None:
            self._library.quit()
            self._library.wait(5000)
        # A render still running is not waited for: it cannot be stopped half-way, and its
        # result is not wanted (the app leaves without it: see app.run).
        self.reading.abandon()
        super().closeEvent(event)

    # --- the post being read -------------------------------------------------------------------------

    def _show_title(self, rendered: RenderedPost | None) -> None:
        title = rendered.post.metadata.title if rendered is not None else ""
        self.setWindowTitle(f"{title} — {APP_NAME}" if title else APP_NAME)

    def _show_reading(self, rendered: RenderedPost | None) -> None:
        if rendered is None:
            from viewer.ui.core_texts import post_message

            self.statusBar().showMessage(post_message(self.reading.problem), 10000)
        else:
            self.settings.add_recent(str(rendered.post.path))
            self.statusBar().showMessage(str(rendered.post.path), 4000)
        self._enable_go_actions()
        self._offer_expand_levels(rendered)

    def _offer_expand_levels(self, rendered: RenderedPost | None) -> None:
        """Expand to Level 1 … the post's depth (up to 9): deeper levels would show nothing more."""
        from viewer.core.outline import walk
        from viewer.ui.actions import MAX_EXPAND_LEVEL

        depth = max((level + 1 for level, _ in walk(rendered.outline)), default=1) if rendered else 1
        for n in range(1, MAX_EXPAND_LEVEL + 1):
            self.commands[f"view.expand-to-level-{n}"].setVisible(n <= max(depth, 1))

    def _enable_go_actions(self) -> None:
        from viewer.ui.actions import NEIGHBOUR_ACTIONS

        for action_id, key in NEIGHBOUR_ACTIONS.items():
            target = getattr(self.reading.neighbours, key, None)
            self.commands[action_id].setEnabled(target is not None)
            self.commands[action_id].setStatusTip(target.title if target else "")
        reading = self.reading
        self.commands["go.back"].setEnabled(reading.history.can_go_back)
        self.commands["go.forward"].setEnabled(reading.history.can_go_forward)
        for action_id in ("go.widen-focus", "go.unfocus"):  # Esc is free for other uses otherwise
            self.commands[action_id].setEnabled(bool(reading.focus))
        self.commands["go.focus-branch"].setEnabled(reading.rendered is not None)

    def _say_outline_capped(self, matching: int) -> None:
        from viewer.ui.outline_panel import MAX_FILTERED_MATCHES

        message = self.tr(
            "The outline shows the first {shown} of %Ln matching node(s); type more to narrow the search.",
            "",
            matching,
        )
        self.statusBar().showMessage(message.format(shown=MAX_FILTERED_MATCHES), 8000)

    # --- opening -------------------------------------------------------------------------------------

    def open_path(self, path: Path) -> None:
        path = Path(path).expanduser()
        try:
            folder = path.is_dir()
        except OSError:  # on a way that may not be entered: read as a post, which says so
            folder = False
        if folder:
            self.open_folder(path)
        else:
            self.reading.open(path)
            self.list_site_around(path)

    def list_site_around(self, post: Path) -> None:
        """A post of a Jekyll site opened on its own (from a file manager, say): list the site's
        posts around it, for previous and next."""
        from viewer.core.site import find_site

        site, resolved = find_site(post), post.resolve()
        if site is None or (self.folder is not None and self.folder in resolved.parents):
            return
        if {"_posts", "_drafts"} & set(resolved.relative_to(site.root).parts[:-1]):
            self.open_folder(site.root, remember=False)

    def open_folder(self, folder: Path, remember: bool = True) -> None:
        """List the posts of `folder` (and index them); `remember` puts it in Open Recent."""
        folder = Path(folder).expanduser().resolve()
        self.folder = folder
        self.reading.allow_images_from((folder,))  # the reader chose this folder: its images too
        # Its first post opens when the list arrives, unless the reader opens a post meanwhile
        # (later re-checks of the folder never replace the post being read).
        self._start_in_folder = True
        self.statusBar().showMessage(self.tr("Reading {folder}…").format(folder=folder))
        self.posts.set_posts([])
        self.posts.show_placeholder(self.tr("Reading the folder…"))
        self.posts.show()
        if self.reading.path is None:
            self.preview.show_message(
                self.tr("Reading the folder…"),
                self.tr("The posts of {folder} are listed on the left.").format(folder=folder),
            )
        self.library.open(folder)
        if remember:
            self.settings.add_recent(str(folder))

    def choose_file(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.reading.path.parent) if self.reading.path else ""
        patterns = " ".join(f"*{suffix}" for suffix in sorted(POST_SUFFIXES))
        file_types = self.tr("Markdown posts ({patterns});;All files (*)").format(patterns=patterns)
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Open Post"), start, file_types)
        if name:
            self.open_path(Path(name))

    def choose_folder(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        name = QFileDialog.getExistingDirectory(self, self.tr("Open Folder or Jekyll Site"))
        if name:
            self.open_folder(Path(name))

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        from viewer.ui.empty_states import name_and_folder

        # "&1 name — folder", as on the welcome page; the whole path in the status bar.
        for number, entry in enumerate(self.settings.recent_paths, 1):
            name, folder = (part.replace("&", "&&") for part in name_and_folder(entry))
            key = f"&{number} " if number < 10 else ""
            action = self.recent_menu.addAction(f"{key}{name} — {folder}")
            action.setStatusTip(entry)
            action.triggered.connect(partial(self.open_path, Path(entry)))
        if not self.settings.recent_paths:
            self.recent_menu.addAction(self.tr("No recent files")).setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.commands["file.clear-recent"])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile():
                self.open_path(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return

    # --- library -------------------------------------------------------------------------------------

    def _show_library(self, posts: list[PostSummary], fresh: bool) -> None:
        self.posts.set_posts(posts)
        self.reading.set_library(posts)
        if fresh:
            self.index_progress.hide()
            message = self.tr("%Ln post(s) in {folder} (Ctrl+Shift+F searches them)", "", len(posts))
            self.statusBar().showMessage(message.format(folder=self.folder), 5000)
            self.library_indexed.emit()
        path = self.reading.path
        if not posts and fresh and path is None:
            from viewer.ui.empty_states import no_posts

            self.preview.show_message(*no_posts(self.folder))
        elif posts and self._start_in_folder and (path is None or self.folder not in path.parents):
            # Nothing of this folder is shown yet: start with the first post of the list.
            first = self.posts.first_path()
            if first is not None:
                self.reading.open(first)

    def _show_index_progress(self, done: int, total: int) -> None:
        if total < PROGRESS_FROM_POSTS:
            return  # over before a bar could be read
        self.index_progress.setRange(0, total)
        self.index_progress.setValue(done)
        self.index_progress.show()
        if not self.posts.posts:
            self.posts.show_placeholder(
                self.tr("Indexing {done} of %Ln post(s)…", "", total).format(done=f"{done:,}")
            )

    def _on_library_failed(self, message: str) -> None:
        self.index_progress.hide()
        text = self.tr("The library index could not be updated: {problem}").format(problem=message)
        self.statusBar().showMessage(text, 10000)

    def changeEvent(self, event: QEvent) -> None:
        # Back from the editor: pick up what changed in the folder meanwhile.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow() and self.folder:
            self.library.rescan_soon()
        super().changeEvent(event)

    def search_library(self) -> None:
        """Ctrl+Shift+F: search every post of the open folder (or the current post's folder)."""
        folder = self._library_folder()
        if folder is None:
            self.statusBar().showMessage(self.tr("Open a folder first."), 4000)
            return
        if self.library_dialog is None:
            from viewer.ui.library_search import LibrarySearchDialog

            self.library_dialog = LibrarySearchDialog(self)
            self.library_dialog.query_changed.connect(self._run_library_search)
            self.library_dialog.result_chosen.connect(self._open_library_result)
            self.library.searched.connect(self.library_dialog.show_results)
            self.library.outlines_stored.connect(self.library_dialog.ask_again_for_paths)
        self.library_dialog.show_message(self.tr("Searching {folder}").format(folder=folder))
        self.library_dialog.show()
        self.library_dialog.raise_()
        self.library_dialog.activateWindow()
        self.library_dialog.edit.setFocus()

    def _library_folder(self) -> Path | None:
        """What the library search covers: the open folder, else the current post's folder."""
        return self.folder or (self.reading.path.parent if self.reading.path else None)

    def _run_library_search(self, query: str, composing: str) -> None:
        folder = self._library_folder()
        if folder is not None:
            self.library.search(folder, query, composing)

    def _open_library_result(self, path: Path, query: str) -> None:
        """Open the post at the match: the search in the post is set to the query."""
        self.search.set_query(query)
        self.reading.open(path, keep_search=True)

    # --- zoom, about -------------------------------------------------------------------------

    def set_zoom(self, steps: int) -> None:
        self.preview.set_zoom(steps)
        self.settings.zoom = self.preview.zoom

    def zoom_by(self, steps: int) -> None:
        self.set_zoom(self.preview.zoom + steps)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from viewer import __version__

        QMessageBox.about(
            self,
            self.tr("About {name}").format(name=APP_NAME),
            f"<b>{APP_NAME}</b> {__version__}<br>"
            + self.tr("A reader for Jekyll Markdown posts: outline, rendered post, links and search."),
        )
