"""The window's commands, declared once: id, text, shortcuts, menu and what each does. Menus and
key bindings are built from this table, and a list of shortcuts can be made from it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from types import ModuleType
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from viewer.ui.theme import THEMES
from viewer.ui.translation import LANGUAGE_NAMES, QT_TRANSLATE_NOOP, translate
from viewer.ui.view_options import THEME_ACTIONS

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow

Key = QKeySequence.StandardKey | str
StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str
    text: str
    #: What the action does, given the window.
    slot: Callable[[MainWindow], object]
    shortcuts: tuple[Key, ...] = ()
    #: Where it is offered: a menu path ("&File/&Export"); "" for none (the shortcut works anywhere
    #: in the window).
    menu: str = ""
    #: Within a menu, a separator stands between actions of different groups.
    group: str = ""
    #: A checkable action starts checked (the panels it shows are restored after).
    checkable: bool = False
    #: Checkable actions of the same radio group exclude each other (View ▸ Theme).
    radio: str = ""
    #: False for a line that only says something (View ▸ Language's note).
    enabled: bool = True
    #: Fills {n} in the text (after translation: "Expand to Level &{n}").
    number: int | None = None

    def label(self) -> str:
        """The text in the window's language."""
        text = translate("Actions", self.text)
        return text.format(n=self.number) if self.number is not None else text


#: The Go menu's actions → the field of library.Neighbours each opens (previous is older, as in Jekyll).
NEIGHBOUR_ACTIONS = {
    "go.previous-post": "older",
    "go.next-post": "newer",
    "go.previous-in-category": "older_in_category",
    "go.next-in-category": "newer_in_category",
}
#: View ▸ Expand to Level N goes this deep (Alt+1 … Alt+9); the menu offers the post's depth.
MAX_EXPAND_LEVEL = 9
#: The side panels that can be hidden: name → the id of the action that shows it.
PANEL_ACTIONS = {"outline": "view.show-outline", "links": "view.show-links", "map": "view.show-map"}
#: The menus' titles, marked for translation (the table names each menu by its path of titles).
MENU_TITLES = (
    QT_TRANSLATE_NOOP("Menus", "&File"),
    QT_TRANSLATE_NOOP("Menus", "Open &Recent"),
    QT_TRANSLATE_NOOP("Menus", "&Export"),
    QT_TRANSLATE_NOOP("Menus", "&Edit"),
    QT_TRANSLATE_NOOP("Menus", "&View"),
    QT_TRANSLATE_NOOP("Menus", "T&heme"),
    QT_TRANSLATE_NOOP("Menus", "&Language"),
    QT_TRANSLATE_NOOP("Menus", "&Go"),
    QT_TRANSLATE_NOOP("Menus", "&Help"),
)


def plain(text: str) -> str:
    """An action's text as a name, without its mnemonic and closing dots: "&Open File…" and
    "파일 열기(&O)…" (the mnemonic after the word, as Korean menus write it) → "Open File", "파일 열기"."""
    text = re.sub(r"\s*\(&[^&]\)", "", text.replace("&&", "\0"))
    return text.replace("&", "").replace("\0", "&").rstrip(".…")


def _go(action_id: str, text: str, key: str) -> ActionSpec:
    field = NEIGHBOUR_ACTIONS[action_id]
    return ActionSpec(action_id, text, lambda window: window.reading.open_neighbour(field), (key,))


def _expand_to(level: int) -> Callable[[MainWindow], object]:
    return lambda window: window.outline.expand_to_level(level)


def _find(window: MainWindow) -> None:
    window.focus_mode.reveal_search()  # the search box is in the toolbar, hidden in focus mode
    window.toolbar_icons.reveal_search()  # or behind its overflow button, in a narrow window
    window.search.focus()


def _set_theme(theme: str) -> Callable[[MainWindow], object]:
    return lambda window: window.view_options.set_theme(theme)


