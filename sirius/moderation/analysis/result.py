"""What an analysis finds, as plain data that round-trips through JSON (stored on the verbatim)."""

from dataclasses import asdict, dataclass, field


@dataclass(frozen=True)
class AnalysisContext:
    """What the analysis knows besides the text: words that are not personal data here.

    `allowed_terms` holds the establishment's names and the formation's commune: « CFA Jean
    Monnet » or « Saint-Étienne » must not be masked as a person's name.
    """

    allowed_terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Span:
    kind: str  # a PersonalDataKind value
    start: int  # offsets in the original text, end exclusive
    end: int
    text: str


@dataclass(frozen=True)
class ThemeTone:
    theme: str  # a Theme value
    tone: str  # a Tone value


@dataclass(frozen=True)
class TextAnalysis:
    spans: list[Span]
    masked: str
    insult: bool  # abuse aimed at a person, slur or threat: waits for a moderator
    vulgar: bool  # vulgar words only (« c'est de la merde les horaires »): publishable
    insult_terms: list[str]
    alert_kinds: list[str]  # AlertKind values; any alert means never published
    alert_terms: list[str]
    themes: list[ThemeTone]
    pepite: bool
    notes: list[str] = field(default_factory=list)

    @property
    def alert(self):
        return bool(self.alert_kinds)

    @property
    def personal_data_kinds(self):
        return sorted({span.kind for span in self.spans})

    @property
    def flagged(self):
        """Anything a moderator must look at before publication."""
        return bool(self.spans or self.insult or self.alert_kinds)

    def to_json(self):
        return asdict(self)

    @classmethod
    def from_json(cls, data):
        return cls(
            **{
                **data,
                "spans": [Span(**span) for span in data["spans"]],
                "themes": [ThemeTone(**theme) for theme in data["themes"]],
            }
        )

    def summary(self):
        """The public shape printed by `analyze_texts`, one JSON object per text."""
        return {
            "personal_data": self.personal_data_kinds,
            "insult": self.insult,
            "alert": self.alert,
            "themes": [theme.theme for theme in self.themes],
            "masked": self.masked,
        }
