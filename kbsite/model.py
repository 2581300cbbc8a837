"""The knowledge base and the source outline as frozen, typed values.

Field docstrings become descriptions in `schema/faq.schema.json`, which editors
get as autocompletion. No I/O here.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from .pages import PAGE_FILES

__all__ = [
    "Strict", "Id", "Text", "PAGE_IDS", "EVIDENCE_LEVELS",
    "Site", "CrisisLine", "Page", "Reference", "Topic", "Condition", "Evidence",
    "Step", "SideEffect", "NotSuitable", "Faq", "Term", "Correction", "KnowledgeBase",
    "Point", "Section", "Excluded", "SourceOutline", "Question", "QuestionOutline", "REFERENCE_KINDS",
    "Review", "Change", "REVIEW_CYCLES", "Count", "Cell", "Cells", "Option", "AlsoAsk", "ClinicQuestion",
    "OPTION_ROWS",
]

_HTML = re.compile(r"<\s*/?\s*[a-z!?][^>]*>?", re.I)
_LINK_TARGET = re.compile(r"\]\s*\(\s*<?([^)>]*)|\]:\s*<?(\S*)")
"""A Markdown link's target: inline `[a](target)` or a reference definition `[a]: target` (also inside `>` or lists)."""
_BAD_SCHEMES = ("javascript", "data", "vbscript")
_SCRIPT_SCHEME = re.compile(r"(javascript|vbscript):", re.I)
_SNIPPET = re.compile(r"-{1,}8<-{1,}")
"""pymdownx.snippets' include marker: in a text field it would splice any file from docs/ into a page."""
_EVENT_ATTRIBUTE = re.compile(r"\{[^{}\n]*?\bon[a-z]+\s*=", re.I)
"""An attr_list such as `{: onclick="..." }`: Python-Markdown would put it on the element as live script."""


def _squash(value: str) -> str:
    """What a browser sees in a URL: entities decoded, whitespace and control characters dropped."""
    return re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(value)).lower()


def _bad_scheme(value: str) -> str | None:
    """The forbidden scheme of the first link that uses one (entity-encoded or split by tabs included)."""
    if ":" not in value and "&" not in value:  # no scheme, not even an entity-encoded one
        return None
    for match in _LINK_TARGET.finditer(value):
        target = _squash(match.group(1) or match.group(2) or "")
        for scheme in _BAD_SCHEMES:
            if target.startswith(scheme + ":"):
                return scheme
    found = _SCRIPT_SCHEME.search(_squash(value))
    return found.group(1) if found else None


def _safe_text(value: str) -> str:
    """Reject text that would put live markup or code into a page.

    Template syntax such as '{{ x }}' is allowed: it is data, printed as text, never evaluated.
    """
    found = _HTML.search(value)
    if found:
        raise ValueError(f"raw HTML '{found.group(0)[:30]}' is not allowed in text; write plain Markdown "
                         "(for a < sign followed by a letter, put a space after it)")
    scheme = _bad_scheme(value)
    if scheme:
        raise ValueError(f"'{scheme}:' links are not allowed; link to an https:// page")
    found = _EVENT_ATTRIBUTE.search(value)
    if found:
        raise ValueError(f"'{found.group(0)[:30]}' sets an event handler, which would run as script; remove it")
    if _SNIPPET.search(value):
        raise ValueError("'--8<--' would pull another file into the page; write the text here instead")
    return value


class Strict(BaseModel):
    """Base of every model: frozen, and unknown keys are errors (they are usually typos)."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)
    # Field docstrings become the JSON Schema's descriptions in kbsite/schema.py (read from this file there,
    # rather than by pydantic on every start: `use_attribute_docstrings` costs about 20 ms of each run).


Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$", min_length=1, max_length=80)]
"""A short lowercase id: letters, digits and dashes, such as `feder-2021`."""

Text = Annotated[str, StringConstraints(min_length=1, max_length=20_000), AfterValidator(_safe_text)]
"""Non-empty plain text or Markdown, with no raw HTML."""

def _no_double_quote(value: str) -> str:
    """The engines print a page's description into an HTML attribute as it is: a '"' would cut it short."""
    if '"' in value:
        raise ValueError("a double quote (\") would cut the page's description short in search results; use "
                         "single quotes or none")
    return value