def _set_language(language: str) -> Callable[[MainWindow], object]:
    return lambda window: window.view_options.set_language(language)


def _show_shortcuts(window: MainWindow) -> None:
    from viewer.ui.shortcuts_dialog import show_shortcuts

    show_shortcuts(window)


def _show_panel(name: str) -> Callable[[MainWindow], object]:
    return lambda window: window.show_panel(name, window.commands[PANEL_ACTIONS[name]].isChecked())


def _programs() -> ModuleType:
    from viewer.ui import other_programs

    return other_programs


def _printing() -> ModuleType:
    from viewer.ui import printing  # QtPrintSupport loads when first asked for

    return printing


def _exporting() -> ModuleType:
    from viewer.ui import exporting

    return exporting


def window_actions() -> tuple[ActionSpec, ...]:
    """Every command of the window, in menu order."""
    return (*_FILE_ACTIONS, *_export_actions(), *_ACTIONS)


def _in_menu(menu: str, group: str, *specs: ActionSpec) -> tuple[ActionSpec, ...]:
    return tuple(replace(spec, menu=menu, group=group) for spec in specs)


_FILE_ACTIONS = (
    *_in_menu(
        "&File",
        "open",
        ActionSpec(
            "file.open",
            QT_TRANSLATE_NOOP("Actions", "&Open File…"),
            lambda w: w.choose_file(),
            (StandardKey.Open,),
        ),
        ActionSpec(
            "file.open-folder",
            QT_TRANSLATE_NOOP("Actions", "Open &Folder…"),
            lambda w: w.choose_folder(),
            ("Ctrl+Shift+O",),
        ),
    ),
    *_in_menu(
        "&File/Open &Recent",
        "",
        ActionSpec(
            "file.clear-recent",
            QT_TRANSLATE_NOOP("Actions", "Clear List"),
            lambda w: w.settings.clear_recent(),
        ),
    ),
    *_in_menu(
        "&File",
        "open",
        ActionSpec(
            "file.reload",
            QT_TRANSLATE_NOOP("Actions", "&Reload"),
            lambda w: w.reading.reload(),
            (StandardKey.Refresh, "Ctrl+R"),
        ),
    ),
    *_in_menu(
        "&File",
        "post",
        ActionSpec(
            "file.open-in-editor",
            QT_TRANSLATE_NOOP("Actions", "Open in &Editor"),
            lambda w: _programs().open_in_editor(w),
            ("Ctrl+E",),
        ),
        ActionSpec(
            "file.show-in-folder",
            QT_TRANSLATE_NOOP("Actions", "Show in &Folder"),
            lambda w: _programs().show_in_folder(w),
        ),
    ),
    *_in_menu(
        "&File",
        "print",
        ActionSpec(
            "file.print",
            QT_TRANSLATE_NOOP("Actions", "&Print…"),
            lambda w: _printing().print_post(w),
            (StandardKey.Print,),
        ),
    ),
)
_ACTIONS = (
    *_in_menu(
        "&File",
        "search",
        ActionSpec(
            "file.search-library",
            QT_TRANSLATE_NOOP("Actions", "Search the Library…"),
            lambda w: w.search_library(),
            ("Ctrl+Shift+F",),
        ),
    ),
    *_in_menu(
        "&File",
        "quit",
        ActionSpec(
            "file.quit", QT_TRANSLATE_NOOP("Actions", "&Quit"), lambda w: w.close(), (StandardKey.Quit,)
        ),
    ),
    *_in_menu(
        "&Edit",
        "copy",
        ActionSpec(
            "edit.copy-markdown",
            QT_TRANSLATE_NOOP("Actions", "Copy Branch as &Markdown"),
            lambda w: _programs().copy_branch(w),
        ),
    ),
    *_in_menu(
        "&Edit",
        "preferences",
        ActionSpec(
            "edit.preferences",
            QT_TRANSLATE_NOOP("Actions", "&Preferences…"),
            lambda w: _programs().choose_editor(w),
            (StandardKey.Preferences,),
        ),
    ),
    *_in_menu(
        "&View",
        "zoom",
        ActionSpec(
            "view.zoom-in",
            QT_TRANSLATE_NOOP("Actions", "Zoom &In"),
            lambda w: w.zoom_by(1),
            (StandardKey.ZoomIn, "Ctrl+="),
        ),
        ActionSpec(
            "view.zoom-out",
            QT_TRANSLATE_NOOP("Actions", "Zoom &Out"),
            lambda w: w.zoom_by(-1),
            (StandardKey.ZoomOut,),
        ),
        ActionSpec(
            "view.actual-size",
            QT_TRANSLATE_NOOP("Actions", "&Actual Size"),
            lambda w: w.set_zoom(0),
            ("Ctrl+0",),
        ),
    ),
    *_in_menu(
        "&View",
        "tree",
        ActionSpec(
            "view.expand-all",
            QT_TRANSLATE_NOOP("Actions", "&Expand All"),
            lambda w: w.outline.expandAll(),
            ("Ctrl+Shift+E",),
        ),
        ActionSpec(
            "view.collapse-all",
            QT_TRANSLATE_NOOP("Actions", "&Collapse All"),
            lambda w: w.outline.collapseAll(),
            ("Ctrl+Shift+C",),
        ),
        *(
            ActionSpec(
                f"view.expand-to-level-{n}",
                QT_TRANSLATE_NOOP("Actions", "Expand to Level &{n}"),
                _expand_to(n),
                (f"Alt+{n}",),
                number=n,
            )
            for n in range(1, MAX_EXPAND_LEVEL + 1)
        ),
    ),
    *_in_menu(
        "&View",
        "page",
        ActionSpec(
            "view.font",
            QT_TRANSLATE_NOOP("Actions", "&Font…"),
            lambda w: w.view_options.choose_font(),
            ("Ctrl+Shift+T",),
        ),
        ActionSpec(
            "view.readable-width",
            QT_TRANSLATE_NOOP("Actions", "&Readable Line Width"),
            lambda w: w.view_options.set_readable_width(w.commands["view.readable-width"].isChecked()),
            checkable=True,
        ),
    ),
    *_in_menu(
        "&View/T&heme",
        "",
        *(
            ActionSpec(action_id, THEMES[theme], _set_theme(theme), checkable=True, radio="theme")
            for theme, action_id in THEME_ACTIONS.items()
        ),
    ),
    *_in_menu(
        "&View/&Language",
        "languages",
        ActionSpec(
            "view.language-system",
            QT_TRANSLATE_NOOP("Actions", "&System Language"),
            _set_language("system"),
            checkable=True,
            radio="language",
        ),
        *(
            # Each language in its own words: no translation.
            ActionSpec(f"view.language-{code}", name, _set_language(code), checkable=True, radio="language")
            for code, name in LANGUAGE_NAMES.items()
        ),
    ),
    *_in_menu(
        "&View/&Language",
        "note",
        ActionSpec(
            "view.language-note",
            QT_TRANSLATE_NOOP("Actions", "Applies when Note Viewer starts again"),
            lambda w: None,
            enabled=False,
        ),
    ),
    *_in_menu(
        "&View",
        "focus",
        ActionSpec(
            "view.focus-mode",
            QT_TRANSLATE_NOOP("Actions", "F&ocus Mode"),
            lambda w: w.focus_mode.set_on(w.commands["view.focus-mode"].isChecked()),
            ("F11",),
            checkable=True,
        ),
        ActionSpec(
            "view.focus-full-screen",
            QT_TRANSLATE_NOOP("Actions", "Full Screen in Focus Mode"),
            lambda w: w.focus_mode.set_full_screen(w.commands["view.focus-full-screen"].isChecked()),
            checkable=True,
        ),
    ),
    ActionSpec(
        "view.leave-focus",
        QT_TRANSLATE_NOOP("Actions", "Leave Focus Mode"),
        lambda w: w.focus_mode.escape(),
        ("Esc",),
    ),
    *_in_menu(
        "&View",
        "panels",
        ActionSpec(
            "view.show-outline",
            QT_TRANSLATE_NOOP("Actions", "Show Outline"),
            _show_panel("outline"),
            ("Ctrl+Shift+1",),
            checkable=True,
        ),
        ActionSpec(
            "view.show-links",
            QT_TRANSLATE_NOOP("Actions", "Show Links"),
            _show_panel("links"),
            ("Ctrl+Shift+2",),
            checkable=True,
        ),
        ActionSpec(
            "view.show-map",
            QT_TRANSLATE_NOOP("Actions", "Show &Map"),
            _show_panel("map"),
            ("Ctrl+Shift+3",),
            checkable=True,
        ),
    ),
    ActionSpec(
        "focus.outline",
        QT_TRANSLATE_NOOP("Actions", "Go to &Outline"),
        lambda w: w.outline.setFocus(),
        ("Ctrl+1",),
    ),
    ActionSpec(
        "focus.post", QT_TRANSLATE_NOOP("Actions", "Go to &Post"), lambda w: w.preview.setFocus(), ("Ctrl+2",)
    ),
    ActionSpec(
        "focus.links", QT_TRANSLATE_NOOP("Actions", "Go to &Links"), lambda w: w.links.setFocus(), ("Ctrl+3",)
    ),
    *_in_menu(
        "&Go",
        "posts",
        _go("go.previous-post", QT_TRANSLATE_NOOP("Actions", "&Previous Post"), "Alt+PgUp"),
        _go("go.next-post", QT_TRANSLATE_NOOP("Actions", "&Next Post"), "Alt+PgDown"),
        _go(
            "go.previous-in-category", QT_TRANSLATE_NOOP("Actions", "Previous in &Category"), "Alt+Shift+PgUp"
        ),
        _go("go.next-in-category", QT_TRANSLATE_NOOP("Actions", "Next in C&ategory"), "Alt+Shift+PgDown"),
    ),
    *_in_menu(
        "&Go",
        "history",
        ActionSpec(
            "go.back", QT_TRANSLATE_NOOP("Actions", "&Back"), lambda w: w.reading.back(), ("Alt+Left", "Back")
        ),
        ActionSpec(
            "go.forward",
            QT_TRANSLATE_NOOP("Actions", "&Forward"),
            lambda w: w.reading.forward(),
            ("Alt+Right", "Forward"),
        ),
    ),
    *_in_menu(
        "&Go",
        "focus",
        ActionSpec(
            "go.focus-branch",
            QT_TRANSLATE_NOOP("Actions", "F&ocus on This Branch"),
            lambda w: w.reading.focus_on(w.reading.node),
            ("Ctrl+]",),
        ),
        ActionSpec(
            "go.widen-focus",
            QT_TRANSLATE_NOOP("Actions", "&Widen the Focus"),
            lambda w: w.reading.widen(),
            ("Ctrl+[",),
        ),
        ActionSpec(
            "go.unfocus",
            QT_TRANSLATE_NOOP("Actions", "Show the &Whole Post"),
            lambda w: w.reading.unfocus(),
            ("Esc",),
        ),
    ),
    *_in_menu(
        "&Go",
        "filter",
        ActionSpec(
            "go.filter-posts",
            QT_TRANSLATE_NOOP("Actions", "Filter &Posts"),
            lambda w: w.posts.focus_filter(),
            ("Ctrl+L",),
        ),
    ),
    ActionSpec("search.find", QT_TRANSLATE_NOOP("Actions", "Find"), lambda w: _find(w), (StandardKey.Find,)),
    ActionSpec(
        "search.next",
        QT_TRANSLATE_NOOP("Actions", "Find Next"),
        lambda w: w.reading.step_match(1),
        (StandardKey.FindNext,),
    ),
    ActionSpec(
        "search.previous",
        QT_TRANSLATE_NOOP("Actions", "Find Previous"),
        lambda w: w.reading.step_match(-1),
        (StandardKey.FindPrevious,),
    ),
    *_in_menu(
        "&Help",
        "",
        ActionSpec(
            "help.shortcuts",
            QT_TRANSLATE_NOOP("Actions", "&Keyboard Shortcuts"),
            _show_shortcuts,
            ("F1", "Ctrl+/"),
        ),
        ActionSpec("help.about", QT_TRANSLATE_NOOP("Actions", "&About Note Viewer"), lambda w: w.about()),
    ),
)


