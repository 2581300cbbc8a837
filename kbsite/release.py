"""What `build --release` adds to the checks: nothing readers rely on to find or reach us may be a placeholder.

Pure: the knowledge base and the text of mkdocs.yml in, problems out (data paths for data/faq.yaml, a
file:line:col for mkdocs.yml). A preview build keeps working with placeholders; a release refuses them.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from .errors import DataPath, Location, Problem
from .model import KnowledgeBase

__all__ = ["PLACEHOLDER_WORDS", "is_placeholder_host", "release_problems", "publisher_problems"]

PLACEHOLDER_WORDS = re.compile(r"\b(?:TODO|TBD|FIXME|XXX|placeholder|lorem ipsum|not stated yet|aún no indicado)\b",
                               re.I)
"""Words that mark text someone meant to fill in later (the Spanish edition's 'Aún no indicado' too)."""

_RESERVED_DOMAINS = ("example.com", "example.org", "example.net")
_RESERVED_SUFFIXES = (".example", ".test", ".invalid", ".localhost")  # RFC 2606 and RFC 6761 names
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1")


def is_placeholder_host(host: str) -> bool:
    """A host that can never be the real site or mailbox: example.org and the other reserved or local names."""
    host = host.lower().rstrip(".")
    return (host in _LOCAL_HOSTS or any(host == d or host.endswith("." + d) for d in _RESERVED_DOMAINS)
            or host.endswith(_RESERVED_SUFFIXES))


def release_problems(kb: KnowledgeBase, config_text: str, config_file: str = "mkdocs.yml") -> list[Problem]:
    """Every placeholder a release must not publish: the site's address, the contact, and the publisher's details."""
    problems = _site_url_problems(config_text, config_file)
    contact = kb.site.contact
    host = contact.rpartition("@")[2] if "@" in contact and "://" not in contact else (urlsplit(contact).hostname or "")
    if is_placeholder_host(host) or PLACEHOLDER_WORDS.search(contact):
        problems.append(Problem(DataPath("faq", ("site", "contact")),
                                f"site.contact: {contact!r} is a placeholder; give a contact page or an email "
                                "address that readers can really reach"))
    return problems + publisher_problems(kb)


def publisher_problems(kb: KnowledgeBase) -> list[Problem]:
    """The publisher's details (in any edition's language) that are still placeholders."""
    hints = {"publisher": "name who publishes the site", "funding": "say who pays for the site, or that no one does",
             "conflicts": "declare the publisher's links to clinics, drug makers or products, or that there are none"}
    problems = []
    for name, hint in hints.items():
        value = getattr(kb.site, name)
        if PLACEHOLDER_WORDS.search(value):
            problems.append(Problem(DataPath("faq", ("site", name)),
                                    f"site.{name}: '{_short(value)}' is a placeholder; {hint}"))
    return problems


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit].rstrip() + "..."


def _site_url_problems(config_text: str, config_file: str) -> list[Problem]:
    """site_url must be the real https:// address: canonical links, og:url and sitemap.xml are built from it."""
    try:
        root = yaml.compose(config_text, Loader=yaml.SafeLoader)  # composing only: MkDocs' custom tags are fine
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(config_file, mark.line + 1, mark.column + 1) if mark else Location(config_file)
        return [Problem(where, f"YAML syntax error: {getattr(exc, 'problem', None) or exc}")]
    node = None
    if isinstance(root, yaml.MappingNode):
        node = next((value for key, value in root.value
                     if isinstance(key, yaml.ScalarNode) and key.value == "site_url"), None)
    if not isinstance(node, yaml.ScalarNode) or not node.value.strip():
        where = Location(config_file, node.start_mark.line + 1, node.start_mark.column + 1) if node else \
            Location(config_file, 1, 1)
        return [Problem(where, "site_url: is not set; set it to the site's real address, such as "
                               "https://YOUR-NAME.github.io/REPO-NAME/")]
    url = node.value.strip()
    where = Location(config_file, node.start_mark.line + 1, node.start_mark.column + 1)
    if is_placeholder_host(urlsplit(url).hostname or ""):
        return [Problem(where, f"site_url: {url!r} is a placeholder; set it to the site's real address, such as "
                               "https://YOUR-NAME.github.io/REPO-NAME/")]
    if not url.startswith("https://"):
        return [Problem(where, f"site_url: {url!r} must start with https://, so readers' connections stay private")]
    return []
