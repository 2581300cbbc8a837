"""Render the knowledge base into Markdown pages through the Jinja templates in templates/."""

from __future__ import annotations

import datetime as dt
import functools
import os
import json
import re
import sys
from pathlib import Path, PurePosixPath
from typing import Any

import jinja2

from .errors import Location, Problem, RenderError
from .model import EVIDENCE_LEVELS, OPTION_ROWS, Faq, KnowledgeBase, Page, Reference, Review
from .translation import LANGUAGES as LANGUAGE_NAMES
from .pages import (
    CITED_COLLECTIONS,
    FAQ_SPLIT_ABOVE,
    GENERATED_MARK,
    PAGE_FILES,
    PAGE_TEMPLATES,
    edition_href,
    edition_path,
    faq_group_files,
    page_file,
    page_of_entry,
)
from .glossary import definitions, mark_first_uses
from .pictures import icon_arrays
from .text import plain_text
from .words import MONTHS, Words

__all__ = ["GENERATED_MARK", "render_pages", "make_environment", "nav", "clinical_reviews", "rechecks", "cite"]

_TITLE_FIELD = {"topics": "heading", "conditions": "name", "treatment": "heading", "side_effects": "name",
                "not_suitable_for": "who", "faqs": "question", "corrections": "claim",
                "options": "name", "also_ask_about": "name", "clinic_questions": "question"}
"""The field that names an entry to a reader (its heading on the page)."""
_UNMARKED_PAGES = {PAGE_FILES["glossary"], PAGE_FILES["references"]}
"""Pages whose words are not marked with tooltips: the glossary defines them in full, references are titles."""
_ANCHORED = {"conditions", "faqs", "corrections", "options", "also_ask_about", "clinic_questions"}
"""Collections whose templates give each entry its id as a link anchor."""


def make_environment(templates: Path, words: Words | None = None) -> jinja2.Environment:
    """A Jinja environment that fails on any undefined name, with this project's filters, in one language.

    Templates write their own words as `_("Sources")` (Jinja's i18n extension); `words` looks them up
    (English, as written, by default).

    Compiled templates are kept in .cache/jinja beside templates/ (Jinja's own bytecode cache, checked
    against each template's modification time), so a run whose templates did not change skips compiling.
    """
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates)),
        bytecode_cache=_bytecode_cache(templates.parent / ".cache" / "jinja"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # the output is Markdown; text fields cannot hold HTML (see model._safe_text)
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,  # one environment per render: no need to stat every template on every include
        extensions=["jinja2.ext.i18n"],
    )
    words = words or Words()
    words.install(env)
    env.filters.update(long_date=lambda day: long_date(day, words))
    return env


def _bytecode_cache(folder: Path) -> jinja2.BytecodeCache | None:
    if os.environ.get("KBSITE_NO_CACHE", "") not in ("", "0"):
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a read-only project: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))


def render_pages(kb: KnowledgeBase, templates: Path, words: Words | None = None,
                 languages: tuple[str, ...] = ("en",)) -> dict[PurePosixPath, str]:
    """Every generated file of one edition, by its path in that edition, with its Markdown text.

    `words` gives the language (English by default); `languages` are every edition built, for the language
    switch and the hreflang links.
    """
    words = words or Words()
    language = words.language
    env = make_environment(templates, words)
    references = {ref.id: (n, ref) for n, ref in enumerate(kb.references, start=1)}
    pages = {p.id: p for p in kb.pages}
    groups = _groups(kb)
    # a large FAQ becomes an index (faq_index: group -> file) plus one page per group
    group_files = faq_group_files(groups) if len(kb.faqs) > FAQ_SPLIT_ABOVE else {}
    reviews = clinical_reviews(kb)

    @functools.lru_cache(maxsize=None)  # many entries cite the same few references, in the same order
    def cited(ids: tuple[str, ...]) -> str:
        return cite(list(ids), references, words)

    context = {
        "kb": kb, "site": kb.site, "pages": pages, "files": PAGE_FILES, "evidence_levels": EVIDENCE_LEVELS,
        "cite": lambda ids: cited(tuple(ids)),
        "icon_arrays": lambda counts: icon_arrays(counts, words), "option_rows": OPTION_ROWS,
        "faq_groups": groups, "faq_index": group_files, "faq_group": "",
        "clinical_reviews": reviews, "rechecks": rechecks(kb, group_files), "contact_link": _contact_link(kb.site.contact),
        "changes": sorted(kb.changes, key=lambda change: change.date, reverse=True),  # newest first, stable
    }
    out: dict[PurePosixPath, str] = {}

    def edition(file: PurePosixPath, page: Page, faqs: list[Faq]) -> dict[str, Any]:
        """The front matter (in its language, with every edition's address) and the language switch."""
        alternates = {lang: edition_path(file, lang) for lang in languages}
        switch = [{"language": lang, "name": LANGUAGE_NAMES[lang], "href": edition_href(file, language, lang)}
                  for lang in languages if lang != language]
        return {"page": page, "editions": switch,
                "front_matter": _front_matter(kb, page, faqs, reviews.get(page.id), words, alternates)}

    for page_id, template_name in PAGE_TEMPLATES.items():
        page = pages.get(page_id)
        if page is None:
            continue  # checks report the missing page
        faqs = kb.faqs if page_id == "faq" and not group_files else []
        file = page_file(page_id)
        out[file] = _render(env, template_name, {**context, **edition(file, page, faqs)})
    if "faq" in pages:
        for group, file in group_files.items():
            page = _group_page(pages["faq"], group, len(groups[group]), words)
            out[file] = _render(env, PAGE_TEMPLATES["faq"], {
                **context, **edition(file, page, groups[group]),
                "faq_groups": {group: groups[group]}, "faq_index": {}, "faq_group": group})
    # glossary tooltips on each term's first use in each section (not on the glossary and reference pages)
    tooltips = definitions(kb.glossary)
    return {path: text if path.name in _UNMARKED_PAGES else mark_first_uses(text, tooltips)
            for path, text in out.items()}


