"""Paging of the portal's long lists: the page asked for, and the previous and next links (the
list's criteria kept in the query, URL-encoded)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

MOST_PAGES = 100_000
"""Pages beyond this one are not asked for (no list is that long)."""


def page_number(page: int | str) -> int:
    """``page`` (a number, or the text of a ``?page=``: 1 unless it is one) within 1 and
    ``MOST_PAGES``."""
    if isinstance(page, str):
        page = int(page) if page.isascii() and page.isdigit() and len(page) <= 9 else 1
    return max(1, min(page, MOST_PAGES))


@dataclass(frozen=True)
class Pager:
    """Where a page is in its list, and the links to the pages around it."""

    page: int
    pages: int | None
    """How many pages there are; None when only whether there is a next one is known."""
    previous_url: str | None
    next_url: str | None

    @classmethod
    def of(
        cls,
        path: str,
        criteria: Mapping[str, str],
        page: int,
        *,
        pages: int | None = None,
        has_next: bool | None = None,
    ) -> Pager:
        """The pager of ``page`` of the list at ``path`` with ``criteria`` (the blank ones left
        out), given the number of ``pages`` or whether the list ``has_next``."""
        kept = {name: value for name, value in criteria.items() if value}

        def url(number: int) -> str:
            return f"{path}?{urlencode(kept | {'page': number})}"

        more = page < pages if pages is not None else bool(has_next)
        return cls(
            page=page,
            pages=pages,
            previous_url=url(page - 1) if page > 1 else None,
            next_url=url(page + 1) if more else None,
        )

    @classmethod
    def counted(cls, path: str, criteria: Mapping[str, str], found: Mapping[str, Any]) -> Pager:
        """The pager of a service's page ``{total, page, size}``."""
        pages = max(1, -(-int(found["total"]) // max(1, int(found["size"]))))
        return cls.of(path, criteria, int(found["page"]), pages=pages)

    @property
    def shown(self) -> bool:
        """Whether there is another page to go to."""
        return bool(self.previous_url or self.next_url)
