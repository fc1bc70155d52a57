"""Checks a process-improvement backlog and its first sprint (module flo-01).

Agile process design treats a service-management process as a product: the
process owner acts as its product owner, keeps one ordered backlog of user
stories for the process, and the improvement team pulls the top of that
backlog into short sprints. The backlog is the learner's own (Brightwater's
request fulfilment process, as in the template, or a process from their own
work): the validator holds no key.

Story form, as a plain regular expression (case-insensitive): "As a", "As an"
or "As the", then who, then "I want", then what, then "so that", then why;
commas are optional. The "who" must name a real role, not a placeholder from
``PLACEHOLDER_ROLES``.
"""

from __future__ import annotations

import re

from curriculum.validation import Check, Exercise
from curriculum.validation.toolkit import names_nobody, plural, word_count

from .schema import Backlog, Story

STORY = re.compile(
    r"^\s*as\s+(?:(?:an?|the)\s+)?(?P<who>.+?)\s*,?\s+"
    r"i\s*(?:want|need|would\s+like|'d\s+like|’d\s+like|wish)\s+(?P<what>.+?)\s*[,;]?\s+"
    r"(?:so\s+that|so|in\s+order\s+to|in\s+order\s+that)\s+(?P<why>.+?)\s*[.!]?\s*$",
    re.IGNORECASE | re.DOTALL,
)
#: roles that name nobody in particular
# fmt: off
PLACEHOLDER_ROLES = frozenset({
    "user", "users", "end user", "end-user", "customer", "customers", "stakeholder",
    "stakeholders", "person", "people", "someone", "somebody", "anyone", "everyone", "team",
    "it", "it department", "business", "requester", "employee", "member of staff", "role",
    "tbd",
})
# fmt: on
PLACEHOLDER_OWNERS = frozenset({"", "tbd", "tbc", "n/a", "none", "someone", "everyone", "team"})
MIN_WHY_WORDS = 3
MIN_CRITERION_WORDS = 3
MIN_GOAL_WORDS, MAX_GOAL_WORDS = 3, 60
#: a 'so that' about the process itself, which nobody in the notes asked for
PROCESS_GAIN = re.compile(
    r"\b(complian\w*|conform\w*|itil|best practice|"
    r"(the )?process (is|gets|will be) (followed|documented|standard\w*|aligned|compliant))\b",
    re.IGNORECASE,
)
#: acceptance criteria nobody could answer yes or no to (unless they give a number)
VAGUE_CRITERION = re.compile(
    r"\b(works? (well|fine|properly|better|as expected)|is (better|improved|easier|good|nice)|"
    r"(are|is|feel|feels) (happy|satisfied)|user[- ]friendly|easy to use|as expected)\b",
    re.IGNORECASE,
)


exercise = Exercise(schema=Backlog)


# --- helpers -------------------------------------------------------------------------------


def _role(who: str) -> str:
    """The role without a leading article or trailing punctuation, lower case."""
    role = " ".join(who.casefold().split()).strip(" ,.")
    return re.sub(r"^(?:the|a|an)\s+", "", role)


def _known_sprint_stories(backlog: Backlog) -> list[Story]:
    by_id = {s.id: s for s in backlog.backlog}
    chosen: list[Story] = []
    for story_id in dict.fromkeys(backlog.sprint_1.stories):
        if story_id in by_id:
            chosen.append(by_id[story_id])
    return chosen


# --- the rules -----------------------------------------------------------------------------


@exercise.rule(
    "BACKLOG-PRODUCT-OWNER",
    "The product owner is the process owner (the same role, ignoring capitals, 'the' or 'a' "
    "and a final full stop), and neither "
    "is a placeholder such as 'TBD' or 'team': in agile process design the person "
    "accountable for the process orders its backlog.",
)
def product_owner(backlog: Backlog, check: Check) -> None:
    nobody = [
        p
        for p in ("process_owner", "product_owner")
        if names_nobody(_role(getattr(backlog, p)), PLACEHOLDER_OWNERS)
    ]
    for path in nobody:
        check.fail(
            path,
            f"'{getattr(backlog, path)}' does not say who is accountable",
            "name the role, e.g. 'service desk team lead' or 'change manager'",
        )
    if not nobody and _role(backlog.product_owner) != _role(backlog.process_owner):
        check.fail(
            "product_owner",
            f"the product owner ('{backlog.product_owner}') is not the process owner "
            f"('{backlog.process_owner}')",
            "make the process owner the product owner: the person accountable for the "
            "process decides what the improvement team works on next",
        )