Url = Annotated[str, StringConstraints(pattern=r"^(https?)://[^\s<>\"']+$", max_length=2000)]
"""An absolute web address; https:// is expected (http:// gives a warning)."""

def _contact(value: str) -> str:
    """An https:// address or an email address: what a reader can follow from the footer."""
    if not (_CONTACT_URL.fullmatch(value) or _CONTACT_EMAIL.fullmatch(value)):
        raise ValueError(f"{value!r:.60} is neither an https:// address nor an email address; write one, "
                         "such as https://your-site.org/contact or editors@your-site.org")
    return value


_CONTACT_URL = re.compile(r"https://[^\s<>\"'()\[\]]+")
_CONTACT_EMAIL = re.compile(r"[^\s@<>\"'()\[\]:/]+@[^\s@<>\"'()\[\]:/]+\.[A-Za-z]{2,}")

Contact = Annotated[str, StringConstraints(min_length=1, max_length=300), AfterValidator(_contact)]
"""An https:// address (a contact page) or an email address, such as `editors@your-site.org`."""

Doi = Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$", max_length=300)]
"""A DOI without the 'doi:' prefix, such as `10.1056/NEJMoa2302399`."""

PAGE_IDS = tuple(PAGE_FILES)
PageId = Literal[PAGE_IDS]  # type: ignore[valid-type]  # the pages of kbsite/pages.py, in navigation order

EVIDENCE_LEVELS: dict[str, tuple[str, str]] = {
    "approved": ("Approved (esketamine)", "A regulator approved this use for esketamine nasal spray (Spravato). "
                 "It does not mean a drip of ketamine is approved."),
    "good": ("Good evidence, off-label", "Several trials that compared ketamine with a dummy treatment found a "
             "benefit. No regulator has approved ketamine for this."),
    "some": ("Some evidence, off-label", "A few trials found a benefit, but they were small or had weak points."),
    "mixed": ("Mixed evidence, off-label", "Some trials found a benefit and others did not."),
    "early": ("Early evidence, off-label", "Only very small trials or looks back at past patient records. "
              "We do not know yet if it helps."),
}
"""Each evidence level: its label on the page and what it means (the table on the What it is used for page)."""
EvidenceLevel = Literal[tuple(EVIDENCE_LEVELS)]  # type: ignore[valid-type]


REFERENCE_KINDS = ("regulator", "guideline", "trial", "review", "study", "animal study", "manufacturer",
                   "news", "drug information", "law", "professional body", "patient information")
ReferenceKind = Literal["regulator", "guideline", "trial", "review", "study", "animal study", "manufacturer",
                        "news", "drug information", "law", "professional body", "patient information"]
"""regulator (FDA, MHRA, NICE decisions), guideline, trial, review (systematic or narrative), study (retrospective,
observational or a survey), animal study, manufacturer (press releases, company medical information, label
mirrors), news, drug information (drug monographs), law, professional body, patient information."""


class CrisisLine(Strict):
    """One place to get help now, shown in the crisis box on every page."""

    region: Text
    """Where it works, such as 'US' or 'UK and Ireland'."""
    how: Text
    """What to do, such as 'call or text 988'."""
    url: Url | None = None
    """The service's web address, if it has one."""
    source: Id
    """The reference id that backs this line."""


