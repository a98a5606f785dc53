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

import mimetypes
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

import weasyprint
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..errors import RenderError
from .templating import NotARegularFile, inside_roots, read_regular_file

#: How the PDF is written. PDF/UA-1 makes it tagged (structure tree, reading order, language, title
#: shown in the window bar) for screen readers and for reflow on small screens. The file identifier
#: is a hash of the content, not a random one, so that the same brief gives the same bytes; the
#: dates in the metadata are the brief's own (``brief.html.j2``), never the clock's.
PDF_OPTIONS: Mapping[str, object] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": True}


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
        # Read here rather than through urllib's handlers, which know about proxies and redirects;
        # a FIFO or device is refused before it is opened, and no symlink is followed on opening.
        try:
            data = read_regular_file(str(path))
        except FileNotFoundError:
            raise ResourceRefused(f"{url}: no such file; check the name the template uses") from None
        except NotARegularFile:
            raise ResourceRefused(
                f"{url}: not a regular file (a folder, FIFO or device); put a plain file in its place"
            ) from None
        except OSError as exc:
            raise ResourceRefused(f"{url}: cannot read it ({exc.strerror or exc}); check its permissions") from None
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), data, {"Content-Type": content_type})

    def _inside_roots(self, host: str, url_path: str) -> Path | None:
        """The real path of a local file URL when it lies inside a root, else None.

        ``realpath`` resolves every symbolic link and ``..`` (also a percent-encoded one, which
        ``urlsplit`` leaves in and ``url2pathname`` decodes), so the check is on where the file is.
        """
        if host not in ("", "localhost"):
            return None
        path = os.path.realpath(url2pathname(url_path))
        return Path(path) if inside_roots(path, self.roots) else None


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