def nav(kb: KnowledgeBase) -> list[dict[str, str]]:
    """The site's navigation: every page in PAGE_FILES order, titled as in the data."""
    titles = {page.id: page.title for page in kb.pages}
    return [{titles[page_id]: file} for page_id, file in PAGE_FILES.items() if page_id in titles]


def clinical_reviews(kb: KnowledgeBase) -> dict[str, Review]:
    """Page id -> the latest clinical review that covers it; a page without one is absent."""
    latest: dict[str, Review] = {}
    for review in sorted(kb.reviews, key=lambda r: r.date):
        for page in review.pages:
            latest[page] = review
    return latest


def rechecks(kb: KnowledgeBase, faq_files: dict[str, PurePosixPath] | None = None) -> list[dict[str, Any]]:
    """Facts with a `valid_until` date, soonest first: the date, what the fact is, and a link to it.

    `faq_files` (group -> file) places the questions of a split FAQ on their group's page.
    """
    due = []
    for collection in CITED_COLLECTIONS:
        for item in getattr(kb, collection):
            if item.valid_until is None:
                continue
            page = page_of_entry(collection, item)
            file = str(faq_files[item.group]) if collection == "faqs" and faq_files else PAGE_FILES[page]
            link = file + (f"#{item.id}" if collection in _ANCHORED else "")
            due.append({"until": item.valid_until, "title": plain_text(getattr(item, _TITLE_FIELD[collection])),
                        "link": link, "page": page})
    return sorted(due, key=lambda fact: fact["until"])


def _contact_link(contact: str) -> str:
    return contact if contact.startswith("https://") else f"mailto:{contact}"


def _group_page(faq_page: Page, group: str, count: int, words: Words) -> Page:
    """The FAQ page's entry, retitled for one group's page of a split FAQ (same review dates)."""
    phrase = ("%(count)s question on this topic. See [all topics](%(link)s) for the rest." if count == 1 else
              "%(count)s questions on this topic. See [all topics](%(link)s) for the rest.")
    return faq_page.model_copy(update={
        "title": group,
        "description": f"{faq_page.title}: {group}",
        "intro": words.format(phrase, count=count, link=PAGE_FILES["faq"]),
    })