class Site(Strict):
    """Facts about the whole site."""

    title: Text
    """The site name in structured data; keep it the same as `site_name` in mkdocs.yml (the header and tab)."""
    description: Text
    """One or two sentences for search engines and link previews."""
    audience: Text
    """Who the site is written for."""
    disclaimer: Text
    """The 'not medical advice' line shown on every page."""
    crisis_intro: Text
    """The first line of the crisis box."""
    crisis_lines: list[CrisisLine] = Field(min_length=1)
    """Crisis services, shown on every page."""
    emergency: Text
    """What to do in an emergency, shown last in the crisis box."""
    crisis_short: Text | None = Field(default=None, max_length=70)
    """The crisis line at the top of every page, short enough for one line on a phone, such as 'Call or text 988
    (US), 116 123 (UK & Ireland)'. It follows 'In crisis?' and links to the full crisis box at the page's end."""
    publisher: Text
    """Who publishes the site and answers for it (a person or a group), shown on the About page and in every footer."""
    contact: Contact
    """How readers reach the publisher: an https:// contact page or an email address. `build --release` refuses a
    placeholder such as an example.org address."""
    funding: Text
    """Who pays for the site (writing, hosting), or that no one does; shown on the About page and in every footer."""
    conflicts: Text
    """The publisher's links to clinics, drug makers or products (conflicts of interest), or that there are none."""
    max_grade: float = Field(default=8.0, ge=1, le=18)
    """The highest Flesch-Kincaid grade a page may have; `check` fails a page above it."""
    max_entry_grade: float = Field(default=10.0, ge=1, le=18)
    """The highest Flesch-Kincaid grade one entry's prose may have (an answer, a body, a summary...), so one hard
    entry cannot hide in an easy page; `check` fails an entry above it."""
    review_warning_days: int = Field(default=90, ge=0, le=3650)
    """How many days before a review falls due `check` starts to warn."""


REVIEW_CYCLES = (12, 36)
"""The review cycles a page may have, in months: 12 for regulatory, legal or price facts, 36 (3 years) otherwise."""


class Page(Strict):
    """One page of the site: its title, summary, and when it was and will be checked against its sources."""

    id: PageId
    """Which page this is."""
    title: Text
    """The page heading and navigation label."""
    description: Annotated[Text, AfterValidator(_no_double_quote)] = Field(max_length=300)
    """One sentence for search results and link previews."""
    intro: Text
    """The opening paragraph(s), in Markdown."""
    last_reviewed: dt.date
    """When the page was last checked against its sources (YYYY-MM-DD); the footer says 'Last checked against its
    sources'. This is not a clinical review (see `reviews`). Moving it needs a `changes` entry of the same date that
    names the page."""
    next_review: dt.date
    """When the page must next be checked against its sources (YYYY-MM-DD): at most `review_cycle_months` after
    last_reviewed. The footer says 'Next check due'."""
    review_cycle_months: Literal[REVIEW_CYCLES]  # type: ignore[valid-type]
    """How often the page is checked against its sources, in months. 12 for a page that states regulatory, legal or
    price facts (approvals and label warnings, drug laws and schedules, rules, costs, insurance), which change
    without notice; 36 (3 years, the NHS pattern) for the rest, such as the glossary and the reference list.
    `check` fails when next_review is further than this after last_reviewed. A single fact due sooner gets its
    own `valid_until`."""

    @model_validator(mode="after")
    def _review_order(self) -> "Page":
        if self.next_review <= self.last_reviewed:
            raise ValueError(f"next_review {self.next_review} must be after last_reviewed {self.last_reviewed}")
        return self


class Reference(Strict):
    """A published source that facts cite by its id."""

    id: Id
    """The id facts use in `sources`, such as `anand-2023`."""
    citation: Text
    """The full citation: authors, title, journal or publisher, year."""
    short: Annotated[str, StringConstraints(min_length=1, max_length=80), AfterValidator(_safe_text)] | None = None
    """The short reference a reader sees on a citation number (its tooltip and accessible name): first author or
    organisation, the year if known, a few words of title, such as 'Feder 2021: repeated ketamine for PTSD'.
    The kind is added by the site. Left out, the start of the citation is used."""
    kind: ReferenceKind
    """What sort of source it is: say plainly when it is a manufacturer's, a news report or an animal study."""
    url: Url | None = None
    """A web address for the source."""
    doi: Doi | None = None
    """The DOI, if it has one."""

    @property
    def label(self) -> str:
        """The short reference, or the citation's first 80 characters when there is none."""
        if self.short:
            return self.short
        return self.citation if len(self.citation) <= 80 else self.citation[:79].rsplit(" ", 1)[0] + "…"

    @model_validator(mode="after")
    def _has_link(self) -> "Reference":
        if not self.url and not self.doi:
            raise ValueError("a reference needs a url or a doi so readers can find it")
        return self


