"""kramdown's footnotes: markers numbered in the order the text references them, and the notes
at the end of the post, each with links back to where it was referenced."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from viewer.core.tree_builder import is_html_block

# kramdown's back-link: ↩, and ↩² … for the later references to the same note.
_BACK = "\u21a9"


class FootnoteTreeprocessor(Treeprocessor):
    """Numbers the footnote markers the span parser left (`sup[data-footnote]`) and adds the
    notes, each rendered into its element by `render_note(element, name)`, as kramdown's
    converter does."""

    def __init__(self, md: Markdown, render_note: Callable[[etree.Element, str], bool]) -> None:
        super().__init__(md)
        self.render_note = render_note

    def run(self, root: etree.Element) -> None:
        numbers: dict[str, int] = {}
        references: dict[str, int] = {}  # how often each note was referenced
        order: list[str] = []
        notes: list[tuple[etree.Element, bool]] = []

        # The list that becomes the table of contents is never written out, nor its references
        # (kramdown's converter replaces it whole: converter/html.rb convert_root).
        toc = next((e for e in root.iter() if e.tag in ("ul", "ol") and e.get("data-toc")), None)
        unwritten = set() if toc is None else {id(marker) for marker in toc.iter("sup")}

        def number_markers(tree: etree.Element) -> None:
            for marker in tree.iter("sup"):
                if id(marker) in unwritten:
                    continue
                name = marker.attrib.pop("data-footnote", None)
                if name is None:
                    continue
                if name in numbers:
                    marker.set("id", f"fnref:{name}:{references[name]}")
                    references[name] += 1
                else:
                    numbers[name] = len(order) + 1
                    references[name] = 1
                    order.append(name)
                    marker.set("id", f"fnref:{name}")
                marker.set("role", "doc-noteref")
                link = etree.SubElement(marker, "a", {"href": f"#fn:{name}", "class": "footnote"})
                link.set("rel", "footnote")
                link.text = str(numbers[name])

        number_markers(root)
        back_links: list[int] = []
        index = 0
        while index < len(order):  # a note may reference further notes
            name = order[index]
            # kramdown gives a note back-links to the references made before it writes the
            # note out (in the text, and in the notes before it), not to those inside it.
            back_links.append(references[name])
            note = etree.Element("li", {"id": f"fn:{name}", "role": "doc-endnote"})
            ends_blank = self.render_note(note, name)
            number_markers(note)
            notes.append((note, ends_blank))
            index += 1
        if not notes:
            return
        # kramdown's markup, with the class names the app's stylesheet knows (kramdown's are
        # div.footnotes and a.reversefootnote).
        container = etree.SubElement(root, "div", {"class": "footnote", "role": "doc-endnotes"})
        listing = etree.SubElement(container, "ol")
        for name, (note, ends_blank), count in zip(order, notes, back_links, strict=True):
            _add_back_links(note, name, count, self.md, ends_blank)
            listing.append(note)


def _add_back_links(note: etree.Element, name: str, count: int, md: Markdown, ends_blank: bool) -> None:
    """kramdown puts the back-links at the end of the note's last paragraph, after a no-break
    space, or in a paragraph of their own (after an HTML block too, or when the note's last
    element is a blank line: converter/html.rb footnote_content looks at the last element)."""
    last = note[-1] if len(note) and not ends_blank else None
    if last is not None and last.tag == "p" and not (last.tail or "").strip() and not is_html_block(last, md):
        paragraph, space = last, "\u00a0"
    else:
        paragraph, space = etree.SubElement(note, "p"), ""
    for number in range(count):
        tail_holder = paragraph[-1] if len(paragraph) else None
        if tail_holder is None:
            paragraph.text = (paragraph.text or "") + (space if number == 0 else "\u00a0")
        else:
            tail_holder.tail = (tail_holder.tail or "") + (space if number == 0 else "\u00a0")
        suffix = "" if number == 0 else f":{number}"
        attrs = {"href": f"#fnref:{name}{suffix}", "class": "footnote-backref", "role": "doc-backlink"}
        link = etree.SubElement(paragraph, "a", attrs)
        link.text = _BACK
        if number:
            etree.SubElement(link, "sup").text = str(number + 1)
