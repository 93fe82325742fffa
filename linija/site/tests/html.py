"""Reading rendered pages in tests: the main heading and the links of the main navigation."""

from html.parser import HTMLParser


class PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1: list[str] = []
        self.nav_links: list[tuple[str, str]] = []
        self._in_h1 = False
        self._in_nav = False
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._in_h1, self._text = True, []
        elif tag == "nav" and "site-nav" in (dict(attrs).get("class") or ""):
            self._in_nav = True
        elif tag == "a" and self._in_nav:
            self._href, self._text = dict(attrs).get("href"), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self.h1.append("".join(self._text).strip())
        elif tag == "nav":
            self._in_nav = False
        elif tag == "a" and self._href is not None:
            self.nav_links.append((self._href, "".join(self._text).strip()))
            self._href = None

    def handle_data(self, data: str) -> None:
        if self._in_h1 or self._href is not None:
            self._text.append(data)


def read(response) -> PageReader:
    reader = PageReader()
    reader.feed(response.content.decode())
    return reader