def _export_actions() -> tuple[ActionSpec, ...]:
    """File ▸ Export: one action per format of the export table the command line uses too."""
    from viewer.core.export import EXPORT_FORMATS

    def export(key: str) -> Callable[[MainWindow], object]:
        return lambda window: _exporting().export_post(window, key)

    def export_map(fmt: str) -> Callable[[MainWindow], object]:
        return lambda window: _exporting().export_map(window, fmt)

    specs = [
        ActionSpec(f"file.export.{fmt.key}", fmt.label, export(fmt.key), (), "&File/&Export", fmt.subject)
        for fmt in EXPORT_FORMATS
        if fmt.in_menu
    ]
    specs += [
        ActionSpec(
            "file.export.map-svg",
            QT_TRANSLATE_NOOP("Actions", "Map as &SVG…"),
            export_map("svg"),
            (),
            "&File/&Export",
            "map",
        ),
        ActionSpec(
            "file.export.map-png",
            QT_TRANSLATE_NOOP("Actions", "Map as P&NG…"),
            export_map("png"),
            (),
            "&File/&Export",
            "map",
        ),
    ]
    # The PDF is laid out by Qt (printing.py), not a text format of the table: after the HTML.
    pdf = ActionSpec(
        "file.export.post-pdf",
        QT_TRANSLATE_NOOP("Actions", "Post as &PDF…"),
        lambda w: _printing().export_pdf(w),
        (),
        "&File/&Export",
        "post",
    )
    last_post = max((n for n, spec in enumerate(specs) if spec.group == "post"), default=len(specs) - 1)
    return (*specs[: last_post + 1], pdf, *specs[last_post + 1 :])