class Count(Strict):
    """A number out of 100, drawn as a 10 x 10 icon array next to the text that states it."""

    in_100: int = Field(ge=0, le=100)
    """How many in 100, a whole number: 56 for 56 in 100 (round a percentage to the nearest whole number)."""
    outcome: Text
    """What happened to them, read after the number: 'people responded' gives '56 in 100 people responded'."""
    who: Text
    """Who was studied, such as 'adults with depression that had not improved on two medicines, in one trial'."""
    sources: list[Id] = Field(min_length=1)
    """Reference ids that give the number."""


class Cited(Strict):
    """An entry that states facts: it names its sources and the parts of the article it covers."""

    sources: list[Id] = Field(min_length=1)
    """Reference ids that back this entry; at least one."""
    covers: list[Id] = []
    """Ids of the sections or points of data/source.yaml, or the questions or points of data/questions.yaml, it covers."""
    valid_until: dt.date | None = None
    """For a fact due to change (a rule, a price, an approval): the date by which it must be checked again."""
    counts: list[Count] = []
    """Numbers out of 100 that the entry's text states, each drawn as an icon array (a picture of the number)."""


class Topic(Cited):
    """A block of prose on one page, under its own heading."""

    id: Id
    """A unique id."""
    page: PageId
    """The page it appears on."""
    heading: Text
    """Its heading."""
    body: Text
    """The text, in Markdown."""


class Evidence(Strict):
    """How strong the evidence for a use is."""

    level: EvidenceLevel
    """approved, good, some, mixed or early."""
    reason: Text
    """One line saying why, such as 'two small trials with mixed results'."""


class Condition(Cited):
    """Something ketamine is used for or studied in."""

    id: Id
    """A unique id, such as `depression`."""
    name: Text
    """The plain name, such as 'Depression that has not got better with other treatment'."""
    summary: Text
    """What the research shows, in plain words."""
    evidence: Evidence
    """How strong the evidence is."""
    approval: Text
    """What is approved and what is off-label."""
    cautions: list[Text] = []
    """Things to know before trying it for this."""


class Step(Cited):
    """A part of what a treatment is like."""

    id: Id
    """A unique id."""
    stage: Literal["before", "during", "after", "feel", "course"]
    """Where it belongs: before, during, after, how it feels, or the course of treatment."""
    heading: Text
    """Its heading."""
    body: Text
    """The text, in Markdown."""


class SideEffect(Cited):
    """A side effect or risk."""

    id: Id
    """A unique id."""
    kind: Literal["common", "serious", "misuse"]
    """common (on the day), serious, or misuse (outside a clinic)."""
    name: Text
    """Its plain name."""
    detail: Text
    """What it is and how often it happens."""
    how_long: Text
    """How long it usually lasts."""
    what_to_do: Text
    """What to do about it."""


class NotSuitable(Cited):
    """A group of people who should not have ketamine, or need extra care."""

    id: Id
    """A unique id."""
    group: Literal["should-not", "specialist-first", "plan-ahead"]
    """should-not (should not have it), specialist-first (needs a specialist's review first) or plan-ahead."""
    who: Text
    """Who, in plain words."""
    why: Text
    """Why, in plain words."""


class Faq(Cited):
    """A question a person weighing this treatment would ask, with its answer."""

    id: Id
    """A unique id; it becomes the question's link anchor."""
    question: Text
    """The question, as a reader would ask it."""
    answer: Text
    """The answer, in Markdown."""
    group: Text
    """The heading it is listed under on the FAQ page, such as 'Before you start'."""
    tags: list[Id] = []
    """Keywords for search."""


