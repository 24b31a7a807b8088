"""What a test declares in the actualisation form: the tutorial's questions, word for word
(Etape 2), and :class:`Situation`. Test data, not page objects."""

from __future__ import annotations

from dataclasses import dataclass, field

TRAVAIL = "Avez-vous travaillé ou exercé une activité non salariée ?"
STAGE = "Avez-vous été en stage ?"
MALADIE = "Avez-vous été en arrêt maladie ?"
MATERNITE = "Avez-vous été en congé maternité ?"
RETRAITE = "Percevez-vous une nouvelle pension retraite ?"
INVALIDITE = "Percevez-vous une nouvelle pension d'invalidité de 2ème ou 3ème catégorie ?"
RECHERCHE = "Etes-vous toujours à la recherche d'un emploi ?"
QUESTIONS = [TRAVAIL, STAGE, MALADIE, MATERNITE, RETRAITE, INVALIDITE, RECHERCHE]


@dataclass
class Situation:
    """What a test declares: a question's answer, and the follow-up fields to type for it.

    The default is the tutorial's example: « Non » everywhere, still looking for a job.
    """

    answers: dict[str, str] = field(default_factory=lambda: {q: "Non" for q in QUESTIONS[:-1]}
                                    | {RECHERCHE: "Oui"})
    details: dict[str, dict[str, str]] = field(default_factory=dict)

    def but(self, question: str, answer: str, **fields: str) -> Situation:
        """A copy with one question answered differently (fields by label, ``_`` for spaces)."""
        details = dict(self.details)
        if fields:
            details[question] = {name.replace("_", " "): value for name, value in fields.items()}
        return Situation({**self.answers, question: answer}, details)
