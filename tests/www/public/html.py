"""A small HTML reader for assertions on what a visitor sees (the standard library's parser)."""

from html.parser import HTMLParser


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs) in document order
        self.texts = {}  # tag name → texts of its elements (headings, title, links…)
        self._open = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        if tag in {"h1", "h2", "h3", "title", "a", "button", "label"}:
            self._open.append([tag, ""])

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index][0] == tag:
                name, text = self._open.pop(index)
                self.texts.setdefault(name, []).append(" ".join(text.split()))
                break

    def handle_data(self, data):
        for item in self._open:
            item[1] += data


def parse(response):
    parser = PageParser()
    parser.feed(response.content.decode())
    return parser


def texts(response, tag):
    return parse(response).texts.get(tag, [])


def elements(response, tag, **attrs):
    """The attribute dicts of the elements `tag` that carry all of `attrs`."""
    return [
        element_attrs
        for name, element_attrs in parse(response).elements
        if name == tag and all(element_attrs.get(key) == value for key, value in attrs.items())
    ]


def links(response):
    """{link text: href} of every link of the page."""
    parser = parse(response)
    anchors = [attrs for name, attrs in parser.elements if name == "a"]
    return dict(zip(parser.texts.get("a", []), (a.get("href") for a in anchors), strict=False))