class Term(Strict):
    """A word or abbreviation explained in plain words, shown as a tooltip wherever it appears."""

    term: Text
    """The word as written on the page, such as 'NMDA' or 'dissociation'."""
    expansion: Text | None = None
    """What an abbreviation stands for, such as 'N-methyl-D-aspartate'."""
    definition: Text = Field(max_length=300)
    """A plain one-sentence meaning (it becomes the tooltip)."""


class Correction(Cited):
    """Where the source article overstates, and what is true instead."""

    id: Id
    """A unique id."""
    claim: Text
    """What the article says, in our words."""
    truth: Text
    """What the evidence shows."""


OPTION_ROWS: dict[str, str] = {
    "given": "How it is given",
    "schedule": "How often, and for how long",
    "onset": "How soon it may help",
    "helps": "How many it helps",
    "common_effects": "Common side effects",
    "serious_risks": "Serious risks",
    "day_time": "Time it takes on the day",
    "approval": "Approval (US and UK)",
    "cost": "Cost and coverage",
}
"""The rows of the Compare your options page, in order: the key in `cells` and the row's heading."""


class Cell(Strict):
    """One option's answer to one row: a sourced text, or why it is not known."""

    text: Text | None = None
    """What is known, in one to three short sentences, with numbers as 'X in 100' and who was studied."""
    not_known: Text | None = None
    """Instead of text: why nobody knows (for example, no trial has measured it). The page says 'Not known'."""
    sources: list[Id] = []
    """Reference ids that back the text; required with text."""
    counts: list[Count] = []
    """Numbers out of 100 the text states, drawn as icon arrays."""

    @model_validator(mode="after")
    def _text_or_not_known(self) -> "Cell":
        if (self.text is None) == (self.not_known is None):
            raise ValueError("write either text (with sources) or not_known (why it is not known), not both")
        if self.text is not None and not self.sources:
            raise ValueError("a cell with text needs sources: the reference ids that back it")
        return self


class Cells(Strict):
    """An option's answer to every row of the comparison (see OPTION_ROWS)."""

    given: Cell
    """How it is given."""
    schedule: Cell
    """How often and for how long."""
    onset: Cell
    """How soon it may help."""
    helps: Cell
    """How many it helps: X in 100, with who was studied."""
    common_effects: Cell
    """Common side effects."""
    serious_risks: Cell
    """Serious risks."""
    day_time: Cell
    """Time it takes on the day."""
    approval: Cell
    """Approval in the US and the UK."""
    cost: Cell
    """Cost and coverage."""


class Option(Strict):
    """One treatment option: a column of the Compare your options page."""

    id: Id
    """A short id, such as `iv-ketamine`."""
    name: Text
    """The option's name, the column heading."""
    summary: Text
    """One plain sentence saying what the option is."""
    cells: Cells
    """Its answer to every row."""
    covers: list[Id] = []
    """Ids of data/source.yaml or data/questions.yaml that it covers."""
    valid_until: dt.date | None = None
    """For a fact due to change (an approval, a price): the date by which it must be checked again."""

    @property
    def sources(self) -> list[str]:
        """Every reference its cells cite, in order, once each."""
        found: dict[str, None] = {}
        for _, cell in self.cells:
            for ref_id in [*cell.sources, *(ref for count in cell.counts for ref in count.sources)]:
                found.setdefault(ref_id)
        return list(found)


class AlsoAsk(Cited):
    """Another option to ask a clinician about, named without numbers (the sources are too thin to compare)."""

    id: Id
    """A short id."""
    name: Text
    """The option's name."""
    note: Text
    """One sentence saying what it is, with no numbers."""


class ClinicQuestion(Cited):
    """A question to ask a clinic, on the printable checklist."""

    id: Id
    """A short id."""
    question: Text
    """The question, as a reader would ask it (15 words or fewer, so the sheet fits one page)."""
    why: Text
    """Why it matters, in a sentence."""


