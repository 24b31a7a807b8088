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
# The follow-up fields' labels.
HOURS = "Heures travaillées dans le mois"
SALARY = "Montant total de votre ou vos salaires bruts réels ou estimés"
MOTIF = "Pour quel motif ?"


@dataclass
class Situation:
    """What a test declares: a question's answer, and the follow-up fields to type for it.

    The default is the tutorial's example: « Non » everywhere, still looking for a job.
    """

    answers: dict[str, str] = field(default_factory=lambda: {q: "Non" for q in QUESTIONS[:-1]}
                                    | {RECHERCHE: "Oui"})
    details: dict[str, dict[str, str]] = field(default_factory=dict)

    def answering(self, question: str, answer: str, fields: dict[str, str] | None = None) -> Situation:
        """A copy with one question answered differently, and its follow-up fields by label."""
        details = dict(self.details)
        if fields:
            details[question] = dict(fields)
        return Situation({**self.answers, question: answer}, details)

    def worked(self, hours: str, salary: str) -> Situation:
        return self.answering(TRAVAIL, "Oui", {HOURS: hours, SALARY: salary})

    def stage(self, du: str, au: str) -> Situation:
        return self.answering(STAGE, "Oui", {"Du": du, "Au": au})

    def sick(self, du: str, au: str) -> Situation:
        return self.answering(MALADIE, "Oui", {"Du": du, "Au": au})

    def maternity(self, start: str) -> Situation:
        return self.answering(MATERNITE, "Oui", {"Date de début": start})

    def retired(self, since: str) -> Situation:
        return self.answering(RETRAITE, "Oui", {"Depuis le": since})

    def invalidity(self, since: str) -> Situation:
        return self.answering(INVALIDITE, "Oui", {"Depuis le": since})

    def stopped_looking(self, since: str, motif: str | None = None) -> Situation:
        """« Non » to « toujours à la recherche d'un emploi ? », since a date, for a motif."""
        fields = {"Depuis le": since} | ({MOTIF: motif} if motif else {})
        return self.answering(RECHERCHE, "Non", fields)