@exercise.rule(
    "BACKLOG-IDS",
    "Every story id is used only once, and sprint_1.stories lists only ids from the backlog, "
    "each once.",
)
def ids(backlog: Backlog, check: Check) -> None:
    seen: set[str] = set()
    for index, story in enumerate(backlog.backlog, 1):
        # by hand, not check.unique: that names the first use by its id, here the repeat itself
        if story.id in seen:
            check.fail(
                f"backlog[{index}].id",
                f"the id {story.id} is used more than once",
                "give every story its own id (B1, B2...)",
            )
        seen.add(story.id)
    for position, story_id in enumerate(backlog.sprint_1.stories, 1):
        if story_id not in seen:
            check.fail(
                f"sprint_1.stories[{position}]",
                f"sprint_1 lists '{story_id}', which is not a story in the backlog",
                "list the ids of backlog stories, e.g. [B1, B2, B3]",
            )
    check.unique(
        "sprint_1.stories",
        backlog.sprint_1.stories,
        what="story",
        hint="list each story once",
        # an id that is not in the backlog is reported above, each time, never as a repeat
        key=lambda story_id: story_id if story_id in seen else object(),
    )


@exercise.rule(
    "BACKLOG-RANKS",
    "The ranks are unique and contiguous: with n stories they are exactly 1, 2, ... n, in "
    "any order in the file.",
)
def ranks(backlog: Backlog, check: Check) -> None:
    ranks_ = [s.rank for s in backlog.backlog]
    expected = set(range(1, len(ranks_) + 1))
    check.unique(
        "backlog",
        ranks_,
        what="rank",
        field="rank",
        hint="a backlog is one ordered list: give every story its own rank, 1 for the "
        "most valuable",
    )
    seen = set(ranks_)
    missing = sorted(expected - seen)
    outside = sorted(r for r in seen if r not in expected)
    if missing or outside:
        detail = []
        if missing:
            detail.append("missing " + ", ".join(str(r) for r in missing))
        if outside:
            detail.append(
                "outside 1 to " + str(len(ranks_)) + ": " + ", ".join(str(r) for r in outside)
            )
        check.fail(
            "backlog",
            f"the ranks of the {len(ranks_)} stories are not 1 to {len(ranks_)} ("
            + "; ".join(detail)
            + ")",
            "number the stories 1, 2, 3... with no gaps and no repeats",
        )


@exercise.rule(
    "BACKLOG-STORY-FORM",
    "Every story reads 'As a <who>, I want <what>, so that <why>' ('I need' or 'I would like', "
    f"and 'so I can' or 'in order to', read the same), the 'so that' part has at least "
    f"{MIN_WHY_WORDS} words saying what the person gains, and that gain is not the process "
    "being compliant, audited or 'best practice', which nobody in the notes asked for.",
)
def story_form(backlog: Backlog, check: Check) -> None:
    for index, story in enumerate(backlog.backlog, 1):
        path = f"backlog[{index}].story"
        match = STORY.match(story.story)
        if match is None:
            check.fail(
                path,
                f"story {story.id} does not follow 'As a <who>, I want <what>, so that <why>'",
                "write who benefits, what they want and why, e.g. 'As a depot operations "
                "manager, I want one form for a new driver, so that the driver can scan on "
                "their first shift'",
            )
            continue
        if word_count(match.group("why")) < MIN_WHY_WORDS:
            check.fail(
                path,
                f"the 'so that' of story {story.id} has only "
                f"{plural(word_count(match.group('why')), 'word')}",
                "say what the person gains in their own work: what becomes possible, faster "
                "or safer",
            )
        elif gain := PROCESS_GAIN.search(match.group("why")):
            check.fail(
                path,
                f"the 'so that' of story {story.id} is a gain for the process "
                f"('{gain.group(0)}'), not for the person",
                "say what changes in the work of the person in the story, e.g. 'so that the "
                "driver can scan on their first shift'",
            )


@exercise.rule(
    "BACKLOG-WHO",
    "The <who> of every story names a real role (e.g. 'depot operations manager', "
    "'overnight analyst at FrontLine Support'), not a placeholder such as 'user', "
    "'customer', 'stakeholder', 'requester', 'employee', 'team' or 'IT'.",
)
def who(backlog: Backlog, check: Check) -> None:
    for index, story in enumerate(backlog.backlog, 1):
        match = STORY.match(story.story)
        if match is None:
            continue  # reported by BACKLOG-STORY-FORM
        role = _role(match.group("who"))
        if role in PLACEHOLDER_ROLES:
            check.fail(
                f"backlog[{index}].story",
                f"story {story.id} is written for '{match.group('who').strip()}', which could "
                "be anyone",
                "name the role whose work changes, so the team can ask them whether it "
                "worked: e.g. 'depot operations manager', 'people team officer'",
            )