def install_actions(
    window: MainWindow, specs: Iterable[ActionSpec]
) -> tuple[dict[str, QAction], dict[str, QMenu]]:
    """Make the actions of `specs` in the window and put them in its menus (made in the order
    the table first names them). Returns the actions and the menus by id and path."""
    actions: dict[str, QAction] = {}
    menus: dict[str, QMenu] = {}
    groups: dict[str, str] = {}
    radios: dict[str, QActionGroup] = {}

    def menu_at(path: str) -> QMenu:
        if path not in menus:
            parent, _, title = path.rpartition("/")
            title = translate("Menus", title)
            menus[path] = menu_at(parent).addMenu(title) if parent else window.menuBar().addMenu(title)
        return menus[path]

    for spec in specs:
        action = QAction(spec.label(), window)
        action.setShortcuts([QKeySequence(key) for key in spec.shortcuts])
        if spec.checkable:
            action.setCheckable(True)
            action.setChecked(not spec.radio)  # a radio group's choice is checked by its owner
        action.setEnabled(spec.enabled)
        if spec.radio:
            radios.setdefault(spec.radio, QActionGroup(window)).addAction(action)
        action.triggered.connect(lambda _checked=False, slot=spec.slot: slot(window))
        window.addAction(action)  # its shortcut works wherever the focus is in the window
        if spec.menu:
            menu = menu_at(spec.menu)
            if groups.setdefault(spec.menu, spec.group) != spec.group:
                menu.addSeparator()
                groups[spec.menu] = spec.group
            menu.addAction(action)
        actions[spec.id] = action
    return actions, menus
