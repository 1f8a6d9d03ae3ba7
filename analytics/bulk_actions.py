"""One action on several tasks at once (the Giao việc page assigns or returns the tasks
it lists): each task is its own ``actions.act`` call, so one refusal stops nothing else.
No Streamlit here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from analytics.accounts import Account
from analytics.actions import ActionRefused, act
from analytics.store.connection import Database


@dataclass(frozen=True)
class Outcome:
    """What happened to one task: done, or refused with the refusal's two lines."""

    code: str
    ok: bool
    refused: ActionRefused | None = None

    def message(self, language: str = "vi") -> str:
        return "" if self.refused is None else self.refused.message(language)


def act_on_each(
    db: Database, account: Account, action: str, codes: list[str], *, on: date | None = None,
    today: date | None = None, channel: str = "app", **options: Any,
) -> list[Outcome]:  # fmt: skip
    """Do ``action`` on every task of ``codes`` in turn (each once, in the order given)."""
    outcomes = []
    for code in dict.fromkeys(codes):
        try:
            act(db, account, action, code, on=on, today=today, channel=channel, **options)
        except ActionRefused as refused:
            outcomes.append(Outcome(code, False, refused))
        else:
            outcomes.append(Outcome(code, True))
    return outcomes
