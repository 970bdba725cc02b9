"""The Equity Impact worksheet's questions, as versioned data (research/methods.md §4).

Quick mode asks the three questions of seed 000; full mode walks the ten question areas of
Race Forward's Racial Equity Impact Assessment. A saved answer keeps the set's code and version,
so the wording can be corrected later without losing what someone wrote.
"""

from __future__ import annotations

QUICK = {
    "version": "2024-seed-000",
    "source": "We're All In Equity Impact Challenge",
    "questions": [
        (
            "impact",
            "How will this decision impact individuals from different backgrounds and "
            "identities within or outside the institution?",
        ),
        (
            "bias",
            "Are there any potential biases or inequities in the way this decision is "
            "being made or implemented?",
        ),
        (
            "steps",
            "What steps can I/we take to ensure that the decision promotes fairness and "
            "inclusivity, and how can I/we address any negative impacts identified?",
        ),
    ],
}
FULL = {
    "version": "race-forward-reia-1",
    "source": "Race Forward, Racial Equity Impact Assessment toolkit (question areas, paraphrased)",
    "questions": [
        (
            "stakeholders",
            "Identifying stakeholders: which racial and ethnic groups are most "
            "affected by, or concerned with, the decision?",
        ),
        (
            "engagement",
            "Engaging stakeholders: have the most affected groups been informed, "
            "meaningfully involved and represented? Who is missing, and how will they be engaged?",
        ),
        (
            "inequities",
            "Identifying and documenting inequities: who is most advantaged or "
            "disadvantaged now? What evidence exists, and what is missing?",
        ),
        (
            "causes",
            "Examining the causes: what produces or perpetuates the inequity? Does the "
            "decision address root causes?",
        ),
        (
            "purpose",
            "Clarifying the purpose: what does the decision try to do? Will it reduce disparities?",
        ),
        (
            "adverse",
            "Considering adverse impacts: what unintended harms could follow, for whom, "
            "and how can they be prevented?",
        ),
        (
            "equitable",
            "Advancing equitable impacts: what positive effects could follow, for "
            "whom, and how can they be maximised?",
        ),
        (
            "alternatives",
            "Examining alternatives or improvements: is there a better way? What "
            "should be changed or added?",
        ),
        (
            "viability",
            "Ensuring viability and sustainability: is it resourced and enforceable, "
            "with data collection, reporting, participation and accountability?",
        ),
        (
            "indicators",
            "Identifying success indicators: what benchmarks will show progress, and "
            "how will impact be evaluated?",
        ),
    ],
}
MODES = {"quick": QUICK, "full": FULL}


def as_markdown(title: str, description: str, mode: str, answers: dict[str, str]) -> str:
    """The worksheet as a plain document to keep, print or share by the person's own choice."""
    sheet = MODES[mode]
    parts = [f"# Equity impact assessment: {title}", "", description.strip(), ""]
    for code, question in sheet["questions"]:
        parts += [f"## {question}", "", answers.get(code, "").strip() or "(not answered)", ""]
    parts.append(f"Questions: {sheet['source']} ({sheet['version']}).")
    return "\n".join(parts).strip() + "\n"