class Review(Strict):
    """A clinical review: a named clinician checked these pages. Record only a review that really happened."""

    date: dt.date
    """When the clinician finished the review (YYYY-MM-DD)."""
    reviewer: Text
    """The clinician's name, as they agreed to be named on the site."""
    role: Text
    """Their profession and where they work or are registered, such as 'consultant psychiatrist, NHS'."""
    pages: list[PageId] = Field(min_length=1)
    """The pages they reviewed; only these say 'Medically reviewed by'."""


class Change(Strict):
    """One entry in the record of changes shown on the About page."""

    date: dt.date
    """When the change was made (YYYY-MM-DD). A page's last_reviewed date needs an entry of that date naming it."""
    pages: list[PageId] = Field(min_length=1)
    """The pages it changed or checked."""
    what: Text
    """What changed, in a sentence or two."""
    why: Text
    """Why it changed: a new source, a mistake fixed, a reader's question, a scheduled check."""


class KnowledgeBase(Strict):
    """Everything the site says, in one file: data/faq.yaml."""

    site: Site
    """Facts about the whole site."""
    pages: list[Page]
    """One entry per page: title, description, intro and review dates."""
    references: list[Reference] = Field(min_length=1)
    """Every source the site cites."""
    topics: list[Topic] = []
    """Prose blocks, each placed on a page."""
    conditions: list[Condition] = []
    """What ketamine is used for."""
    treatment: list[Step] = []
    """What a treatment is like: before, during, after, how it feels, the course."""
    side_effects: list[SideEffect] = []
    """Side effects and risks."""
    not_suitable_for: list[NotSuitable] = []
    """Who should not have ketamine."""
    faqs: list[Faq] = []
    """Questions and answers."""
    glossary: list[Term] = []
    """Plain meanings of medical words and abbreviations."""
    corrections: list[Correction] = []
    """Where the source article is wrong or overstated."""
    options: list[Option] = []
    """The treatment options compared side by side, in column order."""
    also_ask_about: list[AlsoAsk] = []
    """Other options to ask about, named without numbers."""
    clinic_questions: list[ClinicQuestion] = []
    """The questions to ask a clinic, in the order of the printable checklist."""
    reviews: list[Review] = []
    """Clinical reviews, if any; without one every page says no clinician has reviewed it yet."""
    changes: list[Change] = []
    """The record of changes, shown on the About page newest first."""


class Point(Strict):
    """A key point of a section of the source article, in our own words."""

    id: Id
    """A short id, unique within its section; entries cover it as `section.point`."""
    text: Text
    """The point, paraphrased."""
    excluded: Text | None = None
    """If set, the point is deliberately not covered, and this says why."""


class Section(Strict):
    """A section of the source article."""

    id: Id
    """A short id entries use in `covers`."""
    heading: Text
    """The heading as published."""
    points: list[Point] = Field(min_length=1)
    """Its key points."""


class Excluded(Strict):
    """A part of the source article the site leaves out on purpose."""

    heading: Text
    """The heading or a short description of the part."""
    reason: Text
    """Why it is left out."""


class Question(Strict):
    """A question readers ask that the source article does not answer."""

    id: Id
    """A short id entries use in `covers`; it must not be a section id of data/source.yaml."""
    question: Text
    """The question, as a reader would ask it."""
    points: list[Point] = Field(min_length=1)
    """What a full answer must say."""


class QuestionOutline(Strict):
    """data/questions.yaml: what readers ask beyond the source article; covered like the source outline."""

    title: Text
    """What this list is."""
    questions: list[Question] = Field(min_length=1)
    """Every question, each with the points a full answer makes."""


class SourceOutline(Strict):
    """data/source.yaml: the outline of the source article that coverage is measured against."""

    title: Text
    """The article's title as published."""
    file: Text
    """Where the article text lives, relative to the repository."""
    sections: list[Section] = Field(min_length=1)
    """Every section, in order."""
    excluded: list[Excluded] = []
    """Parts left out on purpose (marketing and the like), each with the reason."""