def _render(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as exc:
        where = Location(f"templates/{exc.name or name}", exc.lineno or 0, 1)
        raise RenderError([Problem(where, f"template syntax error: {exc.message}")]) from None
    except jinja2.TemplateNotFound as exc:
        raise RenderError([Problem(Location(f"templates/{name}"), f"template '{exc.name}' not found")]) from None
    except jinja2.UndefinedError as exc:
        raise RenderError([Problem(_template_location(exc, name), f"template error: {exc.message}")]) from None


def _template_location(exc: BaseException, name: str) -> Location:
    """The innermost template frame of a traceback (Jinja rewrites frames to template lines)."""
    where = Location(f"templates/{name}")
    tb = exc.__traceback__ or sys.exc_info()[2]
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            where = Location(f"templates/{Path(filename).name}" if "partials" not in filename
                             else f"templates/partials/{Path(filename).name}", tb.tb_lineno, 1)
        tb = tb.tb_next
    return where


def _groups(kb: KnowledgeBase) -> dict[str, list[Any]]:
    """FAQs by group, groups in the order they first appear."""
    groups: dict[str, list[Any]] = {}
    for faq in kb.faqs:
        groups.setdefault(faq.group, []).append(faq)
    return groups


def cite(ids: list[str], references: dict[str, tuple[int, Reference]], words: Words | None = None) -> str:
    """Numbered links to the References page, grouped: '4, 6 (drug maker), 10–12, 38'.

    Each link's tooltip and accessible name give the short reference and its kind. A run of three or more
    consecutive numbers becomes one link ('10–12') whose name lists all of them; a manufacturer's source is
    never folded into a run, so its '(drug maker)' mark stays beside its own number.
    """
    words = words or Words()
    known = sorted(references[ref_id] for ref_id in set(ids) if ref_id in references)
    runs: list[list[tuple[int, Reference]]] = []
    for number, ref in known:
        run = runs[-1] if runs else None
        if run and run[-1][0] == number - 1 and not _by_maker(ref) and not _by_maker(run[-1][1]):
            run.append((number, ref))
        else:
            runs.append([(number, ref)])
    links = []
    for run in runs:
        if len(run) < 3:
            links += [_link(f"{n}", [(n, ref)], words) + (f" ({words.gettext('drug maker')})" if _by_maker(ref)
                                                           else "") for n, ref in run]
        else:
            links.append(_link(f"{run[0][0]}–{run[-1][0]}", run, words))
    return ", ".join(links)


def _by_maker(ref: Reference) -> bool:
    return ref.kind == "manufacturer"


def _link(text: str, refs: list[tuple[int, Reference]], words: Words) -> str:
    """One Markdown link to the first reference, named after every reference it stands for."""
    names = "; ".join(f"{n}. {_attribute(ref.label)}, {words.gettext(ref.kind)}" for n, ref in refs)
    noun = words.gettext("Source" if len(refs) == 1 else "Sources")
    return (f'[{text}](references.md#ref-{refs[0][1].id} "{names}")'
            f'{{ aria-label="{noun} {names}" }}')


@functools.lru_cache(maxsize=1024)  # the same few references are cited thousands of times in a large FAQ
def _attribute(text: str) -> str:
    """Text that is safe inside a quoted Markdown title and attr_list value."""
    return re.sub(r"[(){}]", "", plain_text(text).replace('"', "'"))


def _front_matter(kb: KnowledgeBase, page: Page, faqs: list[Faq], review: Review | None, words: Words,
                  alternates: dict[str, str]) -> str:
    language = words.language
    meta = {
        "title": page.title,
        "description": page.description,
        "jsonld": json.dumps(_json_ld(kb, page, faqs, review, language), ensure_ascii=False,
                             separators=(",", ":")).replace("</", "<\\/"),
        # every edition's address of this page, from the site's root (overrides/sitemap.xml: hreflang links)
        **({"alternates": alternates} if len(alternates) > 1 else {}),
        "this_page": words.gettext("This page:"),  # before the page's address on paper (overrides/main.html)
    }
    lines = ["---", GENERATED_MARK] + [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items()]
    return "\n".join(lines + ["---"])


def _json_ld(kb: KnowledgeBase, page: Page, faqs: list[Faq], review: Review | None,
             language: str = "en") -> list[dict[str, Any]]:
    """schema.org data for a page; `faqs` are the questions answered on it (an FAQPage when there are any).

    `lastReviewed` is the day the page was last checked against its sources; `reviewedBy` names a clinician
    only when a recorded clinical review covers the page.
    """
    web_page: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "description": page.description,
        "lastReviewed": page.last_reviewed.isoformat(),
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "inLanguage": language,
        "isPartOf": {"@type": "WebSite", "name": kb.site.title},
        "publisher": {"@type": "Organization", "name": kb.site.publisher},
    }
    if review is not None:
        web_page["reviewedBy"] = {"@type": "Person", "name": review.reviewer, "jobTitle": review.role}
    items = [web_page]
    if faqs:
        items.append({
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "mainEntity": [
                {"@type": "Question", "name": faq.question,
                 "acceptedAnswer": {"@type": "Answer", "text": plain_text(faq.answer)}}
                for faq in faqs],
        })
    return items


def long_date(value: dt.date, words: Words | None = None) -> str:
    """'2 December 2026'; in Spanish '2 de diciembre de 2026'."""
    words = words or Words()
    return words.format("%(day)s %(month)s %(year)s", day=value.day, month=words.gettext(MONTHS[value.month - 1]),
                        year=value.year)


