"""`build --release` refuses what must not be published: placeholder addresses and unfilled details, each located."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from helpers import REPO, line_of, replace_in, run_build, run_in_process
from kbsite.load import load_kb
from kbsite.model import KnowledgeBase
from kbsite.release import is_placeholder_host, release_problems

MINI_CONTACT = "contact: https://example.org/contact"
MINI_SITE_URL = "site_url: https://example.org/ketamine-guide/"


def test_a_release_build_refuses_placeholder_addresses_and_builds_nothing(mini: Path) -> None:
    result = run_in_process(mini, "build", "--release", "--today", "2027-01-01")
    assert result.returncode == 1
    contact = line_of(mini / "data/faq.yaml", MINI_CONTACT)
    site_url = line_of(mini / "mkdocs.yml", MINI_SITE_URL)
    assert result.stderr.splitlines() == [
        f"data/faq.yaml:{contact}:12: site.contact: 'https://example.org/contact' is a placeholder; give a contact "
        "page or an email address that readers can really reach",
        f"mkdocs.yml:{site_url}:11: site_url: 'https://example.org/ketamine-guide/' is a placeholder; set it to the "
        "site's real address, such as https://YOUR-NAME.github.io/REPO-NAME/",
        "2 errors, 0 warnings",
    ]
    assert not (mini / "site").exists()


def test_check_release_lists_the_same_problems_and_a_plain_check_passes(mini: Path) -> None:
    release = run_in_process(mini, "check", "--release", "--today", "2027-01-01")
    assert release.returncode == 1
    assert [line.split(": ", 1)[1] for line in release.stderr.splitlines()[:2]] == [
        "site.contact: 'https://example.org/contact' is a placeholder; give a contact page or an email address that "
        "readers can really reach",
        "site_url: 'https://example.org/ketamine-guide/' is a placeholder; set it to the site's real address, such as "
        "https://YOUR-NAME.github.io/REPO-NAME/"]
    assert run_in_process(mini, "check", "--today", "2027-01-01").returncode == 0  # previews keep working


def test_unfilled_details_are_refused_where_they_are(mini: Path) -> None:
    faq = mini / "data/faq.yaml"
    replace_in(faq, "  funding: No one pays for this test guide.", "  funding: TODO say who pays")
    replace_in(faq, "  conflicts: The editors have no links to any clinic or drug maker.",
               "  conflicts: Not stated yet.")
    result = run_in_process(mini, "check", "--release", "--today", "2027-01-01")
    funding, conflicts = line_of(faq, "funding: TODO"), line_of(faq, "conflicts: Not stated yet.")
    assert result.stderr.splitlines()[1:3] == [
        f"data/faq.yaml:{funding}:12: site.funding: 'TODO say who pays' is a placeholder; say who pays for the site, "
        "or that no one does",
        f"data/faq.yaml:{conflicts}:14: site.conflicts: 'Not stated yet.' is a placeholder; declare the publisher's "
        "links to clinics, drug makers or products, or that there are none",
    ]


@pytest.mark.slow
def test_a_release_build_with_real_addresses_builds_the_site(mini: Path) -> None:
    replace_in(mini / "data/faq.yaml", MINI_CONTACT, "contact: editors@ketamine-guide.org.uk")
    replace_in(mini / "mkdocs.yml", MINI_SITE_URL, "site_url: https://someone.github.io/ketamine-guide/")
    result = run_build(mini, "build", "--release", "--today", "2027-01-01")
    assert result.returncode == 0, result.stderr
    about = (mini / "site/about/index.html").read_text(encoding="utf-8")
    assert 'href="mailto:editors@ketamine-guide.org.uk"' in about
    assert '<link rel="canonical" href="https://someone.github.io/ketamine-guide/about/">' in about


def mini_kb_with(contact: str) -> KnowledgeBase:
    kb, _ = load_kb(REPO / "tests/fixtures/mini/data/faq.yaml")
    return kb.model_copy(update={"site": kb.site.model_copy(update={"contact": contact})})


@pytest.mark.parametrize("config, expected", [
    ("site_name: x\n", "mkdocs.yml:1:1: site_url: is not set; set it to the site's real address, such as "
                       "https://YOUR-NAME.github.io/REPO-NAME/"),
    ("site_name: x\nsite_url: ''\n", "mkdocs.yml:2:11: site_url: is not set; set it to the site's real address, such as "
                                     "https://YOUR-NAME.github.io/REPO-NAME/"),
    ("site_name: x\nsite_url: http://guide.org.uk/\n",
     "mkdocs.yml:2:11: site_url: 'http://guide.org.uk/' must start with https://, so readers' connections stay private"),
    ("site_url: https://localhost:8000/\n",
     "mkdocs.yml:1:11: site_url: 'https://localhost:8000/' is a placeholder; set it to the site's real address, such as "
     "https://YOUR-NAME.github.io/REPO-NAME/"),
    ("site_url: [unclosed\n", "mkdocs.yml:2:1: YAML syntax error: expected ',' or ']', but got '<stream end>'"),
])
def test_site_url_must_be_a_real_https_address(config: str, expected: str) -> None:
    problems = release_problems(mini_kb_with("editors@guide.org.uk"), config)
    assert [str(p) for p in problems] == [expected]


@pytest.mark.parametrize("contact, refused", [
    ("editors@example.com", True), ("https://www.example.net/contact", True), ("editors@guide.test", True),
    ("editors@guide.org.uk", False), ("https://guide.org.uk/contact", False),
])
def test_a_contact_at_a_reserved_domain_is_a_placeholder(contact: str, refused: bool) -> None:
    problems = release_problems(mini_kb_with(contact), "site_url: https://guide.org.uk/\n")
    assert [str(p.location) for p in problems] == (["faq:site.contact"] if refused else [])


def test_reserved_and_local_hosts_are_placeholders() -> None:
    assert all(map(is_placeholder_host, ["example.org", "docs.example.com", "EXAMPLE.NET.", "site.invalid",
                                         "localhost", "127.0.0.1"]))
    assert not any(map(is_placeholder_host, ["example.org.uk", "myexample.org", "guide.org"]))


def test_make_site_release_passes_release_and_the_pages_workflow_uses_it() -> None:
    def site_command(*args: str) -> str:
        out = subprocess.run(["make", "--no-print-directory", "-n", "site", *args], cwd=REPO, capture_output=True,
                             text=True, timeout=60).stdout
        return next(line for line in out.splitlines() if "build.py build" in line)

    assert "build.py build --engine" in site_command("RELEASE=1") and site_command("RELEASE=1").endswith(" --release")
    assert "--release" not in site_command()
    workflow = (REPO / ".github/workflows/site.yml").read_text(encoding="utf-8")
    release = workflow.index("run: make site RELEASE=1\n")  # the build that publishes, on main, refuses placeholders
    assert "github.ref == 'refs/heads/main'" in workflow[workflow.rindex("- name:", 0, release):release]
