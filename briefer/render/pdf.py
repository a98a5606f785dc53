"""HTML to PDF with WeasyPrint, offline and confined to the templates folders.

WeasyPrint fetches whatever a document points at: stylesheets, images, fonts, on the network or on
disk. A brief must render the same on an air-gapped machine and must not read files a template was
never meant to see, so the URL fetcher here allows ``data:`` URLs and files inside the templates
folders, and refuses everything else. A refusal stops the rendering (``fail_on_errors``): silently
leaving a logo or font out of a PDF would hide the template's mistake.

Importing this module imports WeasyPrint, which is slow; ``briefer.render`` imports it only when a
PDF is asked for.
"""

from __future__ import annotations

import math
import mimetypes
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

try:
    # WeasyPrint internals, not its API, for _merge_leader_dots below: a WeasyPrint that moved them
    # renders the same PDF, only slower.
    from weasyprint.layout import inline as _weasyprint_inline
    from weasyprint.layout.leader import leader_index as _leader_index
    from weasyprint.text.line_break import split_first_line as _split_first_line
except ImportError:  # pragma: no cover - depends on the WeasyPrint installed
    _weasyprint_inline = None

from ..errors import RenderError

#: How the PDF is written. PDF/UA-1 makes it tagged (structure tree, reading order, language, title
#: shown in the window bar) for screen readers and for reflow on small screens. The file identifier
#: is a hash of the content, not a random one, so that the same brief gives the same bytes; the
#: dates in the metadata are the brief's own (``brief.html.j2``), never the clock's.
PDF_OPTIONS: Mapping[str, object] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}


#: How far (in points) a merged leader may end from where WeasyPrint's separate dots would: Pango
#: measures in 1/1024 pt, so a run of ". " is exactly as wide as its copies unless the font kerns
#: the pair, and then the dots are left as WeasyPrint made them.
LEADER_WIDTH_TOLERANCE = 1e-6


class ResourceRefused(ValueError):
    """A document asked for a resource the PDF renderer does not fetch."""


class LockedURLFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    """A WeasyPrint URL fetcher that reads only ``data:`` URLs and files under the given folders."""

    def __init__(self, roots: Sequence[Path]) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True)
        # Resolved once, so that a symlink inside a templates folder cannot lead outside it.
        self.roots = tuple(Path(os.path.realpath(root)) for root in roots)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        """The resource at ``url``; raises ``ResourceRefused`` for the network and foreign files."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme != "file":
            raise ResourceRefused(
                f"{url}: the PDF renderer fetches nothing from the network; "
                "put the file in the templates folder and refer to it by a relative path"
            )
        path = self._inside_roots(parts.netloc, parts.path)
        if path is None:
            raise ResourceRefused(
                f"{url}: the PDF renderer reads files only from the templates folder(s) "
                f"{', '.join(str(r) for r in self.roots)}; copy the file there"
            )
        if not path.is_file():
            raise ResourceRefused(f"{url}: no such file; check the name the template uses")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        # Read here rather than through urllib's handlers, which know about proxies and redirects.
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": content_type})

    def _inside_roots(self, host: str, url_path: str) -> Path | None:
        """The real path of a local file URL when it lies inside a root, else None."""
        if host not in ("", "localhost"):
            return None
        path = Path(os.path.realpath(url2pathname(url_path)))
        return path if any(path.is_relative_to(root) for root in self.roots) else None


def html_to_pdf(html: str, roots: Sequence[Path]) -> bytes:
    """Lay out ``html`` as a PDF; relative URLs resolve in the first (the user's) templates folder."""
    fetcher = LockedURLFetcher(roots)
    try:
        document = weasyprint.HTML(string=html, base_url=roots[0].as_uri() + "/", url_fetcher=fetcher)
        pdf = document.write_pdf(**PDF_OPTIONS)
    except FatalURLFetchingError as exc:
        # WeasyPrint's own message is only 'Error fetching "url"'; ours, the cause, says what to do.
        reason = exc.__cause__ or exc
        raise RenderError(f"PDF: {_one_line(str(reason))}") from exc
    except Exception as exc:  # noqa: BLE001 - whatever the engine trips on, the brief has no PDF
        raise RenderError(
            f"PDF: WeasyPrint failed ({type(exc).__name__}: {_one_line(str(exc))}); "
            "check brief.css and brief.html.j2 in the templates folder, or leave pdf out of the formats"
        ) from exc
    assert isinstance(pdf, bytes)
    return pdf


def _one_line(text: str) -> str:
    return " ".join(text.split())


# The contents' dot leaders, one text run per line instead of one per dot.
#
# WeasyPrint lays out ``leader(". ")`` as one copy of the ". " text box per dot, each drawn, tagged
# (a marked-content id in the PDF/UA structure tree) and written on its own: the seed brief's
# contents made 366 of its 570 text boxes, the 1,113-article brief's 2,538 of 5,166, about a tenth
# of the PDF's rendering time. After WeasyPrint has placed the dots, the copies are replaced by
# one box holding the same text repeated, starting where the first dot starts: Pango shapes ". "
# repeated as the sum of its copies (checked: otherwise the copies stay), so the dots are drawn at
# the same places (to within the 1/1000 em WeasyPrint rounds glyph positions to in a PDF text
# run, ~0.05 pt at the line's end), the line's layout and the page numbers do not move, and
# the text a reader copies is the same ". . . ".


def _merge_leader_dots(context: object, line: object, containing_block: object) -> None:
    """WeasyPrint's leader layout, then the dots of the line's leader merged into one text box."""
    _merge_leader_dots.__wrapped__(context, line, containing_block)  # type: ignore[attr-defined]
    index, leader_box = _leader_index(line)
    if index is None or len(leader_box.children) < 2:
        return
    dots = sorted(leader_box.children, key=lambda box: box.position_x)
    first = dots[0]
    unit = first.width
    # Right to left only for left-to-right text: Pango would reorder the run in a right-to-left line.
    if first.style["direction"] != "ltr" or unit <= 0:
        return
    if any(
        dot.text != first.text or abs(dot.position_x - first.position_x - i * unit) > LEADER_WIDTH_TOLERANCE
        for i, dot in enumerate(dots)
    ):
        return  # not a gapless row of the same dot: leave it to WeasyPrint
    text = first.text * len(dots)
    layout, _, resume_at, width, _, _ = _split_first_line(
        text, first.style, context, math.inf, first.justification_spacing, is_line_start=False
    )
    if resume_at is not None or abs(width - unit * len(dots)) > LEADER_WIDTH_TOLERANCE:
        return  # the run would not be as wide as the dots it replaces
    merged = first.copy_with_text(text)
    merged.pango_layout = layout
    merged.width = width
    leader_box.children = (merged,)


def _install_leader_merge() -> bool:
    """Wrap WeasyPrint's leader layout with ``_merge_leader_dots``; False if its internals moved."""
    if _weasyprint_inline is None or not callable(getattr(_weasyprint_inline, "handle_leader", None)):
        return False
    current = _weasyprint_inline.handle_leader
    # The original, also when this module is imported a second time (importlib.reload).
    original = getattr(current, "__wrapped__", current)
    _merge_leader_dots.__wrapped__ = original  # type: ignore[attr-defined]  # as functools.wraps does
    _weasyprint_inline.handle_leader = _merge_leader_dots
    return True


#: Whether contents leaders are drawn as one run per line (tested, so that a WeasyPrint upgrade that
#: moves these internals is noticed rather than silently slower).
LEADERS_MERGED = _install_leader_merge()
