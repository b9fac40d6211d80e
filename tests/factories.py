"""factory_boy factories for the whole project, with traits for the common variants."""

from datetime import timedelta

import factory
from django.utils import timezone

from sirius.accounts.enums import ObserverScope, Role
from sirius.accounts.models import User
from sirius.referentiel.enums import Niveau, Region
from sirius.referentiel.models import Establishment, Formation
from sirius.referentiel.search import normalize_search_text
from sirius.referentiel.validators import complete_siret, complete_uai

PASSWORD = "mot-de-passe-de-test-1"


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    siret = factory.Sequence(lambda n: complete_siret(f"{130000000 + n:09d}0001"))
    uai = factory.Sequence(lambda n: complete_uai(f"075{n % 10000:04d}"))
    raison_sociale = factory.Sequence(lambda n: f"CFA DES METIERS {n}")
    enseigne = factory.Sequence(lambda n: f"CFA des métiers n° {n}")
    code_postal = "75011"
    localite = "Paris"
    departement = "75"
    region = Region.ILE_DE_FRANCE
    # As the catalogue import fills it (sirius/referentiel/catalogue/records.py).
    search_text = factory.LazyAttribute(
        lambda e: normalize_search_text(
            " ".join((e.enseigne, e.raison_sociale, e.siret, e.uai, e.localite))
        )
    )


class FormationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Formation

    cle_ministere_educatif = factory.Sequence(lambda n: f"{n:06d}P01213000000000000000000000000")
    cfd = factory.Sequence(lambda n: f"3202{n % 10000:04d}")
    rncp = factory.Sequence(lambda n: f"RNCP{35000 + n}")
    intitule = "Management commercial opérationnel"
    diplome = "BTS"
    niveau = Niveau.BAC_2
    duree = 2
    code_postal = "75011"
    code_commune_insee = "75111"
    localite = "Paris"
    departement = "75"
    region = Region.ILE_DE_FRANCE
    latitude = 48.8589
    longitude = 2.3790
    formateur = factory.SubFactory(EstablishmentFactory)
    gestionnaire = factory.SelfAttribute("formateur")
    catalogue_hash = "factory"
    search_text = factory.LazyAttribute(
        lambda f: normalize_search_text(" ".join((f.intitule, f.diplome, f.cfd, f.rncp)))
    )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.fr")
    first_name = "Camille"
    last_name = "Martin"
    role = Role.ESTABLISHMENT
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        admin = factory.Trait(role=Role.ADMIN, is_staff=True, is_superuser=True)
        moderator = factory.Trait(role=Role.MODERATOR)
        observer_national = factory.Trait(role=Role.OBSERVER, scope_kind=ObserverScope.NATIONAL)
        observer_region = factory.Trait(
            role=Role.OBSERVER, scope_kind=ObserverScope.REGION, scope_code=Region.ILE_DE_FRANCE
        )

    @factory.post_generation
    def establishments(self, create, extracted, **kwargs):
        self.save()
        if extracted:
            self.establishments.set(extracted)


def _default_questionnaire_version():
    from sirius.questionnaires.models import QuestionnaireVersion

    return QuestionnaireVersion.objects.latest_published()


class CampaignFactory(factory.django.DjangoModelFactory):
    """An open campaign (from a week ago to two months ahead) with both doors."""

    class Meta:
        model = "campaigns.Campaign"

    name = factory.Sequence(lambda n: f"Campagne {n}")
    formation = factory.SubFactory(FormationFactory)
    questionnaire_version = factory.LazyFunction(_default_questionnaire_version)
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=7))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))
    invitations_enabled = True
    open_link_enabled = True

    class Params:
        closed = factory.Trait(
            opens_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=1)),
        )
        not_yet_open = factory.Trait(
            opens_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=1)),
            closes_on=factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30)),
        )
        invitations_only = factory.Trait(open_link_enabled=False)
        open_link_only = factory.Trait(invitations_enabled=False)


def invitation_create_for_test(campaign=None, **campaign_kwargs):
    """(invitation, raw token) through the real service: tokens exist only there."""
    from sirius.campaigns.services import invitation_create

    return invitation_create(campaign=campaign or CampaignFactory(**campaign_kwargs))


def verbatim_create_for_test(
    text="Les formateurs sont patients.",
    *,
    formation=None,
    invitation=False,
    status=None,
    question_id="commentaire_positif",
    submitted_at=None,
):
    """A verbatim of a submitted response, written directly (no analysis task runs).

    `invitation=True` answers through a personal invitation (an « avis vérifié » whose contact
    has an email address); `status` publishes or rejects it directly for read-side tests — use
    the moderation services to test decisions themselves.
    """
    from sirius.campaigns.models import Contact
    from sirius.moderation.enums import PUBLIC_STATUSES, ModerationStatus, RejectionReason
    from sirius.responses.enums import Channel
    from sirius.responses.models import Response, Verbatim
    from sirius.stats.services import verbatim_publication_changed

    from .responses.data import STORED_ANSWERS

    campaign = CampaignFactory(formation=formation) if formation else CampaignFactory()
    now = submitted_at or timezone.now()
    invitation_row = None
    if invitation:
        invitation_row, _token = invitation_create_for_test(campaign)
        contact = Contact.objects.create(
            formation=campaign.formation, email=f"apprenti{invitation_row.pk}@example.org"
        )
        invitation_row.contact = contact
        invitation_row.save(update_fields=["contact"])
    response = Response.objects.create(
        campaign=campaign,
        formation=campaign.formation,
        questionnaire_version=campaign.questionnaire_version,
        channel=Channel.INVITATION if invitation else Channel.OPEN_LINK,
        invitation=invitation_row,
        answers={**STORED_ANSWERS, question_id: text},
        started_at=now - timedelta(minutes=8),
        last_saved_at=now,
        submitted_at=now,
    )
    status = status or ModerationStatus.PENDING
    verbatim = Verbatim.objects.create(
        response=response,
        question_id=question_id,
        text=text,
        status=status,
        rejection_reason=RejectionReason.OFF_TOPIC if status == ModerationStatus.REJECTED else "",
        masked_text=text if status == ModerationStatus.PUBLISHED_MASKED else "",
        published_at=now if status in PUBLIC_STATUSES else None,
        decided_at=None if status == ModerationStatus.PENDING else now,
    )
    if status in PUBLIC_STATUSES:  # as the decision service does: counted as published
        verbatim_publication_changed(verbatim=verbatim, sign=1)
    return verbatim
