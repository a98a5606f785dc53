from __future__ import annotations

from pathlib import Path

import pytest

from briefer.clean import clean_article, clean_text, derive_title
from briefer.ingest import load

SEED_NOISE = [
    "View gallery",
    "(Photo:",
    "(Video:",
    "Footage of the scene in Doha",
    "Sheikh Mohammed bin Abdulrahman bin Jassim Al-Thani, Benjamin Netanyahu, Donald Trump",
    "The Israeli strike in Doha",
    "Alex Brandon",
    "Kolomoisky",
]


def test_seed_noise_is_gone_and_paragraphs_stay_apart(seed_path: Path) -> None:
    (raw,) = load([seed_path]).articles
    text = clean_article(raw).text
    for noise in SEED_NOISE:
        assert noise not in text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 16
    # The paragraph after the removed caption block starts on its own, not glued to a caption.
    assert paragraphs[2].startswith("Although the White House is pushing to resume ceasefire talks")
    assert paragraphs[5].startswith("The source close to Trump’s national security team said Rubio")
    assert paragraphs[-1].startswith("A Qatari official said, speaking anonymously,")


def test_credits_bylines_and_prompts() -> None:
    text = (
        "By . Jane Doe and John Roe .\n"
        "PUBLISHED: . 10:00 EST, 1 May 2014 | UPDATED: . 11:00 EST, 1 May 2014 .\n"
        "(CNN) -- The minister resigned on Monday.\n"
        "Scroll down for video\n"
        "(Photo: Getty Images)\n"
        "Share this article\n"
        "He said he had no regrets.\n"
        "He said he had no regrets.\n"
    )
    assert clean_text(text) == "The minister resigned on Monday.\n\nHe said he had no regrets."


def test_whitespace_is_normalised_and_quotes_kept() -> None:
    assert clean_text("A\u00a0 “quoted”\tword\u200b here.") == "A “quoted” word here."


def test_derived_title_drops_attribution_and_is_cut() -> None:
    assert derive_title("Talks resumed in Cairo on Monday, officials said. More text.") == "Talks resumed in Cairo on Monday"
    long = "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen."
    assert derive_title(long) == "One two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen…"


def test_seed_gets_a_derived_title(seed_path: Path) -> None:
    (raw,) = load([seed_path]).articles
    assert clean_article(raw).title == (
        "U.S. President Donald Trump and his top aides are concerned that Israel’s recent strike on Hamas…"
    )


def test_inline_video_prompt_and_its_caption_are_removed() -> None:
    text = (
        "She said the role was a gift. Scroll down for video Strictly business: The actress poses for a "
        "magazine shoot in May. The show returns next year."
    )
    assert clean_text(text) == "She said the role was a gift.\n\nThe show returns next year."


def test_named_datelines_are_dropped() -> None:
    assert clean_text("(The Hollywood Reporter)Stan Freberg died on Tuesday.") == "Stan Freberg died on Tuesday."
    assert clean_text("WASHINGTON (Reuters) - The Senate voted.") == "The Senate voted."


def test_an_agency_dateline_after_the_highlights_is_dropped() -> None:
    text = (
        "Holiday travel fears fail to materialize\n\n"
        "Share your pictures and stories with us.\n\n"
        "(CNN) -- The Pennsylvania official summed up a winter storm on Wednesday.\n\n"
        "He said the roads were clear by night."
    )
    assert clean_text(text).split("\n\n")[-2:] == [
        "The Pennsylvania official summed up a winter storm on Wednesday.",
        "He said the roads were clear by night.",
    ]
    # Deep in the story it is not a dateline: a paragraph is kept as written.
    late = "\n\n".join(f"Paragraph {n} of the story." for n in range(8)) + "\n\n(CNN) -- Said later."
    assert clean_text(late).endswith("(CNN) -- Said later.")


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Shamil Zhumatov/REUTERSThe UK may be forced to review its air defences.", "The UK may be forced to review its air defences."),
        ("Sean Gallup/Getty Images The talks resumed on Monday.", "The talks resumed on Monday."),
        ("Richard Vogel / AP Protesters gathered outside the court.", "Protesters gathered outside the court."),
        # A slash in a sentence is no credit.
        ("Input/output errors rose by a third.", "Input/output errors rose by a third."),
    ],
)
def test_a_photo_credit_glued_to_a_paragraph_is_dropped(text: str, kept: str) -> None:
    assert clean_text(text) == kept


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("WASHINGTON — Even by the standards of the capital, it died quickly.", "Even by the standards of the capital, it died quickly."),
        ("PALM BEACH, Fla. — President Trump lashed out again.", "President Trump lashed out again."),
        ("WEST PALM BEACH, Fla.—President Trump called U.S. troops.", "President Trump called U.S. troops."),
        ("WASHINGTON—The Senate voted on Friday.", "The Senate voted on Friday."),
        ("ATHENS, Greece (AP) — Millions of workers marked the day.", "Millions of workers marked the day."),
        ("KABUL, Afghanistan (AP) -- The father came to the U.S. long ago.", "The father came to the U.S. long ago."),
        ("NEW ORLEANS - Both analysts are paid to talk.", "Both analysts are paid to talk."),
        ("ST. LOUIS — A man was arrested on Monday.", "A man was arrested on Monday."),
        ("December 28, 2014: Markets opened lower on Monday.", "Markets opened lower on Monday."),
        # An acronym opening a sentence is no dateline: no dash, or no capital after it.
        ("NATO said it would act.", "NATO said it would act."),
        ("ICYMI – this is a fix for direct traffic.", "ICYMI – this is a fix for direct traffic."),
        ("U.S. - China talks resumed on Monday.", "U.S. - China talks resumed on Monday."),
    ],
)
def test_place_datelines_and_glued_dates_are_dropped(text: str, kept: str) -> None:
    assert clean_text(text) == kept
    # Only at the very start of the story.
    assert clean_text(f"The story begins here.\n\n{text}").endswith(text)