@exercise.rule(
    "BACKLOG-ACCEPTANCE",
    "Every story has at least one acceptance criterion, and every criterion is a statement "
    "someone outside the team could check on a given day: not a fragment of one or two words, "
    "and not 'works well', 'is better' or 'users are happy' without a figure.",
)
def acceptance(backlog: Backlog, check: Check) -> None:
    for index, story in enumerate(backlog.backlog, 1):
        if not story.acceptance_criteria:
            check.fail(
                f"backlog[{index}].acceptance_criteria",
                f"story {story.id} has no acceptance criteria",
                "add at least one checkable statement, e.g. 'the form will not submit "
                "without a start date'",
            )
        for position, criterion in enumerate(story.acceptance_criteria, 1):
            vague = VAGUE_CRITERION.search(criterion)
            if word_count(criterion) < MIN_CRITERION_WORDS or (
                vague and not re.search(r"\d", criterion)
            ):
                check.fail(
                    f"backlog[{index}].acceptance_criteria[{position}]",
                    f"acceptance criterion {position} of story {story.id} ('{criterion}') "
                    + (f"leaves '{vague.group(0)}' to opinion" if vague else "cannot be checked"),
                    "write something a person could check and answer yes or no: who does "
                    "what, and what they see, e.g. 'the form will not submit without a start "
                    "date'",
                )


@exercise.rule(
    "BACKLOG-ESTIMATE-FITS",
    "Every story's estimate is no larger than the sprint's capacity, so that each story can be "
    "finished within one sprint.",
)
def estimate_fits(backlog: Backlog, check: Check) -> None:
    capacity = backlog.sprint.capacity_points
    for index, story in enumerate(backlog.backlog, 1):
        check.at_most(
            f"backlog[{index}].estimate_points",
            story.estimate_points,
            capacity,
            what=f"the estimate of story {story.id}",
            why="a story must fit in one sprint: split it into smaller stories that each "
            "deliver something usable, e.g. one depot first, or one kind of request first",
        )


@exercise.rule(
    "BACKLOG-SPRINT-TOTAL",
    "sprint_1.total_points equals the sum of the estimates of the stories it lists.",
)
def sprint_total(backlog: Backlog, check: Check) -> None:
    chosen = _known_sprint_stories(backlog)
    shown = " + ".join(f"{s.estimate_points} ({s.id})" for s in chosen) or "no known stories"
    check.close(
        "sprint_1.total_points",
        backlog.sprint_1.total_points,
        sum(s.estimate_points for s in chosen),
        how=f"the sum of the estimates of the stories in sprint_1: {shown}",
    )


@exercise.rule(
    "BACKLOG-SPRINT-FITS",
    "The stories in sprint_1 add up to no more than the sprint's capacity.",
)
def sprint_fits(backlog: Backlog, check: Check) -> None:
    chosen = _known_sprint_stories(backlog)
    check.at_most(
        "sprint_1.stories",
        sum(s.estimate_points for s in chosen),
        backlog.sprint.capacity_points,
        what="the total of the stories pulled into sprint 1",
        why="plan to the capacity the team has shown it can finish; leave the rest at the "
        "top of the backlog for the next sprint",
    )


@exercise.rule(
    "BACKLOG-SPRINT-ORDER",
    "sprint_1 takes stories in rank order: a story may be left out while a lower-ranked story "
    "is taken only if it would not have fitted in the capacity left after the higher-ranked "
    "stories the sprint takes.",
)
def sprint_order(backlog: Backlog, check: Check) -> None:
    chosen = {s.id for s in _known_sprint_stories(backlog)}
    if not chosen:
        return
    capacity = backlog.sprint.capacity_points
    ordered = sorted(backlog.backlog, key=lambda s: s.rank)
    lowest_taken = max(s.rank for s in ordered if s.id in chosen)
    for story in ordered:
        if story.id in chosen or story.rank > lowest_taken:
            continue
        used = sum(s.estimate_points for s in ordered if s.id in chosen and s.rank < story.rank)
        left = capacity - used
        if story.estimate_points <= left:
            later = [s.id for s in ordered if s.id in chosen and s.rank > story.rank]
            index = next(i for i, s in enumerate(backlog.backlog, 1) if s is story)
            check.fail(
                f"backlog[{index}]",
                f"story {story.id} (rank {story.rank}, {story.estimate_points} points) is left "
                f"out of sprint 1 although it fits the {left} points left, while "
                f"{', '.join(later)}, ranked lower, {'is' if len(later) == 1 else 'are'} taken",
                "pull the backlog from the top: take the higher-ranked story, or change the "
                "ranks if the product owner really wants the other first",
            )


@exercise.rule(
    "BACKLOG-SPRINT-GOAL",
    f"sprint_1.goal is one sentence ({MIN_GOAL_WORDS} to {MAX_GOAL_WORDS} words) saying what "
    "the sprint achieves for the people who use the process.",
)
def sprint_goal(backlog: Backlog, check: Check) -> None:
    check.word_count(
        "sprint_1.goal",
        backlog.sprint_1.goal,
        MIN_GOAL_WORDS,
        MAX_GOAL_WORDS,
        what="the sprint goal",
    )
